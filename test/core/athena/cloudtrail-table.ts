import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DUCKDB_MACROS } from './duckdb-dialect.js';

/**
 * AWS's documented CloudTrail table (the partition-projection DDL for an organization trail,
 * `keytrail athena ddl`) in DuckDB, loaded as the JSON SerDe reads records: struct fields by
 * name ignoring case, STRING columns holding nested JSON as its text. Partition columns come
 * from each object's S3 key, and `$path` is the object itself.
 */
const IDENTITY = `STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, invokedby VARCHAR, accesskeyid VARCHAR, username VARCHAR,
  onbehalfof STRUCT(userid VARCHAR, identitystorearn VARCHAR),
  sessioncontext STRUCT(attributes STRUCT(mfaauthenticated VARCHAR, creationdate VARCHAR),
    sessionissuer STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, username VARCHAR),
    ec2roledelivery VARCHAR, webidfederationdata STRUCT(federatedprovider VARCHAR, attributes MAP(VARCHAR, VARCHAR)), sourceidentity VARCHAR),
  credentialid VARCHAR)`;

export const COLUMNS: Record<string, string> = {
  eventversion: 'VARCHAR', useridentity: IDENTITY, eventtime: 'VARCHAR', eventsource: 'VARCHAR', eventname: 'VARCHAR', awsregion: 'VARCHAR',
  sourceipaddress: 'VARCHAR', useragent: 'VARCHAR', errorcode: 'VARCHAR', errormessage: 'VARCHAR', requestparameters: 'VARCHAR',
  responseelements: 'VARCHAR', additionaleventdata: 'VARCHAR', requestid: 'VARCHAR', eventid: 'VARCHAR', readonly: 'VARCHAR',
  resources: 'STRUCT(arn VARCHAR, accountid VARCHAR, type VARCHAR)[]', eventtype: 'VARCHAR', apiversion: 'VARCHAR', recipientaccountid: 'VARCHAR',
  serviceeventdetails: 'VARCHAR', sharedeventid: 'VARCHAR', vpcendpointid: 'VARCHAR', vpcendpointaccountid: 'VARCHAR', eventcategory: 'VARCHAR',
  sessioncredentialfromconsole: 'VARCHAR', tlsdetails: 'STRUCT(tlsversion VARCHAR, ciphersuite VARCHAR, clientprovidedhostheader VARCHAR)',
  // Partitions: the manual table's region/year/month/day, the org projection table's account/region/timestamp.
  region: 'VARCHAR', year: 'VARCHAR', month: 'VARCHAR', day: 'VARCHAR', account: 'VARCHAR', timestamp: 'VARCHAR', $path: 'VARCHAR',
};

type Json = Record<string, unknown>;

/** A STRING column: text as is, anything else as its JSON text (how the SerDe reads it). */
function asString(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A STRUCT column: field names lower-cased, leaves as strings, nested objects kept. */
function asStruct(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asStruct);
  if (value === null || typeof value !== 'object') return asString(value);
  return Object.fromEntries(Object.entries(value as Json).map(([name, field]) => [name.toLowerCase(), asStruct(field)]));
}

const STRUCT_COLUMNS = new Set(['useridentity', 'resources', 'tlsdetails']);

export function tableRow(record: Json, path: string): Json {
  const lower = new Map(Object.entries(record).map(([name, value]) => [name.toLowerCase(), value]));
  const row: Json = {};
  for (const column of Object.keys(COLUMNS)) row[column] = STRUCT_COLUMNS.has(column) ? asStruct(lower.get(column)) : asString(lower.get(column));
  const parts = /AWSLogs\/(?:o-[a-z0-9]+\/)?(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(path);
  Object.assign(row, { region: parts?.[2] ?? null, year: parts?.[3] ?? null, month: parts?.[4] ?? null, day: parts?.[5] ?? null,
    account: parts?.[1] ?? null, timestamp: parts ? `${parts[3]}/${parts[4]}/${parts[5]}` : null, $path: `s3://trail-bucket/${path}` });
  return row;
}

export function logFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? logFiles(path) : name.endsWith('.json.gz') ? [path] : [];
  });
}

/** Every record of a delivered tree, with its object's key (from AWSLogs/ on). */
export function readTrail(root: string): Array<{ record: Json; path: string }> {
  return logFiles(root).flatMap((file) => {
    const records = (JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records: Json[] }).Records;
    return records.map((record) => ({ record, path: relative(dirname(root), file).replace(/\\/g, '/') }));
  });
}

/** Creates `cloudtrail_logs` from every CloudTrail object under `root` (a tree as CloudTrail delivers it). */
export async function loadTrailTable(connection: DuckDBConnection, root: string, scratch: string): Promise<number> {
  for (const macro of DUCKDB_MACROS) await connection.run(macro);
  const lines = readTrail(root).map(({ record, path }) => JSON.stringify(tableRow(record, path)));
  const rows = join(scratch, 'rows.jsonl');
  writeFileSync(rows, lines.join('\n'));
  const columns = Object.entries(COLUMNS).map(([name, type]) => `'${name}': '${type.replace(/\s+/g, ' ')}'`).join(', ');
  await connection.run(`CREATE TABLE cloudtrail_logs AS SELECT * FROM read_json('${rows}', format = 'newline_delimited', columns = {${columns}})`);
  return lines.length;
}
