import type { TreeManifest } from './tree-manifest.js';

/** A filter the latency measurements use, with the label the report shows. */
export interface BenchFilter {
  label: string;
  text: string;
}

/**
 * Filters on every kind a responder filters by (key, principal, instance, IP, event, error,
 * context), each as narrow and as broad as a responder types them: the hottest key by
 * ARN and by alias, wildcards and CIDR ranges that expand to many values, the most
 * common event name, and the combinations of the questions.
 */
export function pageFilters(manifest: TreeManifest): BenchFilter[] {
  const { hottestKey, instance, principalIp, encryptionContext } = manifest.probes;
  const alias = hottestKey.aliases[0];
  return [
    { label: 'none', text: '' },
    { label: 'key (ARN, hottest)', text: `key:${hottestKey.arn}` },
    ...(alias ? [{ label: 'key (alias)', text: `key:${alias}` }] : []),
    { label: 'principal', text: `principal:${principalIp.principal}` },
    { label: 'principal (wildcard)', text: 'principal:*user*' },
    { label: 'instance', text: `instance:${instance.instanceId}` },
    { label: 'ip', text: `ip:${principalIp.ip}` },
    { label: 'ip (CIDR /8)', text: `ip:${principalIp.ip.split('.')[0]}.0.0.0/8` },
    { label: 'event (most common)', text: 'event:Decrypt' },
    { label: 'event (rare)', text: 'event:CreateGrant' },
    { label: 'error (any)', text: 'error:*' },
    { label: 'context', text: `ctx:${encryptionContext.pair}` },
    { label: 'key + event', text: `key:${hottestKey.arn} event:Decrypt` },
    { label: 'event + error', text: 'event:Decrypt error:*' },
  ];
}

/** Filters the facet counts run under: broad and narrow, as the facets pane sees them. */
export function facetFilters(manifest: TreeManifest): BenchFilter[] {
  const { hottestKey, instance, principalIp } = manifest.probes;
  return [
    { label: 'key (hottest)', text: `key:${hottestKey.arn}` },
    { label: 'principal', text: `principal:${principalIp.principal}` },
    { label: 'instance', text: `instance:${instance.instanceId}` },
    { label: 'error (any)', text: 'error:*' },
    { label: 'event (most common)', text: 'event:Decrypt' },
  ];
}
