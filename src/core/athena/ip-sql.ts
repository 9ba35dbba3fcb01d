import { isIP } from 'node:net';
import { sqlLiteral } from './sql-text.js';

/**
 * Addresses as keytrail reads them (src/core/query/cidr.ts): an IPv4 dotted quad by arithmetic,
 * portable to any engine; IPv6 through Trino's IPADDRESS type. Over a text column.
 */
export function isIpv4(column: string): string {
  return `(regexp_like(${column}, '\\A[0-9]{1,3}(\\.[0-9]{1,3}){3}\\z') AND NOT regexp_like(${column}, '(\\A|\\.)0*([3-9][0-9]{2}|2[6-9][0-9]|25[6-9])(\\.|\\z)')`
    // A leading zero (`010.1.2.3`) reads as octal to some parsers: node (and so the index) takes it for no address.
    + ` AND NOT regexp_like(${column}, '(\\A|\\.)0[0-9]'))`;
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:203.0.113.7`), else the column as it is. */
const ipv4Part = (column: string): string => `CASE WHEN lower(${column}) LIKE '::ffff:%' THEN substr(${column}, 8) ELSE ${column} END`;

/** An IPv4 range as its lowest and highest address; null when the text is not one. */
function ipv4Range(range: string): { low: bigint; high: bigint } | null {
  const [address = '', prefixText = '32', extra] = range.split('/');
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (isIP(address) !== 4 || extra !== undefined || !(prefix <= 32)) return null;
  const value = address.split('.').reduce((sum, octet) => (sum << 8n) + BigInt(octet), 0n);
  const size = 1n << BigInt(32 - prefix);
  const low = (value / size) * size;
  return { low, high: low + size - 1n };
}

const ipv4Value = (column: string): string => [1, 2, 3, 4]
  .map((part, index) => `TRY_CAST(split_part(${column}, '.', ${part}) AS BIGINT) * ${256 ** (3 - index)}`).join(' + ');

/**
 * Whether the column's address is inside the range (`10.0.0.0/8`, `fc00::/7`), as node's BlockList
 * decides it locally: an IPv4-mapped IPv6 address is in the IPv4 range it maps to. Throws on a range that is not one.
 */
export function inCidr(column: string, range: string): string {
  const v4 = ipv4Range(range);
  if (v4) {
    const address = ipv4Part(column);
    return `(${isIpv4(address)} AND ${ipv4Value(address)} BETWEEN ${v4.low} AND ${v4.high})`;
  }
  const [address = '', prefix = '128', extra] = range.split('/');
  if (isIP(address) !== 6 || extra !== undefined || !/^\d{1,3}$/.test(prefix) || Number(prefix) > 128) {
    throw new Error(`"${range}" is not an IP range (e.g. 203.0.113.0/24)`);
  }
  return `coalesce(contains(${sqlLiteral(range.includes('/') ? range : `${range}/128`)}, TRY_CAST(${column} AS IPADDRESS)), false)`;
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
