import { BlockList, isIP } from 'node:net';

/**
 * An IP address or CIDR range, matched by node's own BlockList: an IPv4-mapped IPv6 address
 * (`::ffff:203.0.113.7`) is in the IPv4 range it maps to, and only addresses node accepts
 * are addresses (`010.1.2.3`, with its octal-looking octet, is not).
 */
export interface Cidr {
  text: string;
  list: BlockList;
}

const familyName = (family: number): 'ipv4' | 'ipv6' => (family === 6 ? 'ipv6' : 'ipv4');

/** `203.0.113.7`, `203.0.113.0/24`, `2001:db8::/32`; null when it is none of these. */
export function parseCidr(text: string): Cidr | null {
  const [address = '', prefixText, extra] = text.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return null;
  const bits = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits)) return null;
  const list = new BlockList();
  list.addSubnet(address, prefix, familyName(family));
  return { text, list };
}

export function cidrContains(cidr: Cidr, ip: string): boolean {
  const family = isIP(ip);
  return family !== 0 && cidr.list.check(ip, familyName(family));
}

/** What is said of a value that looks like an address but is none (the local filter and the Athena SQL alike). */
export function notAnIpMessage(value: string): string {
  return `"${value}" is not an IP address or range (e.g. 203.0.113.7 or 203.0.113.0/24; no leading zeros)`;
}

/** Text that is meant as an address or range (digits, dots, colons, a prefix), valid or not. */
export function looksLikeIp(text: string): boolean {
  return /^(?=.*[.:])[0-9a-f:.]+(?:\/\d*)?$/i.test(text);
}
