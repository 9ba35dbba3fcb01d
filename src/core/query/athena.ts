import { getHit } from '../detect/hits-read.js';
import type { IndexDb } from '../index/open.js';
import { parseKeyRef } from '../normalize/key-ref.js';
import { parseFilter, type FilterTerm } from './filter-parse.js';

/**
 * Translates a filter into Athena (Trino) SQL over the standard CloudTrail table
 * (`CREATE EXTERNAL TABLE ... CloudTrailSerde`), for trails too big for one machine.
 * The output is text for a person to run elsewhere: every value is a quoted literal.
 */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function like(column: string, value: string): string {
  if (!value.includes('*')) return `${column} = ${sqlLiteral(value)}`;
  return `${column} LIKE ${sqlLiteral(value.replace(/[\\%_]/g, (ch) => `\\${ch}`).replace(/\*/g, '%'))} ESCAPE '\\'`;
}

function contains(column: string, value: string): string {
  return `${column} LIKE ${sqlLiteral(`%${value.replace(/[\\%_]/g, (ch) => `\\${ch}`).replace(/\*/g, '%')}%`)} ESCAPE '\\'`;
}

function anyOf(parts: string[]): string {
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

const TIME_UNITS: Record<string, string> = { s: 'SECOND', m: 'MINUTE', h: 'HOUR', d: 'DAY', w: 'DAY' };

function timeCondition(term: FilterTerm): string {
  const value = term.values[0] ?? '';
  const op = term.field.name === 'since' ? '>=' : '<';
  const age = /^(\d+)\s*([smhdw])$/i.exec(value);
  if (age) {
    const unit = age[2]!.toLowerCase();
    const amount = unit === 'w' ? Number(age[1]) * 7 : Number(age[1]);
    return `from_iso8601_timestamp(eventtime) ${op} current_timestamp - INTERVAL '${amount}' ${TIME_UNITS[unit]}`;
  }
  return `from_iso8601_timestamp(eventtime) ${op} from_iso8601_timestamp(${sqlLiteral(value)})`;
}

function keyCondition(db: IndexDb | null, value: string): string {
  const names = new Set<string>([value]);
  const ref = parseKeyRef(value);
  if (ref?.kind === 'key') names.add(ref.keyId);
  if (ref?.kind === 'alias' && db) {
    for (const keyId of db.prepare('SELECT DISTINCT key_id FROM aliases WHERE alias = ?').pluck().all(ref.alias) as string[]) names.add(keyId);
  }
  const parts = [...names].flatMap((name) => [
    `any_match(resources, r -> ${like('r.arn', name.includes('*') || name.startsWith('arn:') ? name : `*:key/${name}`)})`,
    like("json_extract_scalar(requestparameters, '$.keyId')", name),
  ]);
  return anyOf(parts);
}

function ctxCondition(value: string): string {
  const eq = value.indexOf('=');
  const name = eq >= 0 ? value.slice(0, eq) : value;
  const path = `'$.encryptionContext["${name.replace(/["\\]/g, '')}"]'`;
  if (eq < 0) return `json_extract_scalar(requestparameters, ${path}) IS NOT NULL`;
  return like(`json_extract_scalar(requestparameters, ${path})`, value.slice(eq + 1));
}

/** The `actor:` classes as Athena conditions (shared with the detections' Athena SQL). */
export const ACTOR_SQL: Record<string, string> = {
  service: "(useridentity.invokedby IS NOT NULL OR useridentity.type = 'AWSService' OR useragent = 'AWS Internal')",
  human: "(useridentity.type IN ('IAMUser', 'Root', 'SAMLUser', 'WebIdentityUser') OR useridentity.sessioncontext.sessionissuer.arn LIKE '%AWSReservedSSO\\_%' ESCAPE '\\')",
  workload: "(useridentity.type = 'AssumedRole' AND useridentity.invokedby IS NULL)",
  unknown: 'useridentity.type IS NULL',
};

/** A hit is local to this index: in Athena it is the list of its events' ids. */
function hitCondition(db: IndexDb | null, id: string): string {
  const ids = db ? getHit(db, id)?.eventIDs.map((uid) => uid.split('~')[0]!) ?? [] : [];
  return ids.length > 0 ? `eventid IN (${[...new Set(ids)].map(sqlLiteral).join(', ')})` : 'FALSE';
}

function valueCondition(db: IndexDb | null, term: FilterTerm, value: string): string {
  switch (term.field.name) {
    case 'key': return keyCondition(db, value);
    case 'principal': return value.includes('*') ? like('useridentity.arn', value) : anyOf([like('useridentity.arn', value), like('useridentity.arn', `*/${value}`)]);
    case 'role': return like('useridentity.sessioncontext.sessionissuer.arn', value.includes('*') || value.startsWith('arn:') ? value : `*/${value}`);
    case 'event': return like('eventname', value);
    case 'error': return value === '*' ? 'errorcode IS NOT NULL' : like('errorcode', value);
    case 'ip': return value.includes('/') ? `contains(${sqlLiteral(value)}, TRY_CAST(sourceipaddress AS IPADDRESS))` : like('sourceipaddress', value);
    case 'accesskey': return like('useridentity.accesskeyid', value);
    case 'account': return anyOf([like('recipientaccountid', value), like('useridentity.accountid', value)]);
    case 'request': return like('requestid', value);
    case 'id': return like('eventid', value);
    case 'hit': return hitCondition(db, value);
    case 'region': return like('awsregion', value);
    case 'source': return like('eventsource', value);
    case 'actor': return ACTOR_SQL[value] ?? 'FALSE';
    case 'ctx': return ctxCondition(value);
    case 'instance': case 'volume': case 'grant': case 'alias':
      return anyOf([contains('requestparameters', value), contains('responseelements', value), contains('useridentity.arn', value)]);
    case 'enclave': case 'image': return contains('additionaleventdata', value);
    default: return anyOf([contains('useridentity.arn', value), contains('requestparameters', value), contains('eventname', value)]);
  }
}

function termCondition(db: IndexDb | null, term: FilterTerm): string {
  const condition = term.field.target.type === 'time' ? timeCondition(term) : anyOf(term.values.map((value) => valueCondition(db, term, value)));
  return term.negate ? `NOT ${condition}` : condition;
}

/** The whole query; `db` (optional) lets alias names expand to the key ids this index learned. */
export function filterToAthena(filterText: string, options: { table?: string; db?: IndexDb | null; limit?: number } = {}): string {
  const parsed = parseFilter(filterText);
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((error) => error.message).join('; '));
  const table = options.table ?? 'cloudtrail_logs';
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(table)) throw new Error(`"${table}" is not a table name`);
  const where = parsed.terms.map((term) => termCondition(options.db ?? null, term));
  return [
    'SELECT eventtime, eventsource, eventname, useridentity.arn AS principal, sourceipaddress, errorcode,',
    "       json_extract_scalar(requestparameters, '$.keyId') AS keyid, eventid, requestid",
    `FROM ${table}`,
    where.length > 0 ? `WHERE ${where.join('\n  AND ')}` : '',
    'ORDER BY eventtime DESC',
    `LIMIT ${options.limit ?? 1000};`,
  ].filter((line) => line.length > 0).join('\n');
}
