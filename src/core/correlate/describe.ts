import type { Chain, ChainEvent, ChainLink } from './types.js';

/**
 * Plain phrases for a chain, shared by the CLI, the chain pane and the incident note.
 * They hold log data: sanitize (terminal) or escape (markdown) where they are shown.
 */

/** "instance i-81e2f56c: same instance id in granteePrincipal". */
export function linkText(link: ChainLink): string {
  return `${link.kind} ${link.value}: ${link.reason}`;
}

/** Why a member is in the chain, one phrase per shared value: "via ..." first, then "also ...". */
export function linkPhrases(event: ChainEvent): string[] {
  const also = (event.also ?? []).map((link) => `also ${linkText(link)}`);
  return event.link ? [`via ${linkText(event.link)}`, ...also] : also;
}

export type MemberRole = 'root' | 'origin' | 'folded';

/** What a member is to the chain: its root, the event asked about, an AWS call on someone's behalf. */
export function memberRoles(chain: Chain, event: ChainEvent): MemberRole[] {
  const roles: MemberRole[] = [];
  if (chain.root?.uid === event.uid) roles.push('root');
  if (chain.origin.uid === event.uid) roles.push('origin');
  if (event.folded) roles.push('folded');
  return roles;
}

/** "user/Alice (RunInstances cd75a605-...)", or null when the logs do not show the root. */
export function rootLabel(chain: Chain, shortPrincipal: (principal: string) => string): string | null {
  if (!chain.root) return null;
  const rootEvent = chain.events.find((event) => event.uid === chain.root?.uid);
  return `${shortPrincipal(chain.root.principal)} (${rootEvent?.eventName ?? 'event'} ${chain.root.eventID ?? chain.root.uid})`;
}
