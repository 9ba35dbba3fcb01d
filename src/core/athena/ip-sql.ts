import { parseCidr } from '../query/cidr.js';
import { sqlLiteral } from './sql-text.js';

/**
 * Addresses as keytrail reads them (src/core/query/cidr.ts): an IPv4 dotted quad by arithmetic,
 * portable to any engine; IPv6 through Trino's IPADDRESS type. Over a text column.
 */
export function isIpv4(column: string): string {
  return `(regexp_like(${column}, '\\A[0-9]{1,3}(\\.[0-9]{1,3}){3}\\z') AND NOT regexp_like(${column}, '(\\A|\\.)0*([3-9][0-9]{2}|2[6-9][0-9]|25[6-9])(\\.|\\z)'))`;
}

const ipv4Value = (column: string): string => [1, 2, 3, 4]
  .map((part, index) => `TRY_CAST(split_part(${column}, '.', ${part}) AS BIGINT) * ${256 ** (3 - index)}`).join(' + ');

/** Whether the column's address is inside the range (`10.0.0.0/8`, `fc00::/7`); throws on a range that is not one. */
export function inCidr(column: string, range: string): string {
  const cidr = parseCidr(range);
  if (!cidr) throw new Error(`"${range}" is not an IP range (e.g. 203.0.113.0/24)`);
  if (cidr.family === 6) return `coalesce(contains(${sqlLiteral(range)}, TRY_CAST(${column} AS IPADDRESS)), false)`;
  const low = cidr.network << BigInt(32 - cidr.prefix);
  const high = low + (1n << BigInt(32 - cidr.prefix)) - 1n;
  return `(${isIpv4(column)} AND ${ipv4Value(column)} BETWEEN ${low} AND ${high})`;
}

/** Private, shared (CGNAT), loopback and link-local IPv4 ranges; IPv6 unique-local, link-local and loopback by prefix. */
export function isPrivateIp(column: string): string {
  const v4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16'].map((range) => inCidr(column, range));
  return `(${v4.join(' OR ')} OR regexp_like(lower(${column}), '\\Af[cd][0-9a-f]{0,2}:|\\Afe[89ab][0-9a-f]?:|\\A(0{0,4}:){2,7}0{0,3}1\\z|\\A::1\\z'))`;
}

/** An address at all (not `AWS Internal` or a host name): a dotted quad, or hex groups with colons. */
export function isIpAddress(column: string): string {
  return `(${isIpv4(column)} OR (strpos(${column}, ':') > 0 AND regexp_like(${column}, '\\A[0-9A-Fa-f:.]+\\z')))`;
}
