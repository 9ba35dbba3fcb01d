import { json } from './event-columns.js';
import { keyArnOf } from './key-sql.js';

/**
 * The values keytrail indexes for each entity kind of a record (src/core/normalize/entities.ts),
 * as ARRAY(VARCHAR) expressions over the events CTE, so `instance:`, `ctx:` and the bare word
 * match on Athena what they match in the index.
 */
const array = (parts: string[]): string => `filter(ARRAY[${parts.join(', ')}], v -> nullif(v, '') IS NOT NULL)`;
const jsonArray = (column: string, path: string): string => `coalesce(TRY_CAST(json_extract(${column}, '$.${path}') AS ARRAY(JSON)), ARRAY[])`;
const REQUEST = 'requestparameters';
const RESPONSE = 'responseelements';
const ADDITIONAL = 'additionaleventdata';

/** The instance id an EC2 principal or session name carries, as keytrail reads it. */
const instanceIn = (value: string): string => `nullif(regexp_extract(${value}, '(?:aws:ec2-infrastructure[:/]|assumed-role/[^/]+/|\\A[A-Z0-9]+:)(i-[0-9a-f]{8,17})\\z', 1), '')`;
const MODULE_INSTANCE = `nullif(regexp_extract(${json(ADDITIONAL, 'recipient.attestationDocumentModuleId')}, '\\A(i-[0-9a-f]{8,17})-enc[0-9a-f]+\\z', 1), '')`;
const itemIds = (column: string): string => `transform(${jsonArray(column, 'instancesSet.items')}, item -> json_extract_scalar(item, '$.instanceId'))`;

const INSTANCE = `filter(concat(ARRAY[${json(REQUEST, 'instanceId')}, ${json(REQUEST, 'roleSessionName')}, ${instanceIn(json(RESPONSE, 'assumedRoleUser.arn'))},
    ${instanceIn('principal')}, ${instanceIn('useridentity.principalid')}, ${instanceIn(json(REQUEST, 'granteePrincipal'))},
    ${instanceIn(json(REQUEST, 'retiringPrincipal'))}, ${MODULE_INSTANCE}], ${itemIds(REQUEST)}, ${itemIds(RESPONSE)},
    transform(${jsonArray(REQUEST, 'instanceIds')}, id -> json_extract_scalar(id, '$'))), v -> regexp_like(v, '\\Ai-[0-9a-f]{8,17}\\z'))`;

const CONTEXTS = [[REQUEST, 'encryptionContext'], [REQUEST, 'sourceEncryptionContext'], [REQUEST, 'destinationEncryptionContext'],
  [REQUEST, 'constraints.encryptionContextSubset'], [REQUEST, 'constraints.encryptionContextEquals']] as const;
const contextMap = (column: string, path: string): string => `TRY_CAST(json_extract(${column}, '$.${path}') AS MAP(VARCHAR, VARCHAR))`;
/** `name=value` pairs of every encryption context a call names, grant constraints included. */
const CTX = `concat(${CONTEXTS.map(([column, path]) => `coalesce(transform(map_keys(${contextMap(column, path)}), k -> k || '=' || ${contextMap(column, path)}[k]), ARRAY[])`).join(',\n    ')})`;

const EBS_VOLUMES = CONTEXTS.map(([column, path]) => `json_extract_scalar(${column}, '$.${path}["aws:ebs:id"]')`);
const VOLUME = `concat(${array(EBS_VOLUMES)}, filter(ARRAY[${json(REQUEST, 'volumeId')}, ${json(RESPONSE, 'volumeId')}], v -> v LIKE 'vol-%'))`;

/** Grant tokens are secrets: keytrail indexes `token:` and the first 16 hex digits of their SHA-256. */
const token = (value: string): string => `'token:' || substr(lower(to_hex(sha256(to_utf8(${value})))), 1, 16)`;
const GRANT = `concat(${array([json(RESPONSE, 'grantId'), json(REQUEST, 'grantId'), json(ADDITIONAL, 'grantId'),
  token(json(REQUEST, 'grantToken')), token(json(RESPONSE, 'grantToken'))])},
    transform(filter(${jsonArray(REQUEST, 'grantTokens')}, t -> json_extract_scalar(t, '$') <> ''), t -> ${token("json_extract_scalar(t, '$')")}))`;

