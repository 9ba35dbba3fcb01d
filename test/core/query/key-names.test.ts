import { afterEach, describe, expect, it } from 'vitest';
import { openIndex } from '../../../src/core/index/open.js';
import { KeyNames } from '../../../src/core/query/key-names.js';
import { makeScratch, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/083f9483-f71a-4b7c-b7c7-637de1605c75';
const alias = (name: string) => `arn:aws:kms:us-east-1:111122223333:alias/${name}`;

describe('the names of a key', () => {
  it('lists the alias that named the key first in the logs first, so a second alias added later never stands in for its name', () => {
    scratch = makeScratch('keytrail-key-names-');
    const db = openIndex(scratch.dbPath);
    // prod-data was seen naming the key from the start; exports (first alphabetically) was created for it later.
    db.prepare('INSERT INTO alias_seen (alias, key, first, last) VALUES (?, ?, ?, ?)').run(alias('prod-data'), KEY, 1_000, 9_000);
    db.prepare('INSERT INTO alias_changes (alias, time, seq, change, key) VALUES (?, ?, ?, ?, ?)').run(alias('exports'), 5_000, 7, 'create', KEY);
    db.prepare('INSERT INTO alias_seen (alias, key, first, last) VALUES (?, ?, ?, ?)').run(alias('exports'), KEY, 5_500, 8_000);
    expect(new KeyNames(db).resolve(KEY)).toEqual({ keyId: '083f9483-f71a-4b7c-b7c7-637de1605c75', display: KEY, aliases: ['alias/prod-data', 'alias/exports'] });
    db.close();
  });
});
