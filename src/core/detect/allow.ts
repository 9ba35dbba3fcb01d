/** The allow-lists of the config, and which addresses are worth calling new. */
import { keyIdOf } from '../normalize/key-ref.js';
import { cidrContains, parseCidr } from '../query/cidr.js';
import { matchesPattern } from './names.js';
import type { DetectionContext } from './rule.js';

/** Private, shared (CGNAT), loopback and link-local ranges: addresses inside someone's network. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7', 'fe80::/10', '::1/128']
  .map((range) => parseCidr(range)!);

const inAny = (ranges: string[], ip: string): boolean => ranges.some((range) => {
  const cidr = parseCidr(range);
  return cidr !== null && cidrContains(cidr, ip);
});

/** A real address (not `AWS Internal` or a service host name) outside the allowed ranges. */
export function isReportableIp(context: DetectionContext, ip: string): boolean {
  if (ip.includes('/') || !parseCidr(ip)) return false;
  return !inAny(context.config.allow.ipRanges, ip);
}

export function isPrivateIp(ip: string): boolean {
  return PRIVATE_RANGES.some((cidr) => cidrContains(cidr, ip));
}

/** The config's `allow.principalsPerKey`: keys named by alias, key id or ARN; principals with `*`. */
export function principalAllowedOnKey(context: DetectionContext, keyRef: string, principal: string): boolean {
  const name = context.keys.resolve(keyRef);
  for (const [keySpec, principals] of Object.entries(context.config.allow.principalsPerKey)) {
    const sameKey = keySpec === keyRef || keySpec === name.display || name.aliases.includes(keySpec) || (name.keyId !== null && keyIdOf(keySpec) === name.keyId);
    if (sameKey && principals.some((pattern) => matchesPattern(pattern, principal))) return true;
  }
  return false;
}
