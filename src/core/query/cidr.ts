/** IPv4 and IPv6 CIDR matching for `ip:203.0.113.0/24`. */
function ipv4ToBigInt(ip: string): bigint | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function ipv6ToBigInt(ip: string): bigint | null {
  if (!ip.includes(':') || !/^[0-9a-f:.]+$/i.test(ip)) return null;
  const [head = '', tail = ''] = ip.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if ((ip.includes('::') && missing < 1) || (!ip.includes('::') && headGroups.length !== 8)) return null;
  const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

export interface Cidr {
  family: 4 | 6;
  network: bigint;
  prefix: number;
}

export function parseCidr(text: string): Cidr | null {
  const [address = '', prefixText] = text.split('/');
  const v4 = ipv4ToBigInt(address);
  const family = v4 !== null ? 4 : 6;
  const value = v4 ?? ipv6ToBigInt(address);
  const bits = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (value === null || !Number.isInteger(prefix) || prefix < 0 || prefix > bits) return null;
  return { family, network: value >> BigInt(bits - prefix), prefix };
}

export function cidrContains(cidr: Cidr, ip: string): boolean {
  const value = cidr.family === 4 ? ipv4ToBigInt(ip) : ipv6ToBigInt(ip);
  if (value === null) return false;
  const bits = cidr.family === 4 ? 32 : 128;
  return value >> BigInt(bits - cidr.prefix) === cidr.network;
}
