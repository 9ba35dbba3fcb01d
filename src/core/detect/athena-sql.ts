import { ACTOR_SQL, sqlLiteral } from '../query/athena.js';
import type { DetectionConfig } from './config.js';
import { parseLearningWindow } from './learning.js';
import type { AthenaOptions, DetectionRule } from './rule.js';

/**
 * Shared pieces of the rules' Athena (Trino) SQL over the standard CloudTrail table.
 * Text for a person to run elsewhere: values are quoted literals, never input to our index.
 */
export const EPOCH = 'to_unixtime(from_iso8601_timestamp(eventtime))';
export const NOT_SERVICE = `NOT ${ACTOR_SQL.service}`;
export const HUMAN = ACTOR_SQL.human!;
/** A person's own ARN, a workload's role (as the index's baselines do). */
export const SUBJECT = `CASE WHEN ${HUMAN} OR useridentity.sessioncontext.sessionissuer.arn IS NULL THEN coalesce(useridentity.arn, useridentity.accountid || ':' || useridentity.principalid) ELSE useridentity.sessioncontext.sessionissuer.arn END`;
/** The key ARN from resources[], else the keyId the request named. */
export const KEY = `coalesce(element_at(filter(resources, r -> r.arn LIKE 'arn:aws%:kms:%:key/%'), 1).arn, json_extract_scalar(requestparameters, '$.keyId'))`;

export const DATA_KEY_NAMES = ['Decrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'];
export const CRYPTO_FAILURE_NAMES = ['Decrypt', 'Encrypt', 'ReEncrypt', ...DATA_KEY_NAMES.slice(1)];

export function inList(values: readonly string[]): string {
  return `(${values.map(sqlLiteral).join(', ')})`;
}

/** The comment every rule's SQL starts with. */
export function athenaHeader(rule: Pick<DetectionRule, 'id' | 'summary'>): string {
  return `-- keytrail detect rule ${rule.id}: ${rule.summary}`;
}

/** The end of the learning window, in epoch seconds, over a CTE `base` with column `ts`. */
export function learningEndSql(config: DetectionConfig): string {
  const spec = parseLearningWindow(config.learningWindow) ?? { kind: 'share' as const, share: 0.25 };
  return spec.kind === 'share'
    ? `(SELECT min(ts) + (max(ts) - min(ts)) * ${spec.share} FROM base)`
    : `(SELECT min(ts) + ${spec.millis / 1000} FROM base)`;
}

/** The plain case: list the calls of some names, with who, where and the key. */
export function callsAthena(
  rule: Pick<DetectionRule, 'id' | 'summary'>,
  options: AthenaOptions,
  calls: { source: string; names: readonly string[]; columns?: string[]; where?: string },
): string {
  return [
    athenaHeader(rule),
    `SELECT eventtime, eventname, useridentity.arn AS principal, sourceipaddress, errorcode, ${KEY} AS kms_key,`,
    ...(calls.columns ?? []).map((column) => `       ${column},`),
    '       eventid',
    `FROM ${options.table}`,
    `WHERE eventsource = ${sqlLiteral(calls.source)} AND eventname IN ${inList(calls.names)}`,
    ...(calls.where ? [`  AND ${calls.where}`] : []),
    'ORDER BY eventtime;',
  ].join('\n');
}
