import { inCidr, isIpAddress, isPrivateIp as isPrivateIpSql } from '../../athena/ip-sql.js';
import { learningCte, OWN_CALL, RULE_EVENT } from '../../athena/rule-sql.js';
import { anyOf } from '../../athena/sql-text.js';
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

/** What the logs say about others using the address: only a first use that is this principal's own makes it new to everyone. */
function othersOnIp(context: DetectionContext, pair: TouchedPair): string {
  if (!newEverywhere(context, pair.value)) return '';
  return (firstSeen(context, 'ip', '', pair.value) ?? 0) >= pair.firstTime ? '; nobody in these logs had used it before' : '; nobody used it in the learning window either';
}

function savePrincipalIp(context: DetectionContext, pair: Wanted, events: TimedSeq[]): void {
  const others = othersOnIp(context, pair);
  context.hits.extend(pair.id, (span) => ({
    rule: 'new-source-ip', group: `principal:${pair.subject}`, severity: pair.severity,
    title: pair.human ? 'Person calling from a new IP' : 'Workload credentials used from outside its network',
    reason: `${shortPrincipal(pair.subject)} made ${span.events} call(s) from ${pair.value}, an address it never used in the learning window `
      + `(it called from ${listed(pair.known)})${others}.`,
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
      + `in the learning window the key was used from ${listed(learnedIps(context, 'key-ip', pair.subject))}.`,
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
    const reportable = (ip: string): string => `(${isIpAddress(ip)} AND NOT coalesce(${anyOf(config.allow.ipRanges.map((range) => inCidr(ip, range)))}, false))`;
    return {
      keys: true,
      ctes: [learningCte(config),
        `uses AS (SELECT ${RULE_EVENT}, nullif(sourceipaddress, '') AS ip, element_at(key_arns, 1) AS kms_key, actor FROM keyed WHERE ${OWN_CALL})`,
        `subject_first AS (SELECT subject, min(ts) AS first_ts FROM uses WHERE subject IS NOT NULL GROUP BY 1)`,
        `ip_first AS (SELECT ip, min(ts) AS first_ts FROM uses WHERE ip IS NOT NULL GROUP BY 1)`,
        `key_first AS (SELECT kms_key, min(ts) AS first_ts FROM uses WHERE kms_key IS NOT NULL GROUP BY 1)`,
        `subject_ip AS (SELECT subject, ip, min(ts) AS first_ts, max(CASE WHEN actor = 'human' THEN 1 ELSE 0 END) AS human FROM uses
  WHERE subject IS NOT NULL AND ip IS NOT NULL GROUP BY 1, 2)`,
        // What each subject used while learning: any address, and any public one.
        `learned AS (SELECT p.subject, count(*) AS addresses, sum(CASE WHEN ${reportable('p.ip')} AND NOT ${isPrivateIpSql('p.ip')} THEN 1 ELSE 0 END) AS public_addresses
  FROM subject_ip p CROSS JOIN learning l WHERE p.first_ts <= l.end_ts GROUP BY 1)`,
        // A person: any new address. A workload: a public address when it used only private ones while learning.
        `principal_ips AS (SELECT p.subject, p.ip FROM subject_ip p CROSS JOIN learning l JOIN subject_first s ON s.subject = p.subject
  LEFT JOIN learned x ON x.subject = p.subject
  WHERE p.first_ts > l.end_ts AND s.first_ts <= l.end_ts AND ${reportable('p.ip')}
    AND (p.human = 1 OR (NOT ${isPrivateIpSql('p.ip')} AND coalesce(x.addresses, 0) > 0 AND x.public_addresses = 0)))`,
        // A key used from a public address nobody used while learning.
        `key_ips AS (SELECT u.kms_key, u.ip FROM uses u CROSS JOIN learning l JOIN key_first k ON k.kms_key = u.kms_key JOIN ip_first i ON i.ip = u.ip
  WHERE u.kms_key IS NOT NULL AND i.first_ts > l.end_ts AND k.first_ts <= l.end_ts AND ${reportable('u.ip')} AND NOT ${isPrivateIpSql('u.ip')}
  GROUP BY 1, 2 HAVING min(u.ts) > max(l.end_ts))`],
      select: `SELECT 'principal' AS grouped_by, u.subject AS who, u.ip, from_unixtime(min(u.ts)) AS first_use, count(*) AS calls, array_agg(u.eventid) AS eventids
FROM uses u JOIN principal_ips p ON p.subject = u.subject AND p.ip = u.ip GROUP BY u.subject, u.ip
UNION ALL
SELECT 'key', u.kms_key, u.ip, from_unixtime(min(u.ts)), count(*), array_agg(u.eventid)
FROM uses u JOIN key_ips k ON k.kms_key = u.kms_key AND k.ip = u.ip GROUP BY u.kms_key, u.ip
ORDER BY first_use`,
    };
  },
};
