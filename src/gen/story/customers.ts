import type { Rng } from '../rng.js';
import { ZipfSampler } from '../zipf.js';
import { customerId } from '../encryption-context.js';

/** The payments service's customers: a Zipf-shaped population that includes the seed's cust-98765. */
export const SEED_CUSTOMER = 'cust-98765';

export class Customers {
  readonly ids: string[];
  private readonly sampler: ZipfSampler;

  constructor(rng: Rng, count = 400) {
    const ids = new Set<string>();
    while (ids.size < count) {
      const candidate = customerId(rng.between(10000, 99999));
      if (candidate !== SEED_CUSTOMER) ids.add(candidate);
    }
    this.ids = [...ids];
    // Not the busiest customer, but a regular one: rank 12.
    this.ids.splice(12, 0, SEED_CUSTOMER);
    this.sampler = new ZipfSampler(this.ids.length, 1.05);
  }

  sample(rng: Rng): string {
    return this.ids[this.sampler.sample(rng)]!;
  }
}
