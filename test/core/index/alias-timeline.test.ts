import { describe, expect, it } from 'vitest';
import { aliasPoints, keyAt } from '../../../src/core/index/alias-timeline.js';

const K1 = 'arn:aws:kms:us-east-1:111122223333:key/k1';
const K2 = 'arn:aws:kms:us-east-1:111122223333:key/k2';

describe('where an alias pointed', () => {
  it('follows UpdateAlias: the old key before it, the new key from it on', () => {
    const points = aliasPoints(
      [{ time: 100, seq: 1, change: 'create', key: K1 }, { time: 500, seq: 9, change: 'update', key: K2 }],
      [{ key: K1, first: 150, last: 400 }, { key: K2, first: 600, last: 900 }],
    );
    expect([120, 450, 499, 500, 550, 1000].map((time) => keyAt(points, time))).toEqual([K1, K1, K1, K2, K2, K2]);
  });

  it('names no key between a DeleteAlias and the CreateAlias that brings the name back', () => {
    const points = aliasPoints(
      [{ time: 100, seq: 1, change: 'create', key: K1 }, { time: 300, seq: 2, change: 'delete', key: K1 },
        { time: 600, seq: 3, change: 'create', key: K2 }],
      [],
    );
    expect([200, 300, 450, 600, 700].map((time) => keyAt(points, time))).toEqual([K1, null, null, K2, K2]);
  });

  it('takes what the first point says came before it: a sighting or a deletion, but not an update or a creation', () => {
    expect(keyAt(aliasPoints([], [{ key: K1, first: 500, last: 600 }]), 10)).toBe(K1);
    // CreateAlias succeeds only for a name that does not exist: before it the alias named nothing.
    expect(keyAt(aliasPoints([{ time: 500, seq: 1, change: 'create', key: K1 }], []), 10)).toBeNull();
    expect(keyAt(aliasPoints([{ time: 500, seq: 1, change: 'update', key: K2 }], []), 10)).toBeNull();
    expect(keyAt(aliasPoints([{ time: 500, seq: 1, change: 'delete', key: K1 }], []), 10)).toBe(K1);
    expect(keyAt(aliasPoints([], []), 10)).toBeNull();
  });
});
