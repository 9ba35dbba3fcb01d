import { learningCte, OWN_CALL, RULE_EVENT } from '../../athena/rule-sql.js';
import { firstSeen, hasBaseline, type TouchedPair } from '../first-seen.js';
import { hitId, type TimedSeq } from '../hit-store.js';
import { shortKey, shortPrincipal } from '../names.js';
import { isPrivateIp, isReportableIp } from '../allow.js';
import { reviewPairs } from '../pair-events.js';
import type { DetectionContext, DetectionRule } from '../rule.js';
import type { Severity } from '../types.js';

const MAX_LISTED_IPS = 3;

function learnedIps(context: DetectionContext, dimension: 'subject-ip' | 'key-ip', subject: string): string[] {
  return context.db.prepare('SELECT value FROM detection_first_seen WHERE dimension = ? AND subject = ? AND first_time <= ? ORDER BY first_time')
    .pluck().all(dimension, subject, context.learning.end) as string[];
}

function listed(ips: string[]): string {
  const shown = ips.slice(0, MAX_LISTED_IPS).join(', ');
  return ips.length > MAX_LISTED_IPS ? `${shown} and ${ips.length - MAX_LISTED_IPS} more` : shown || 'no address';
}

const newEverywhere = (context: DetectionContext, ip: string): boolean => (firstSeen(context, 'ip', '', ip) ?? 0) > context.learning.end;

type Wanted = TouchedPair & { id: string; severity: Severity; known: string[] };

/**
 * Whether a principal's new address is worth reporting: for a person, any new address (high
 * when nobody used it before); for a workload, whose private addresses come and go, only a
 * public address when it used nothing but private ones while learning (its credentials used outside).
 */
function principalVerdict(context: DetectionContext, pair: TouchedPair): Omit<Wanted, keyof TouchedPair | 'id'> | null {
  if (pair.firstTime <= context.learning.end || !isReportableIp(context, pair.value) || !hasBaseline(context, 'subject', pair.subject)) return null;
  if (!pair.human && isPrivateIp(pair.value)) return null;
  const known = learnedIps(context, 'subject-ip', pair.subject);
  if (pair.human) return { severity: newEverywhere(context, pair.value) ? 'high' : 'medium', known };
  const insideOnly = known.length > 0 && known.every((ip) => !isReportableIp(context, ip) || isPrivateIp(ip));
  return insideOnly ? { severity: 'medium', known } : null;
}

function savePrincipalIp(context: DetectionContext, pair: Wanted, events: TimedSeq[]): void {
  const nowhere = newEverywhere(context, pair.value);
  context.hits.extend(pair.id, (span) => ({
    rule: 'new-source-ip', group: `principal:${pair.subject}`, severity: pair.severity,
    title: pair.human ? 'Person calling from a new IP' : 'Workload credentials used from outside its network',
    reason: `${shortPrincipal(pair.subject)} made ${span.events} call(s) from ${pair.value}, an address it never used in the learning window `
      + `(it called from ${listed(pair.known)})${nowhere ? '; nobody in these logs had used it before' : ''}.`,
    principal: pair.subject, keyRef: null, ip: pair.value,
  }), events);
}

/** A key used from a public address that nobody used while learning (private addresses churn). */
function keyIpIsNew(context: DetectionContext, pair: TouchedPair): boolean {
  return pair.firstTime > context.learning.end && isReportableIp(context, pair.value) && !isPrivateIp(pair.value)
    && newEverywhere(context, pair.value) && hasBaseline(context, 'key', pair.subject);
}

function saveKeyIp(context: DetectionContext, pair: TouchedPair & { id: string }, events: TimedSeq[]): void {
  context.hits.extend(pair.id, (span) => ({
    rule: 'new-source-ip', group: `key:${pair.subject}`, severity: 'low', title: 'Key used from a new IP',
    reason: `${shortKey(context.keys, pair.subject)} was used ${span.events} time(s) from ${pair.value}, an address nobody used in the learning window; `
      + `the key was used from ${listed(learnedIps(context, 'key-ip', pair.subject))}.`,
    principal: null, keyRef: pair.subject, ip: pair.value,
  }), events);
}

export const newSourceIp: DetectionRule = {
  id: 'new-source-ip',
  title: 'New source IP',
  severity: 'medium',
  summary: 'a person, a workload\'s credentials, or a key used from an IP not seen for it in the learning window',
  run(context) {
    const principalId = (pair: TouchedPair) => hitId('new-source-ip', 'principal', pair.subject, pair.value);
    const keyId = (pair: TouchedPair) => hitId('new-source-ip', 'key', pair.subject, pair.value);
    reviewPairs(context, 'subject-ip', (pair) => {
      const verdict = principalVerdict(context, pair);
      return verdict ? { ...pair, id: principalId(pair), ...verdict } : null;
    }, (pair, events) => savePrincipalIp(context, pair, events), principalId);
    reviewPairs(context, 'key-ip', (pair) => (keyIpIsNew(context, pair) ? { ...pair, id: keyId(pair) } : null), (pair, events) => saveKeyIp(context, pair, events), keyId);
  },
  athena({ config }) {
    // People only: a person's calls from an address it never used while learning (workloads and keys: keytrail).
    return {
      ctes: [learningCte(config), `base AS (
  SELECT ${RULE_EVENT}, sourceipaddress AS ip FROM events
  WHERE ${OWN_CALL} AND actor = 'human' AND regexp_like(sourceipaddress, '\\A[0-9.]+\\z|:')
)`, `learned AS (SELECT DISTINCT b.subject, b.ip FROM base b CROSS JOIN learning l WHERE b.ts <= l.end_ts)`,
      `active AS (SELECT DISTINCT b.subject FROM base b CROSS JOIN learning l WHERE b.ts <= l.end_ts)`],
      select: `SELECT b.subject AS principal, b.ip, from_unixtime(min(b.ts)) AS first_use, count(*) AS calls, array_agg(b.eventid) AS eventids
FROM base b CROSS JOIN learning l JOIN active a ON a.subject = b.subject
LEFT JOIN learned x ON x.subject = b.subject AND x.ip = b.ip
WHERE x.ip IS NULL AND b.ts > l.end_ts
GROUP BY b.subject, b.ip
ORDER BY first_use`,
    };
  },
};
