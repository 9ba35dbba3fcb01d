import { describe, expect, it } from 'vitest';
import { sortByValueId } from '../../../src/core/index/event-writer.js';

describe('entity rows sorted by value id', () => {
  it('are grouped by id in ascending order, each id\'s rows in the order given, whatever the ids\' range', () => {
    // (value_id, time, seq) rows; ids past 65,536 and in the millions need both 16-bit passes.
    const ids = [5_000_000, 3, 70_000, 3, 65_536, 5_000_000, 2, 70_000, 65_535];
    const rows = ids.flatMap((id, n) => [id, 1_700_000_000_000 + n, n + 1]);
    const given = Uint32Array.from(ids.keys(), (n) => n * 3).reverse();
    const sorted = [...sortByValueId(rows, given)].map((offset) => [rows[offset], rows[offset + 2]]);
    expect(sorted).toEqual([[2, 7], [3, 4], [3, 2], [65_535, 9], [65_536, 5], [70_000, 8], [70_000, 3], [5_000_000, 6], [5_000_000, 1]]);
  });
});
