import type { Rng } from './rng.js';

/**
 * Samples ranks 0..count-1 with probability proportional to 1/(rank+1)^exponent: a few
 * keys, principals and instances are hot and most are rare, as in real trails.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(readonly count: number, exponent: number) {
    this.cumulative = new Float64Array(count);
    let total = 0;
    for (let rank = 0; rank < count; rank++) {
      total += 1 / Math.pow(rank + 1, exponent);
      this.cumulative[rank] = total;
    }
    for (let rank = 0; rank < count; rank++) this.cumulative[rank]! /= total;
  }

  /** Binary search over the cumulative weights. */
  sample(rng: Rng): number {
    const target = rng.float();
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Share of all draws that land on a rank. */
  share(rank: number): number {
    const before = rank === 0 ? 0 : this.cumulative[rank - 1]!;
    return this.cumulative[rank]! - before;
  }
}
