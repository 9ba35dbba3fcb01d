import { setFlagsFromString } from 'node:v8';

/**
 * How far past its live size V8 lets each heap grow before a full collection, in percent.
 * An index build allocates short-lived rows and records fast, and V8's default growth let
 * that garbage reach several times the live heap: peak RSS of a 1M-event build fell from
 * 529 to 362 MiB with 15, at the same speed (docs/PERFORMANCE.md). The flag is the
 * process's, so it covers the indexer's and the read-ahead's worker threads too.
 */
const HEAP_GROWING_PERCENT = 15;

/** Call before the first index build of the process: it holds every heap near its live size. */
export function holdHeapsNearLiveSize(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
