import { athenaHeader, EPOCH, KEY, learningEndSql, NOT_SERVICE, SUBJECT } from '../athena-sql.js';
import { firstSeen, hasBaseline, touchedPairs, type TouchedPair } from '../first-seen.js';
import { hitId } from '../hit-store.js';
import { shortKey, shortPrincipal } from '../names.js';
import { isReportableIp, keyIpQuery, pairEvents, subjectIpQuery } from '../pair-events.js';
import type { DetectionContext, DetectionRule } from '../rule.js';

const MAX_LISTED_IPS = 3;

function learnedIps(context: DetectionContext, dimension: 'subject-ip' | 'key-ip', subject: string): string {
  const ips = context.db.prepare('SELECT value FROM detection_first_seen WHERE dimension = ? AND subject = ? AND first_time <= ? ORDER BY first_time LIMIT ?')
    .pluck().all(dimension, subject, context.learning.end, MAX_LISTED_IPS + 1) as string[];
  const listed = ips.slice(0, MAX_LISTED_IPS).join(', ');
  return ips.length > MAX_LISTED_IPS ? `${listed} and others` : listed || 'no address';
}

function isNew(context: DetectionContext, pair: TouchedPair, baseline: 'subject' | 'key'): boolean {
  return pair.firstTime > context.learning.end && isReportableIp(context, pair.value) && hasBaseline(context, baseline, pair.subject);
}

/** A principal (a person, or a workload's role) calling from an address it never used while learning. */
function reviewPrincipalIp(context: DetectionContext, pair: TouchedPair): void {
  const id = hitId('new-source-ip', 'principal', pair.subject, pair.value);
  if (!isNew(context, pair, 'subject')) {
    if (!context.fresh) context.hits.delete(id);
    return;
  }
  const events = pairEvents(context, id, subjectIpQuery(pair.subject, pair.value));
  if (events.length === 0) return;
  const human = context.db.prepare('SELECT actor FROM events WHERE seq = ?').pluck().get(events[0]!.seq) === 'human';
  const nowhere = (firstSeen(context, 'ip', '', pair.value) ?? 0) > context.learning.end;
  const severity = human ? (nowhere ? 'high' : 'medium') : 'low';
  const known = learnedIps(context, 'subject-ip', pair.subject);
  context.hits.extend(id, (span) => ({
    rule: 'new-source-ip', group: `principal:${pair.subject}`, severity, title: 'Principal calling from a new IP',
    reason: `${shortPrincipal(pair.subject)} made ${span.events} call(s) from ${pair.value}, an address it never used in the learning window `
      + `(it called from ${known})${nowhere ? '; nobody in these logs had used it before' : ''}.`,
    principal: pair.subject, keyRef: null, ip: pair.value,
  }), events);
}

/** A key used from an address no one used it from while learning. */
function reviewKeyIp(context: DetectionContext, pair: TouchedPair): void {
  const id = hitId('new-source-ip', 'key', pair.subject, pair.value);
  if (!isNew(context, pair, 'key')) {
    if (!context.fresh) context.hits.delete(id);
    return;
  }
  const events = pairEvents(context, id, keyIpQuery(pair.subject, pair.value));
  if (events.length === 0) return;
  context.hits.extend(id, (span) => ({
    rule: 'new-source-ip', group: `key:${pair.subject}`, severity: 'low', title: 'Key used from a new IP',
    reason: `${shortKey(context.keys, pair.subject)} was used ${span.events} time(s) from ${pair.value}; in the learning window it was used only from ${learnedIps(context, 'key-ip', pair.subject)}.`,
    principal: null, keyRef: pair.subject, ip: pair.value,
  }), events);
}

export const newSourceIp: DetectionRule = {
  id: 'new-source-ip',
  title: 'New source IP',
  severity: 'medium',
  summary: 'a principal, or a key, used from an IP not seen for it in the learning window (high for a person on an IP nobody used before)',
  run(context) {
    for (const pair of touchedPairs(context, 'subject-ip')) reviewPrincipalIp(context, pair);
    for (const pair of touchedPairs(context, 'key-ip')) reviewKeyIp(context, pair);
  },
  athena({ table, config }) {
    return [
      athenaHeader(newSourceIp),
      `WITH base AS (`,
      `  SELECT ${SUBJECT} AS principal, ${KEY} AS kms_key, sourceipaddress AS ip, ${EPOCH} AS ts, eventid FROM ${table}`,
      `  WHERE ${NOT_SERVICE} AND regexp_like(sourceipaddress, '^[0-9.]+$|:')`,
      `), learned AS (`,
      `  SELECT DISTINCT principal, ip FROM base WHERE ts <= ${learningEndSql(config)}`,
      `), active AS (`,
      `  SELECT DISTINCT principal FROM base WHERE ts <= ${learningEndSql(config)}`,
      `)`,
      `SELECT b.principal, b.ip, from_unixtime(min(b.ts)) AS first_use, count(*) AS calls, array_agg(b.eventid) AS eventids`,
      `FROM base b JOIN active a ON a.principal = b.principal`,
      `LEFT JOIN learned l ON l.principal = b.principal AND l.ip = b.ip`,
      `WHERE l.ip IS NULL AND b.ts > ${learningEndSql(config)}`,
      `GROUP BY b.principal, b.ip`,
      `ORDER BY first_use;`,
      `-- per key: the same query with kms_key in place of principal.`,
    ].join('\n');
  },
};
