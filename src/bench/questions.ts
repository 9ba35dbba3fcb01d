import type { TreeManifest } from './tree-manifest.js';

export type QuestionId = 'decrypt-per-principal' | 'instance' | 'principal-ip-time' | 'context';

/** What a tool answered: matching events, and for the grouped question the number of groups. */
export interface Answer {
  events: number;
  groups?: number;
}

/**
 * One question a responder asks, written three ways: a keytrail filter, the jq program
 * they would pipe `gzip -dc` into, and DuckDB SQL over the loaded tree (one JSON value
 * `e` per event, table `records`).
 */
export interface Question {
  id: QuestionId;
  title: string;
  filter: string;
  /** `facet`: count per principal (keytrail facets); `events`: list every matching event. */
  shape: 'facet' | 'events';
  jq: { program: string; args: Record<string, string>; slurp: boolean };
  sql: { text: string; params: Record<string, string> };
  /** What the generator counted while writing the tree, when it counted this question. */
  expected: Answer | null;
}

/** The middle half of the principal's active span, to whole seconds: a range that excludes events on both sides. */
function middleRange(from: string, to: string): { from: string; to: string } {
  const start = Date.parse(from);
  const span = Date.parse(to) - start;
  const iso = (ms: number) => `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
  return { from: iso(start + span / 4), to: iso(start + (span * 3) / 4) };
}

const EVENT_IDS = ' | .eventID';
/** Who called: the ARN, else the service that called, else the principal id (as keytrail names principals). */
const PRINCIPAL_SQL = `coalesce(${['arn', 'invokedBy', 'principalId'].map((field) => `json_extract_string(e, '$.userIdentity.${field}')`).join(', ')})`;
/** Where a KMS request carries an encryption context (ReEncrypt has two). */
const CONTEXT_FIELDS = ['encryptionContext', 'sourceEncryptionContext', 'destinationEncryptionContext'];

export function benchQuestions(manifest: TreeManifest): Question[] {
  const { hottestKey, instance, principalIp, encryptionContext } = manifest.probes;
  const range = middleRange(principalIp.from ?? manifest.window.from, principalIp.to ?? manifest.window.to);
  const [contextName = '', contextValue = ''] = encryptionContext.pair.split(/=(.*)/s);
  return [
    {
      id: 'decrypt-per-principal', title: 'Decrypt count per principal, one key', shape: 'facet',
      filter: `key:${hottestKey.arn} event:Decrypt`,
      jq: {
        program: '[inputs | .Records[] | select(.eventName == "Decrypt" and any(.resources[]?; .ARN == $arn)) | (.userIdentity | .arn // .invokedBy // .principalId)]'
          + ' | group_by(.) | map({principal: .[0], count: length}) | {events: (map(.count) | add // 0), groups: length}',
        args: { arn: hottestKey.arn }, slurp: true,
      },
      sql: {
        text: `SELECT ${PRINCIPAL_SQL} AS principal, count(*) AS count FROM records WHERE json_extract_string(e, '$.eventName') = 'Decrypt'`
          + " AND list_contains(json_extract_string(e, '$.resources[*].ARN'), $arn) GROUP BY 1",
        params: { arn: hottestKey.arn },
      },
      expected: { events: hottestKey.decryptEvents, groups: hottestKey.decryptPrincipals },
    },
    {
      id: 'instance', title: 'every event of one instance', shape: 'events', filter: `instance:${instance.instanceId}`,
      jq: { program: `.Records[] | select(tostring | contains($id))${EVENT_IDS}`, args: { id: instance.instanceId }, slurp: false },
      sql: { text: "SELECT json_extract_string(e, '$.eventID') FROM records WHERE contains(CAST(e AS VARCHAR), $id)", params: { id: instance.instanceId } },
      expected: { events: instance.events },
    },
    {
      id: 'principal-ip-time', title: 'one principal from one IP in a time range', shape: 'events',
      filter: `principal:${principalIp.principal} ip:${principalIp.ip} since:${range.from} until:${range.to}`,
      jq: {
        program: `.Records[] | select(.userIdentity.arn == $p and .sourceIPAddress == $ip and .eventTime >= $from and .eventTime <= $to)${EVENT_IDS}`,
        args: { p: principalIp.principal, ip: principalIp.ip, from: range.from, to: range.to }, slurp: false,
      },
      sql: {
        text: "SELECT json_extract_string(e, '$.eventID') FROM records WHERE json_extract_string(e, '$.userIdentity.arn') = $p AND json_extract_string(e, '$.sourceIPAddress') = $ip"
          + " AND json_extract_string(e, '$.eventTime') BETWEEN $from AND $to",
        params: { p: principalIp.principal, ip: principalIp.ip, from: range.from, to: range.to },
      },
      expected: null,
    },
    {
      id: 'context', title: 'one encryption-context value', shape: 'events', filter: `ctx:${encryptionContext.pair}`,
      jq: {
        program: `.Records[] | select(any(.requestParameters | (${CONTEXT_FIELDS.map((field) => `.${field}?`).join(', ')}); .[$name]? == $value))${EVENT_IDS}`,
        args: { name: contextName, value: contextValue }, slurp: false,
      },
      sql: {
        text: `SELECT json_extract_string(e, '$.eventID') FROM records WHERE $value IN (${CONTEXT_FIELDS.map((_, index) => `json_extract_string(e, $path${index})`).join(', ')})`,
        params: { value: contextValue, ...Object.fromEntries(CONTEXT_FIELDS.map((field, index) => [`path${index}`, `$.requestParameters.${field}."${contextName}"`])) },
      },
      expected: { events: encryptionContext.events },
    },
  ];
}
