import type { FileSizeHistogram } from '../gen/s3-shape-tree.js';

/**
 * The parts of the generator's manifest (src/gen/bench-tree.ts) the benchmark reads:
 * the tree's size and the probe values its questions ask about, with the answers the
 * generator counted while writing.
 */
export interface TreeManifest {
  /** Absent in the default shape's manifest (and in manifests written before there were shapes). */
  shape?: 's3';
  /** s3 shape: the --files asked for (the tree holds whole rounds, so `files` may be a little more). */
  requestedFiles?: number;
  /** s3 shape: how many files hold how many events, quiet and busy regions apart. */
  eventsPerFile?: { quiet: FileSizeHistogram; busy: FileSizeHistogram };
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

/** The tree a run asks for: its shape and size. */
export type TreeSpec = { shape: 'default'; events: number } | { shape: 's3'; files: number };

/** True when the manifest describes the tree `spec` asks for, so the tree can be reused. */
export function manifestMatches(manifest: TreeManifest, spec: TreeSpec, seed: number): boolean {
  if (manifest.seed !== seed) return false;
  if (spec.shape === 's3') return manifest.shape === 's3' && manifest.requestedFiles === spec.files;
  return manifest.shape === undefined && manifest.events === spec.events;
}

export const describeSpec = (spec: TreeSpec): string =>
  (spec.shape === 's3' ? `an s3-shape tree of ${spec.files.toLocaleString('en-US')} files` : `a tree of ${spec.events.toLocaleString('en-US')} events`);

/** True when `value` has the manifest fields the benchmark needs (an older generator's file may not). */
export function isTreeManifest(value: unknown): value is TreeManifest {
  const manifest = value as Partial<TreeManifest> | null;
  const probes = manifest?.probes;
  return typeof manifest?.events === 'number' && typeof manifest.seed === 'number' && typeof manifest.files === 'number'
    && typeof probes?.hottestKey?.arn === 'string' && typeof probes.instance?.instanceId === 'string'
    && typeof probes.principalIp?.principal === 'string' && typeof probes.encryptionContext?.pair === 'string';
}
