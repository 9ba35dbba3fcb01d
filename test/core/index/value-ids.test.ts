import { afterEach, describe, expect, it } from 'vitest';
import { openIndex, type IndexDb } from '../../../src/core/index/open.js';
import { ValueIds } from '../../../src/core/index/value-ids.js';
import { makeScratch, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
let db: IndexDb;
afterEach(() => {
  db.close();
  scratch.cleanup();
});

describe('ValueIds', () => {
  it('keeps one id per value when a kind\'s cache starts again before the transaction\'s new values are inserted', () => {
    scratch = makeScratch();
    db = openIndex(scratch.dbPath);
    // A cache of two values per kind: the third new value empties it while all three wait to be inserted.
    const values = new ValueIds(db, 2);
    const ids = db.transaction(() => {
      const first = ['a', 'b', 'c'].map((value) => values.idOf('ctx', `k=${value}`));
      const again = ['a', 'b', 'c'].map((value) => values.idOf('ctx', `k=${value}`));
      values.flush(new Map(first.map((id) => [id, 2])));
      return { first, again };
    })();
    expect(ids.again).toEqual(ids.first);
    expect(db.prepare("SELECT value, events FROM entity_values WHERE kind = 'ctx' ORDER BY value").all())
      .toEqual([{ value: 'k=a', events: 2 }, { value: 'k=b', events: 2 }, { value: 'k=c', events: 2 }]);
  });

  it('finds the values of earlier transactions in the index once its cache has started again', () => {
    scratch = makeScratch();
    db = openIndex(scratch.dbPath);
    const values = new ValueIds(db, 2);
    const first = db.transaction(() => {
      const ids = ['a', 'b', 'c', 'd'].map((value) => values.idOf('ip', value));
      values.flush(new Map());
      return ids;
    })();
    const again = db.transaction(() => ['a', 'b', 'c', 'd'].map((value) => values.idOf('ip', value)))();
    expect(again).toEqual(first);
    expect(db.prepare("SELECT count(*) FROM entity_values WHERE kind = 'ip'").pluck().get()).toBe(4);
  });
});
