import type { BenchResults } from './results.js';

/**
 * Why a target is missed, as found by profiling (see the report of issue 9). Shown
 * under the targets table only for the targets this run missed.
 */
const WHY: Record<string, string> = {};

export function missExplanations(results: BenchResults): string[] {
  return results.targets
    .filter((target) => target.met === false)
    .map((target) => `${target.what}: ${WHY[target.id] ?? 'not analysed yet.'}`);
}