const KEY_FIELDS = ['keyId', 'sourceKeyId', 'destinationKeyId', 'targetKeyId'].map((field) => json(REQUEST, field));
const KEY_NAMES = `concat(transform(coalesce(resources, ARRAY[]), r -> r.arn), ARRAY[${[...KEY_FIELDS, json(RESPONSE, 'keyId'), json(RESPONSE, 'keyMetadata.arn'),
  json(RESPONSE, 'keyMetadata.keyId')].join(', ')}])`;
/** Alias names: `alias/...` as written, or the name inside an alias ARN. */
const ALIAS = `filter(transform(concat(${KEY_NAMES}, ARRAY[${json(REQUEST, 'aliasName')}]), v -> CASE WHEN v LIKE 'alias/_%' THEN v
    WHEN regexp_like(v, '\\Aarn:aws[a-z-]*:kms:[a-z0-9-]*:[0-9]*:alias/.+\\z') THEN 'alias/' || regexp_extract(v, ':alias/(.+)\\z', 1) END), v -> v IS NOT NULL)`;
/** Key ids, lower case: inside key ARNs, or bare (UUID-shaped or mrk-). */
const KEY_ID = `filter(transform(${KEY_NAMES}, v -> CASE WHEN regexp_like(v, '\\Aarn:aws[a-z-]*:kms:[a-z0-9-]*:[0-9]*:key/.+\\z') THEN lower(regexp_extract(v, ':key/(.+)\\z', 1))
    WHEN regexp_like(v, '\\A(?i:[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12,}|mrk-[0-9a-f]{32})\\z') THEN lower(v) END), v -> v IS NOT NULL)`;

const ENCLAVE = array([json(ADDITIONAL, 'recipient.attestationDocumentModuleId')]);
const recipient = `TRY_CAST(json_extract(${ADDITIONAL}, '$.recipient') AS MAP(VARCHAR, JSON))`;
const IMAGE = `concat(${array([json(ADDITIONAL, 'recipient.attestationDocumentEnclaveImageDigest')])},
    transform(filter(coalesce(map_keys(${recipient}), ARRAY[]), k -> regexp_like(k, '\\AattestationDocumentEnclavePCR[0-9]+\\z') AND json_extract_scalar(${recipient}[k], '$') IS NOT NULL),
      k -> 'pcr' || regexp_extract(k, '([0-9]+)\\z', 1) || ':' || json_extract_scalar(${recipient}[k], '$')))`;

/** Entity kinds held in more than one place of a record, by filter field name. */
export const ENTITY_VALUES: Record<string, string> = {
  instance: INSTANCE,
  ctx: CTX,
  volume: VOLUME,
  grant: GRANT,
  alias: ALIAS,
  enclave: ENCLAVE,
  image: IMAGE,
  accesskey: array(['useridentity.accesskeyid', json(RESPONSE, 'credentials.accessKeyId')]),
  account: array(['recipientaccountid', 'useridentity.accountid']),
  keyid: KEY_ID,
};

/** One value per record: the column it is in (over the events CTE). */
export const EVENT_VALUE: Record<string, string> = {
  principal: 'principal', role: 'role', event: "nullif(eventname, '')", error: "nullif(errorcode, '')", ip: "nullif(sourceipaddress, '')",
  request: "nullif(requestid, '')",
};

/** Every key the record names, as the key ARN the index files it under (normalize/key-usage.ts). */
const KEY_ARNS = `filter(transform(concat(${KEY_NAMES}, ARRAY[${json(RESPONSE, 'replicaKeyMetadata.arn')}]), v -> ${keyArnOf('v', 'awsregion', 'recipientaccountid')}), v -> v IS NOT NULL)`;

/**
 * Every indexed value of a record the events CTE holds, for a bare word (which matches any entity
 * containing it): request ids are looked up, not searched; keys as the index holds them, by ARN
 * (a bare id is inside its ARN). The keys of calls by alias need `keyed` (filter-sql.ts adds them).
 */
export const ALL_VALUES = `concat(${array(Object.entries(EVENT_VALUE).filter(([field]) => field !== 'request').map(([, value]) => value))},
    ${Object.entries(ENTITY_VALUES).filter(([field]) => field !== 'keyid').map(([, values]) => values).join(', ')}, ${KEY_ARNS})`;
