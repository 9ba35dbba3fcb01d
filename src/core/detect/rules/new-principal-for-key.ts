import { athenaHeader, EPOCH, KEY, learningEndSql, NOT_SERVICE, SUBJECT } from '../athena-sql.js';
import { hasBaseline, type TouchedPair } from '../first-seen.js';
import { hitId, type TimedSeq } from '../hit-store.js';
import { shortKey, shortPrincipal } from '../names.js';
import { principalAllowedOnKey } from '../allow.js';
import { hitEventNames, reviewPairs } from '../pair-events.js';
import type { DetectionContext, DetectionRule } from '../rule.js';

/** Pairs first seen after learning, on keys that were in use while learning, not allow-listed. */
function isNew(context: DetectionContext, pair: TouchedPair): boolean {
  return pair.firstTime > context.learning.end && hasBaseline(context, 'key', pair.subject) && !principalAllowedOnKey(context, pair.subject, pair.value);
}

function save(context: DetectionContext, pair: TouchedPair & { id: string }, events: TimedSeq[]): void {
  const [keyRef, subject] = [pair.subject, pair.value];
  context.hits.extend(pair.id, (span) => ({
    rule: 'new-principal-for-key', group: keyRef, severity: 'low', title: 'New principal for a key',
    reason: `${shortPrincipal(subject)} used ${shortKey(context.keys, keyRef)}, which it never used in the learning window: ${span.events} call(s) so far (${hitEventNames(context, pair.id)}).`,
    principal: subject, keyRef, ip: null,
  }), events);
}

export const newPrincipalForKey: DetectionRule = {
  id: 'new-principal-for-key',
  title: 'New principal for a key',
  severity: 'low',
  summary: 'a principal using a key for the first time after the learning window (keys with no use while learning are skipped)',
  run(context) {
    const idOf = (pair: TouchedPair) => hitId('new-principal-for-key', pair.subject, pair.value);
    reviewPairs(context, 'key-subject', (pair) => (isNew(context, pair) ? { ...pair, id: idOf(pair) } : null), (pair, events) => save(context, pair, events), idOf);
  },
  athena({ table, config }) {
    return [
      athenaHeader(newPrincipalForKey),
      `WITH base AS (`,
      `  SELECT ${SUBJECT} AS principal, ${KEY} AS kms_key, ${EPOCH} AS ts, eventid FROM ${table}`,
      `  WHERE eventsource = 'kms.amazonaws.com' AND ${NOT_SERVICE}`,
      `), first_use AS (`,
      `  SELECT kms_key, principal, min(ts) AS first_ts FROM base WHERE kms_key IS NOT NULL GROUP BY 1, 2`,
      `), learned_keys AS (`,
      `  SELECT DISTINCT kms_key FROM base WHERE ts <= ${learningEndSql(config)}`,
      `)`,
      `SELECT f.kms_key, f.principal, from_unixtime(f.first_ts) AS first_use`,
      `FROM first_use f JOIN learned_keys k ON k.kms_key = f.kms_key`,
      `WHERE f.first_ts > ${learningEndSql(config)}`,
      `ORDER BY first_use;`,
    ].join('\n');
  },
};
