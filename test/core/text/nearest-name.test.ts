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

  it('suggests nothing for text too long to be a typo of a name (a log value can be kilobytes)', () => {
    const long = 'a'.repeat(65);
    expect(nearestName(long, [`${long}b`])).toBeNull();
    expect(nearestName('a'.repeat(60), ['a'.repeat(59) + 'b', 'x'.repeat(5000)])).toBe('a'.repeat(59) + 'b');
  });
});
