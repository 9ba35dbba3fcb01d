import { athenaHeader, KEY, NOT_SERVICE, SUBJECT } from '../athena-sql.js';
import type { TouchedPair } from '../first-seen.js';
import { hitId, type TimedSeq } from '../hit-store.js';
import { keyAccount, principalAccount, shortKey, shortPrincipal } from '../names.js';
import { principalAllowedOnKey } from '../allow.js';
import { hitEventNames, reviewPairs } from '../pair-events.js';
import type { DetectionContext, DetectionRule } from '../rule.js';

function accounts(context: DetectionContext, keyRef: string, subject: string): { caller: string; owner: string } | null {
  const owner = keyAccount(context.keys, keyRef);
  const caller = principalAccount(subject);
  if (!owner || !caller || owner === caller) return null;
  if (context.config.allow.accounts.includes(caller) || principalAllowedOnKey(context, keyRef, subject)) return null;
  return { caller, owner };
}

function save(context: DetectionContext, pair: TouchedPair & { id: string }, across: { caller: string; owner: string }, events: TimedSeq[]): void {
  const [keyRef, subject] = [pair.subject, pair.value];
  const established = pair.firstTime <= context.learning.end;
  context.hits.extend(pair.id, (span) => ({
    rule: 'cross-account', group: keyRef, severity: established ? 'low' : 'high',
    title: established ? 'Cross-account key use (seen while learning)' : 'New cross-account key use',
    reason: `${shortPrincipal(subject)} of account ${across.caller} used ${shortKey(context.keys, keyRef)}, a key of account ${across.owner}: `
      + `${span.events} call(s) (${hitEventNames(context, pair.id)})${established ? '; it already did so in the learning window' : '; it never did so in the learning window'}.`,
    principal: subject, keyRef, ip: null,
  }), events);
}

export const crossAccount: DetectionRule = {
  id: 'cross-account',
  title: 'Cross-account key use',
  severity: 'high',
  summary: 'a principal of one account using a key of another (low when it already did so in the learning window)',
  run(context) {
    const idOf = (pair: TouchedPair) => hitId('cross-account', pair.subject, pair.value);
    reviewPairs(context, 'key-subject', (pair) => {
      const across = accounts(context, pair.subject, pair.value);
      return across ? { ...pair, id: idOf(pair), across } : null;
    }, (pair, events) => save(context, pair, pair.across, events), idOf);
  },
  athena({ table }) {
    return [
      athenaHeader(crossAccount),
      `SELECT ${SUBJECT} AS principal, coalesce(useridentity.accountid, regexp_extract(useridentity.arn, '::(\\d{12}):', 1)) AS caller_account,`,
      `       ${KEY} AS kms_key, min(eventtime) AS first_use, max(eventtime) AS last_use, count(*) AS calls, array_agg(eventid) AS eventids`,
      `FROM ${table}`,
      `WHERE eventsource = 'kms.amazonaws.com' AND ${NOT_SERVICE}`,
      `  AND regexp_extract(${KEY}, '^arn:aws[a-z-]*:kms:[^:]*:(\\d{12}):', 1) <> coalesce(useridentity.accountid, regexp_extract(useridentity.arn, '::(\\d{12}):', 1))`,
      `GROUP BY 1, 2, 3`,
      `ORDER BY first_use;`,
    ].join('\n');
  },
};
