import { grantTokenEntity } from '../../normalize/entities.js';
import { arrayField, text } from '../../normalize/fields.js';
import { API_CALL } from '../../athena/event-columns.js';
import { inList, OWN_CALL } from '../../athena/rule-sql.js';
import { anchoredEvents, loadRuleEvents, newEventsWith, type RuleEvent } from '../event-access.js';
import { asAttempt, type EventVerdict } from '../event-rule.js';
import { hitId, type TimedSeq } from '../hit-store.js';
import { keyAccount, shortKey, shortPrincipal } from '../names.js';
import { principalAccount } from '../../normalize/identity.js';
import type { DetectionContext, DetectionRule } from '../rule.js';

/** The grant's own identifiers, as the index keeps them (grant id, hashed grant token). */
function grantValues(event: RuleEvent): string[] {
  const values = [text(event.response?.grantId), text(event.request?.grantId)];
  for (const token of [event.request?.grantToken, event.response?.grantToken]) if (typeof token === 'string' && token) values.push(grantTokenEntity(token));
  return values.filter((value): value is string => value !== null);
}

function endingsOf(context: DetectionContext, values: string[]): TimedSeq[] {
  return values.flatMap((value) => anchoredEvents(context, {
    anchors: [{ kinds: ['grant'], value }], where: "e.name IN ('RetireGrant', 'RevokeGrant') AND e.error_code IS NULL", params: [],
  }));
}

function verdict(context: DetectionContext, grant: RuleEvent, ended: boolean): EventVerdict | null {
  const grantee = text(grant.request?.granteePrincipal) ?? '';
  if (/\.amazonaws\.com$/.test(grantee)) return null;
  const owner = keyAccount(context.keys, grant.keyRef) ?? grant.row.account;
  const account = principalAccount(grantee);
  if (account !== null && (account === owner || context.config.allow.accounts.includes(account))) return null;
  const operations = arrayField(grant.request?.operations).filter((item) => typeof item === 'string').join(', ') || 'unstated operations';
  const lifetime = ended ? 'it was later retired or revoked' : 'it was never retired or revoked in these logs';
  const what = `${shortPrincipal(grant.row.principal)} granted ${grantee || 'an unnamed grantee'}`;
  const on = `${operations} on ${shortKey(context.keys, grant.keyRef)}`;
  if (account === null) {
    return asAttempt(grant, { severity: ended ? 'low' : 'medium', title: 'Grant to an unknown grantee', reason: `${what} (no account can be read from it) ${on}; ${lifetime}.` });
  }
  return asAttempt(grant, { severity: ended ? 'medium' : 'high', title: 'Grant to another account', reason: `${what} in account ${account}, outside the key's account ${owner ?? '(unknown)'}, ${on}; ${lifetime}.` });
}

function judgeGrant(context: DetectionContext, grant: RuleEvent): void {
  const values = grantValues(grant);
  const endings = endingsOf(context, values);
  const found = verdict(context, grant, endings.length > 0);
  if (!found) return;
  const about = text(grant.response?.grantId) ?? grant.row.uid;
  context.hits.replace(hitId('grant-external', about), () => ({
    rule: 'grant-external', group: about, ...found, principal: grant.row.principal, keyRef: grant.keyRef, ip: grant.row.sourceIPAddress,
  }), [grant, ...endings]);
}

/**
 * Grants already reported that a new RetireGrant/RevokeGrant ends: only those hits are
 * judged again (reading every new retirement would cost more than the few hits).
 */
function grantsEndedNow(context: DetectionContext): TimedSeq[] {
  const open = context.db.prepare("SELECT grp FROM detection_hits WHERE rule = 'grant-external'").all() as Array<{ grp: string }>;
  return open.flatMap((hit) => {
    const anchors = [{ kinds: ['grant' as const], value: hit.grp }];
    const ended = anchoredEvents(context, { anchors, where: "e.name IN ('RetireGrant', 'RevokeGrant')", params: [], fromSeq: context.fromSeq });
    return ended.length > 0 ? anchoredEvents(context, { anchors, where: "e.name = 'CreateGrant'", params: [] }) : [];
  });
}

export const grantExternal: DetectionRule = {
  id: 'grant-external',
  title: 'Grant to another account',
  severity: 'high',
  summary: 'CreateGrant (not by an AWS service) to a grantee outside the key\'s account, or to an unknown grantee; less severe once retired or revoked',
  run(context) {
    // Grants AWS services make for their own use (EBS, RDS) go to their infrastructure: folded.
    const created = newEventsWith(context, 'event', ['CreateGrant'], { ownCallsOnly: true });
    const seen = new Set(created.map((event) => event.seq));
    const revisit = grantsEndedNow(context).filter((event) => !seen.has(event.seq) && seen.add(event.seq));
    for (const grant of loadRuleEvents(context, [...created, ...revisit])) judgeGrant(context, grant);
  },
  athena({ config }) {
    const grantee = "json_extract_scalar(requestparameters, '$.granteePrincipal')";
    const granteeAccount = `coalesce(nullif(regexp_extract(${grantee}, '\\Aarn:aws[a-z-]*:(?:iam|sts)::([0-9]{12}):', 1), ''), nullif(regexp_extract(${grantee}, '\\A([0-9]{12})(?::|\\z)', 1), ''))`;
    const owner = "coalesce(nullif(regexp_extract(element_at(key_arns, 1), '\\Aarn:aws[a-z-]*:kms:[^:]*:([0-9]{12}):', 1), ''), recipientaccountid)";
    const allowed = config.allow.accounts.length > 0 ? ` OR grantee_account IN ${inList(config.allow.accounts)}` : '';
    return {
      keys: true,
      ctes: [`grants AS (
  SELECT eventtime, principal, ${grantee} AS grantee, ${granteeAccount} AS grantee_account, ${owner} AS key_account, element_at(key_arns, 1) AS kms_key,
    json_extract_scalar(responseelements, '$.grantId') AS grant_id, eventid
  FROM keyed WHERE ${OWN_CALL} AND eventname = 'CreateGrant' AND NOT coalesce(${grantee} LIKE '%.amazonaws.com', false)
)`, `endings AS (
  SELECT coalesce(json_extract_scalar(requestparameters, '$.grantId'), json_extract_scalar(additionaleventdata, '$.grantId')) AS grant_id, eventid
  FROM events WHERE ${API_CALL} AND eventname IN ('RetireGrant', 'RevokeGrant') AND nullif(errorcode, '') IS NULL
)`],
      // Another account's grantee, or one no account can be read from; retired or revoked grants are less severe.
      select: `SELECT g.eventtime, g.principal, g.grantee, g.grantee_account, g.key_account, g.kms_key, g.grant_id, count(x.eventid) > 0 AS ended,
  concat(ARRAY[g.eventid], coalesce(array_agg(x.eventid) FILTER (WHERE x.eventid IS NOT NULL), ARRAY[])) AS eventids
FROM grants g LEFT JOIN endings x ON x.grant_id = g.grant_id
WHERE NOT (g.grantee_account IS NOT NULL AND (g.grantee_account = g.key_account${allowed}))
GROUP BY g.eventtime, g.principal, g.grantee, g.grantee_account, g.key_account, g.kms_key, g.grant_id, g.eventid
ORDER BY g.eventtime`,
    };
  },
};
