import { allowedOnKey, inList, KEY_USE_CTE, learningCte } from '../../athena/rule-sql.js';
import type { TouchedPair } from '../first-seen.js';
import { hitId, type TimedSeq } from '../hit-store.js';
import { keyAccount, shortKey, shortPrincipal } from '../names.js';
import { principalAccount } from '../../normalize/identity.js';
import { principalAllowedOnKey } from '../allow.js';
import { hitEventNames, hitSingleIp, reviewPairs } from '../pair-events.js';
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
    principal: subject, keyRef, ip: hitSingleIp(context, pair.id),
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
  athena({ config }) {
    const owner = "nullif(regexp_extract(kms_key, '\\Aarn:aws[a-z-]*:kms:[^:]*:([0-9]{12}):', 1), '')";
    const caller = "coalesce(nullif(regexp_extract(subject, '\\Aarn:aws[a-z-]*:(?:iam|sts)::([0-9]{12}):', 1), ''), nullif(regexp_extract(subject, '\\A([0-9]{12})(?::|\\z)', 1), ''))";
    const allowedAccounts = config.allow.accounts.length > 0 ? ` AND caller_account NOT IN ${inList(config.allow.accounts)}` : '';
    return {
      keys: true,
      ctes: [learningCte(config), KEY_USE_CTE,
        `across AS (SELECT u.*, ${owner} AS key_account, ${caller} AS caller_account FROM key_use u)`],
      // Low when the pair already did so in the learning window, high when it is new.
      select: `SELECT a.kms_key, a.key_account, a.subject AS principal, a.caller_account, from_unixtime(min(a.ts)) AS first_use, min(a.ts) <= max(l.end_ts) AS seen_while_learning,
  count(*) AS calls, array_agg(a.eventid) AS eventids
FROM across a CROSS JOIN learning l
WHERE a.key_account IS NOT NULL AND a.caller_account IS NOT NULL AND a.key_account <> a.caller_account${allowedAccounts}
  AND NOT coalesce(${allowedOnKey(config, 'a.kms_key', 'a.subject')}, false)
GROUP BY a.kms_key, a.key_account, a.subject, a.caller_account
ORDER BY first_use`,
    };
  },
};
