import { describe, expect, it } from 'vitest';
import { bucketSpec, formatWidth } from '../../src/app/data/histogram-buckets.js';

const at = (iso: string) => Date.parse(iso);

describe('histogram buckets', () => {
  it('picks the bucket width from the time range so it fits the columns', () => {
    const hours = bucketSpec(at('2026-11-21T00:00:00Z'), at('2026-11-21T05:59:59Z'), 78);
    expect(formatWidth(hours.width)).toBe('5m');
    expect(hours.count).toBeLessThanOrEqual(78);
    const days = bucketSpec(at('2026-11-18T12:00:00Z'), at('2026-11-21T12:00:00Z'), 78);
    expect(formatWidth(days.width)).toBe('1h');
    const burst = bucketSpec(at('2026-11-21T03:00:00Z'), at('2026-11-21T03:00:40Z'), 78);
    expect(formatWidth(burst.width)).toBe('1s');
  });

  it('covers the first and the last event, aligned to the width', () => {
    const first = at('2026-11-21T03:07:13Z');
    const last = at('2026-11-21T09:58:02Z');
    const spec = bucketSpec(first, last, 60);
    expect(spec.start % spec.width).toBe(0);
    expect(spec.start).toBeLessThanOrEqual(first);
    expect(spec.start + spec.width * spec.count).toBeGreaterThan(last);
  });

  it('still charts a single event', () => {
    const spec = bucketSpec(at('2026-11-21T03:00:00Z'), at('2026-11-21T03:00:00Z'), 60);
    expect(spec.count).toBe(1);
  });
});
