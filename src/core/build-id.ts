declare const KEYTRAIL_BUILD_ID: string | undefined;

/**
 * Which keytrail code is running: a hash of the sources the bundle was built from (scripts/build.mjs),
 * `source` when run from the sources (tests, tsx: such runs never tell versions apart). Results an index stores that depend on the code
 * itself, not only on the logs and the config (detection hits and their reasons), are kept with it.
 */
export const BUILD_ID: string = typeof KEYTRAIL_BUILD_ID === 'string' ? KEYTRAIL_BUILD_ID : 'source';
