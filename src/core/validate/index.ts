/** Offline CloudTrail log-file integrity validation (README, "Integrity"). */
export { validateTree } from './validate-tree.js';
export { storeIntegrity, readIntegrity, type StoredIntegrity } from './store.js';
export { isFullyVerified, countByStatus } from './summary.js';
export { SIGNATURE_SIDECAR_SUFFIX } from './sidecar.js';
export * from './types.js';
