import { allowedOnKey, KEY_USE_CTE, learningCte } from '../../athena/rule-sql.js';
import { hasBaseline, type TouchedPair } from '../first-seen.js';
import { hitId, type TimedSeq } from '../hit-store.js';
import { shortKey, shortPrincipal } from '../names.js';
import { principalAllowedOnKey } from '../allow.js';
import { hitEventNames, hitSingleIp, reviewPairs } from '../pair-events.js';
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
    principal: subject, keyRef, ip: hitSingleIp(context, pair.id),
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
  athena({ config }) {
    return {
      keys: true,
      ctes: [learningCte(config), KEY_USE_CTE,
        `pair_first AS (SELECT kms_key, subject, min(ts) AS first_ts FROM key_use GROUP BY 1, 2)`,
        `key_first AS (SELECT kms_key, min(ts) AS first_ts FROM key_use GROUP BY 1)`],
      // New: first seen after the learning window, on a key used while learning, not allow-listed for it.
      select: `SELECT p.kms_key, p.subject AS principal, from_unixtime(p.first_ts) AS first_use, count(*) AS calls, array_agg(u.eventid) AS eventids
FROM pair_first p CROSS JOIN learning l JOIN key_first k ON k.kms_key = p.kms_key
JOIN key_use u ON u.kms_key = p.kms_key AND u.subject = p.subject
WHERE p.first_ts > l.end_ts AND k.first_ts <= l.end_ts AND NOT coalesce(${allowedOnKey(config, 'p.kms_key', 'p.subject')}, false)
GROUP BY p.kms_key, p.subject, p.first_ts
ORDER BY first_use`,
    };
  },
};
