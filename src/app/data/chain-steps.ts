import { shortPrincipal } from '../../core/text/short-names.js';
import { linkPhrases, memberRoles, rootLabel, type MemberRole } from '../../core/correlate/describe.js';
import type { Chain, ChainLink } from '../../core/correlate/types.js';
import type { FieldName } from './chain-pivot.js';
import { pivotFieldOf } from './chain-pivot.js';

/** One row of the chain pane: a member, indented from the root, with why it is in the chain. Log data: fit when drawn. */
export interface ChainStep {
  seq: number;
  uid: string;
  depth: number;
  time: string | null;
  eventName: string | null;
  principal: string;
  /** The principal's whole ARN, for reading in full. */
  principalArn: string | null;
  roles: MemberRole[];
  /** The link's reason alone ("same instance id in granteePrincipal"): the timeline's last column. */
  why: string;
  /** "via instance i-...: same instance id in granteePrincipal", then "also ..." phrases. */
  phrases: string[];
  /** The value `p` pivots on: the member's link, else (the origin) its first shared value. */
  pivot: { field: FieldName; value: string } | null;
}

/** What the pane says above the timeline: the root, or what the logs lack instead. */
export function chainHeadline(chain: Chain): string {
  const root = rootLabel(chain, shortPrincipal);
  const cut = chain.truncated ? ' (cut short: more shared events than a chain reads)' : '';
  if (root) return `root: ${root}${cut}`;
  return `root unknown: ${chain.missing[0] ?? 'the logs do not show it'}${cut}`;
}

function pivotOf(link: ChainLink | null | undefined): ChainStep['pivot'] {
  return link ? { field: pivotFieldOf(link.kind), value: link.value } : null;
}

/** The chain as rows in time order, root at depth 0 (the indented timeline). */
export function chainSteps(chain: Chain): ChainStep[] {
  return chain.events.map((event) => ({
    seq: event.seq,
    uid: event.uid,
    depth: event.depth,
    time: event.eventTime,
    eventName: event.eventName,
    principal: shortPrincipal(event.principal),
    principalArn: event.principal,
    roles: memberRoles(chain, event),
    why: event.link?.reason ?? (event.uid === chain.origin.uid ? 'the event asked about' : ''),
    phrases: linkPhrases(event),
    pivot: pivotOf(event.link ?? event.also?.[0]),
  }));
}
