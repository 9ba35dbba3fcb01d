/**
 * The parts of the generator's manifest (src/gen/bench-tree.ts) the benchmark reads:
 * the tree's size and the probe values its questions ask about, with the answers the
 * generator counted while writing.
 */
export interface TreeManifest {
  seed: number;
  events: number;
  files: number;
  bytes: number;
  rawJsonBytes: number;
  window: { from: string; to: string };
  probes: {
    hottestKey: { arn: string; aliases: string[]; events: number; decryptEvents: number; decryptPrincipals: number };
    instance: { instanceId: string; events: number };
    principalIp: { principal: string; ip: string; events: number; from: string | null; to: string | null };
    encryptionContext: { pair: string; events: number };
  };
}

/** True when `value` has the manifest fields the benchmark needs (an older generator's file may not). */
export function isTreeManifest(value: unknown): value is TreeManifest {
  const manifest = value as Partial<TreeManifest> | null;
  const probes = manifest?.probes;
  return typeof manifest?.events === 'number' && typeof manifest.seed === 'number' && typeof manifest.files === 'number'
    && typeof probes?.hottestKey?.arn === 'string' && typeof probes.instance?.instanceId === 'string'
    && typeof probes.principalIp?.principal === 'string' && typeof probes.encryptionContext?.pair === 'string';
}
