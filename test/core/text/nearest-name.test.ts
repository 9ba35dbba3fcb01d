import { describe, expect, it } from 'vitest';
import { nearestName } from '../../../src/core/text/nearest-name.js';

describe('the name a typo most likely meant', () => {
  it('names the closest within a third of the length, swapped letters counting as one edit, case aside', () => {
    expect(nearestName('qeury', ['query', 'index', 'chain'])).toBe('query');
    expect(nearestName('Decrpyt', ['Encrypt', 'Decrypt', 'ReEncrypt'])).toBe('Decrypt');
    expect(nearestName('verison', ['db', 'help', 'version'])).toBe('version');
    expect(nearestName('frobnicate', ['query', 'index'])).toBeNull();
  });

  it('takes a start of a name for commands, not for values that share a start', () => {
    expect(nearestName('inde', ['index', 'query'])).toBe('index');
    expect(nearestName('Generate', ['GenerateDataKey', 'GenerateDataKeyWithoutPlaintext'], { prefix: false })).toBeNull();
    expect(nearestName('GenerateDataKy', ['GenerateDataKey', 'GenerateDataKeyWithoutPlaintext'], { prefix: false })).toBe('GenerateDataKey');
  });

  it('picks what a full edit-distance table picks, on random near-misses (the banded table cuts no corner)', () => {
    // The whole table, swaps of neighbours counting as one edit, for comparison.
    const full = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
        }
      }
      return d[a.length]![b.length]!;
    };
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const word = (length: number) => Array.from({ length }, () => 'abcd'[random(4)]).join('');
    for (let round = 0; round < 300; round++) {
      const typed = word(3 + random(12));
      const known = Array.from({ length: 6 }, () => word(Math.max(1, typed.length - 3 + random(7))));
      const limit = Math.max(1, Math.floor(typed.length / 3));
      const distances = known.map((name) => full(typed, name));
      const best = Math.min(...distances);
      const expected = best <= limit ? known[distances.indexOf(best)]! : null;
      expect(nearestName(typed, known, { prefix: false }), `${typed} among ${known.join(' ')}`).toBe(expected);
    }
  });

  it('suggests nothing for text too long to be a typo of a name (a log value can be kilobytes)', () => {
    const long = 'a'.repeat(257);
    expect(nearestName(long, [`${long}b`])).toBeNull();
    // An ARN with a typo still is one.
    const arn = 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/bob@example.com';
    expect(nearestName(arn.replace('bob@', 'bbo@'), ['x'.repeat(5000), arn, arn.replace('bob', 'alice')], { prefix: false })).toBe(arn);
  });
});
