import type { Rng } from '../rng.js';
import { isoSeconds } from '../time-format.js';
import { aliasKeyAt, type OrgAlias, type OrgKey } from './org-world.js';

export type Json = Record<string, unknown>;

/** One record and what it is, as the generator knows it (never as keytrail reads it). */
export interface OrgRecord {
  record: Json;
  /** The key ARN the record used; null when it used none (its alias did not exist then). */
  key: string | null;
  /** The alias ARN, when the record names its key only by alias (no key in it). */
  aliasOnly: string | null;
  networkActivity: boolean;
}

const CRYPTO_CALLS = ['Decrypt', 'Encrypt', 'GenerateDataKey'] as const;

function caller(rng: Rng, account: string): Json {
  const session = rng.chance(0.5) ? `i-0${rng.hex(16)}` : `worker-${rng.int(40)}`;
  return {
    type: 'AssumedRole', principalId: `AROA${rng.hex(8).toUpperCase()}:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/app-${rng.int(4)}/${session}`, accountId: account,
  };
}

/** A KMS call as CloudTrail writes it, in `account`'s copy. */
export function kmsRecord(rng: Rng, time: number, account: string, region: string, fields: Json): Json {
  return {
    eventVersion: '1.09', userIdentity: caller(rng, account), eventTime: isoSeconds(time), eventSource: 'kms.amazonaws.com',
    eventName: rng.pick(CRYPTO_CALLS), awsRegion: region, sourceIPAddress: `10.${rng.int(256)}.${rng.int(256)}.${rng.int(256)}`,
    userAgent: 'aws-sdk-go-v2/1.30.0', requestParameters: null, responseElements: null, requestID: rng.uuid(), eventID: rng.uuid(),
    readOnly: true, resources: [], eventType: 'AwsApiCall', managementEvent: true, recipientAccountId: account,
    eventCategory: 'Management', ...fields,
  };
}

const resource = (key: OrgKey): Json => ({ accountId: key.account, type: 'AWS::KMS::Key', ARN: key.arn });

/** A call by alias name or alias ARN; the record shows the key in resources. Without a key (alias deleted): NotFound, alias only. */
export function aliasCall(rng: Rng, alias: OrgAlias, time: number): OrgRecord {
  const key = aliasKeyAt(alias, time);
  if (!key) return aliasOnlyCall(rng, alias, time);
  const keyId = rng.chance(0.2) ? alias.arn : alias.name;
  const record = kmsRecord(rng, time, alias.account, alias.region, { requestParameters: { keyId }, resources: [resource(key)] });
  return { record, key: key.arn, aliasOnly: null, networkActivity: false };
}

/** A failed call that names its key only by alias: no resources, so only the alias's history says which key. */
export function aliasOnlyCall(rng: Rng, alias: OrgAlias, time: number): OrgRecord {
  const key = aliasKeyAt(alias, time);
  const record = kmsRecord(rng, time, alias.account, alias.region, {
    requestParameters: { keyId: alias.name }, resources: undefined,
    errorCode: key ? 'KMSInvalidStateException' : 'NotFoundException',
    errorMessage: key ? 'The key is pending import.' : `Alias ${alias.arn} is not found.`,
  });
  return { record, key: key?.arn ?? null, aliasOnly: alias.arn, networkActivity: false };
}

/** A call by key ARN or bare key id (a bare id names a key of the caller's own account and region). */
export function keyCall(rng: Rng, key: OrgKey, time: number): OrgRecord {
  const keyId = rng.chance(0.5) ? key.arn : key.id;
  const record = kmsRecord(rng, time, key.account, key.region, { requestParameters: { keyId }, resources: [resource(key)] });
  return { record, key: key.arn, aliasOnly: null, networkActivity: false };
}

/** Another account uses the key by ARN: CloudTrail records the call in both accounts, with one sharedEventID. */
export function crossAccountCall(rng: Rng, key: OrgKey, callerAccount: string, time: number): OrgRecord[] {
  const shared = { requestParameters: { keyId: key.arn }, resources: [resource(key)], sharedEventID: rng.uuid() };
  const own = kmsRecord(rng, time, callerAccount, key.region, shared);
  const owner = { ...own, eventID: rng.uuid(), recipientAccountId: key.account };
  return [own, owner].map((record) => ({ record, key: key.arn, aliasOnly: null, networkActivity: false }));
}

/** A call denied by a VPC endpoint policy: a network-activity record, not the API call itself. */
export function endpointDenial(rng: Rng, key: OrgKey, time: number): OrgRecord {
  const record = kmsRecord(rng, time, key.account, key.region, {
    resources: [resource(key)], errorCode: 'VpceAccessDenied', errorMessage: 'The request was denied due to a VPC endpoint policy',
    eventType: 'AwsVpceEvent', managementEvent: undefined, eventCategory: 'NetworkActivity',
    vpcEndpointId: `vpce-0${rng.hex(16)}`, vpcEndpointAccountId: key.account,
  });
  return { record, key: key.arn, aliasOnly: null, networkActivity: true };
}

/** Another record with the same eventID that differs in its outcome (documentation examples do this). */
export function failedVariant(base: OrgRecord): OrgRecord {
  const record = { ...base.record, errorCode: 'AccessDeniedException', errorMessage: 'User is not authorized to perform: kms:Decrypt' };
  return { ...base, record };
}
