/**
 * Deterministic synthetic CloudTrail: a seeded PRNG, event factories per service, the S3
 * delivery layout, and the generators built on them (sample-logs/, the bench tree and its s3 shape).
 */
export { Rng, deriveSeed } from './rng.js';
export { ZipfSampler } from './zipf.js';
export * from './aws-ids.js';
export * from './time-format.js';
export type * from './event-types.js';
export { cloudTrailEvent, type Actor, type ApiRequest, type Call } from './cloudtrail-event.js';
export * from './identities.js';
export * from './actors.js';
export * from './user-agents.js';
export * from './api-errors.js';
export * from './kms-keys.js';
export * from './encryption-context.js';
export * from './enclave.js';
export * from './key-policy.js';
export * from './kms-crypto-events.js';
export * from './kms-key-admin-events.js';
export * from './kms-alias-events.js';
export * from './kms-grant-events.js';
export * from './ec2-events.js';
export * from './s3-events.js';
export * from './sts-events.js';
export * from './iam-events.js';
export * from './cloudtrail-events.js';
export * from './secretsmanager-events.js';
export * from './ssm-events.js';
export * from './ebs-flow.js';
export * from './s3-layout.js';
export * from './export-formats.js';
export * from './file-tree.js';
export { buildSampleLogs, SAMPLE_LOGS_SEED, type SampleLogs } from './story/sample-logs.js';
export { generateBenchTree, isInsideDirectory, type BenchManifest, type BenchTreeOptions } from './bench-tree.js';
export { generateS3ShapeTree, type FileSizeHistogram, type S3ShapeManifest, type S3ShapeTreeOptions } from './s3-shape-tree.js';
