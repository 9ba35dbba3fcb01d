import { keyIdOf } from '../normalize/key-ref.js';
import { cidrContains, parseCidr } from '../query/cidr.js';
import { anchoredEvents, subjectAnchor, type AnchoredQuery } from './event-access.js';
import type { TimedSeq } from './hit-store.js';
import { matchesPattern, SUBJECT_SQL } from './names.js';
import type { DetectionContext } from './rule.js';

/** The events of a first-seen pair (never AWS services' own), through the rarer of its two values. */
const OWN = "e.actor <> 'service'";
const keyAnchor = (keyRef: string) => ({ kinds: ['key', 'alias'] as AnchoredQuery['anchors'][number]['kinds'], value: keyRef });

export function subjectIpQuery(subject: string, ip: string): AnchoredQuery {
  return { anchors: [subjectAnchor(subject), { kinds: ['ip'], value: ip }], where: `${OWN} AND ${SUBJECT_SQL} = ? AND e.ip = ?`, params: [subject, ip] };
}

export function keyIpQuery(keyRef: string, ip: string): AnchoredQuery {
  return { anchors: [keyAnchor(keyRef), { kinds: ['ip'], value: ip }], where: `${OWN} AND e.key_ref = ? AND e.ip = ?`, params: [keyRef, ip] };
}

export function keySubjectQuery(keyRef: string, subject: string): AnchoredQuery {
  return { anchors: [keyAnchor(keyRef), subjectAnchor(subject)], where: `${OWN} AND e.key_ref = ? AND ${SUBJECT_SQL} = ?`, params: [keyRef, subject] };
}

/** A pair hit's events: all of them when the hit is new, else only this run's (the hit grows). */
export function pairEvents(context: DetectionContext, id: string, query: AnchoredQuery): TimedSeq[] {
  const known = context.hits.existing(id) !== null;
  return anchoredEvents(context, { ...query, fromSeq: known ? context.fromSeq : 0 });
}

/** Event names of some events, for reasons: `Decrypt ×12, GenerateDataKey ×3`. */
export function eventNames(context: DetectionContext, events: TimedSeq[]): Array<string | null> {
  return context.db.prepare('SELECT name FROM events WHERE seq IN (SELECT value FROM json_each(?))').pluck()
    .all(JSON.stringify(events.map((event) => event.seq))) as Array<string | null>;
}

/** Private, shared (CGNAT), loopback and link-local ranges: addresses inside someone's network. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7', 'fe80::/10', '::1/128']
  .map((range) => parseCidr(range)!);

const inAny = (ranges: string[], ip: string): boolean => ranges.some((range) => {
  const cidr = parseCidr(range);
  return cidr !== null && cidrContains(cidr, ip);
});

/** A real address (not `AWS Internal` or a service host name) outside the allowed ranges. */
export function isReportableIp(context: DetectionContext, ip: string): boolean {
  if (ip.includes('/') || !parseCidr(ip)) return false;
  return !inAny(context.config.allow.ipRanges, ip);
}

export function isPrivateIp(ip: string): boolean {
  return PRIVATE_RANGES.some((cidr) => cidrContains(cidr, ip));
}

/** The config's `allow.principalsPerKey`: keys named by alias, key id or ARN; principals with `*`. */
export function principalAllowedOnKey(context: DetectionContext, keyRef: string, principal: string): boolean {
  const name = context.keys.resolve(keyRef);
  for (const [keySpec, principals] of Object.entries(context.config.allow.principalsPerKey)) {
    const sameKey = keySpec === keyRef || keySpec === name.display || name.aliases.includes(keySpec) || (name.keyId !== null && keyIdOf(keySpec) === name.keyId);
    if (sameKey && principals.some((pattern) => matchesPattern(pattern, principal))) return true;
  }
  return false;
}
