import { KIND_OF_TYPE } from '../normalize/event-kind.js';
import { sqlLiteral } from './sql-text.js';

/**
 * What keytrail reads from a CloudTrail record, as expressions over AWS's documented CloudTrail
 * table: the same caller, role and actor class as src/core/normalize (identity.ts), so a filter
 * or rule means the same on Athena as on the index. Text fields are NULL when empty, as locally.
 */
const text = (column: string): string => `nullif(${column}, '')`;

/** The record's kind, as src/core/normalize/event-kind.ts reads it from eventType and eventCategory. */
export const EVENT_KIND = `CASE WHEN ${text('eventcategory')} = 'NetworkActivity' THEN 'network-activity'
    WHEN ${text('eventtype')} IS NULL THEN 'api-call'
    ${Object.entries(KIND_OF_TYPE).map(([type, kind]) => `WHEN eventtype = ${sqlLiteral(type)} THEN ${sqlLiteral(kind)}`).join('\n    ')}
    ELSE 'other' END`;

/** A scalar of a JSON text column (`requestparameters`, ...), NULL when absent or not a scalar. */
export const json = (column: string, path: string): string => `json_extract_scalar(${column}, '$.${path}')`;

export const TYPE = text('useridentity.type');
/** The session issuer when it is a role (src/core/normalize/identity.ts: a federated user's issuer is an IAM user). */
export const ROLE = `CASE WHEN useridentity.sessioncontext.sessionissuer.type = 'Role'
      OR (${text('useridentity.sessioncontext.sessionissuer.type')} IS NULL AND regexp_like(useridentity.sessioncontext.sessionissuer.arn, '\\Aarn:aws[a-z-]*:iam::[0-9]*:role/'))
    THEN ${text('useridentity.sessioncontext.sessionissuer.arn')} END`;

/** The caller as keytrail shows it: its ARN; a service by name; another account as `account:principalId`. */
export const PRINCIPAL = `CASE WHEN ${text('useridentity.arn')} IS NOT NULL THEN useridentity.arn
    WHEN ${TYPE} = 'AWSService' THEN ${text('useridentity.invokedby')}
    WHEN ${TYPE} = 'AWSAccount' AND ${text('useridentity.principalid')} IS NOT NULL
      THEN coalesce(${text('useridentity.accountid')}, '?') || ':' || useridentity.principalid
    ELSE ${text('useridentity.principalid')} END`;

const HUMAN_TYPES = "('IAMUser', 'Root', 'SAMLUser', 'WebIdentityUser', 'IdentityCenterUser')";

/**
 * service, human, workload or unknown, in keytrail's order: the identity type wins over the user
 * agent (humans' calls can carry "AWS Internal"). Over `principal` and `role` of the events CTE.
 * The console flag is read from AWS's top-level `sessioncredentialfromconsole` column.
 */
export const ACTOR = `CASE WHEN ${TYPE} = 'AWSService' OR ${text('useridentity.invokedby')} IS NOT NULL THEN 'service'
    WHEN regexp_like(principal, '(\\A|:)aws:ec2-infrastructure(/|:|\\z)|assumed-role/aws:ec2-infrastructure/') THEN 'service'
    WHEN ${TYPE} IN ${HUMAN_TYPES} THEN 'human'
    WHEN strpos(role, '/AWSReservedSSO_') > 0 THEN 'human'
    WHEN sessioncredentialfromconsole = 'true' THEN 'human'
    WHEN useragent = 'AWS Internal' OR regexp_like(useragent, '\\A[a-z0-9-]+\\.amazonaws\\.com\\z') THEN 'service'
    WHEN ${TYPE} IN ('AssumedRole', 'AWSAccount', 'FederatedUser') THEN 'workload'
    ELSE 'unknown' END`;

/** Who a baseline is about: a person's own principal, a workload's role (over the events CTE). */
export const SUBJECT = "CASE WHEN actor = 'human' OR role IS NULL THEN principal ELSE role END";

/** The event time in epoch seconds (with milliseconds), NULL when the record has no readable time. */
export const EVENT_SECONDS = 'to_unixtime(try(from_iso8601_timestamp(eventtime)))';

/**
 * Over the deduplicated records: the resource owner's copy (type AWSAccount) of a cross-account call whose
 * caller's copy, under the same sharedEventID, is also there (src/core/detect/event-kinds.ts). Records
 * without one are their own partition, so no window spans every record.
 */
export const OWNER_COPY_OF_LISTED_CALL = `coalesce(${text('sharedeventid')} IS NOT NULL AND ${TYPE} = 'AWSAccount'
    AND count_if(coalesce(${TYPE}, '') <> 'AWSAccount' AND ${EVENT_KIND} <> 'network-activity')
      OVER (PARTITION BY coalesce(${text('sharedeventid')}, eventid)) > 0, false)`;

/** Network-activity records (VPC endpoint events) are not API calls, and a call logged in two accounts counts once: no rule counts them as the call. */
export const API_CALL = `(${EVENT_KIND} <> 'network-activity' AND NOT owner_copy)`;
