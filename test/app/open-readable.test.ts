import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadable } from '../../src/app/data/open-readable.js';
import { writeMeta } from '../../src/core/index/open.js';
import { eventSeries, fixtureIndex, type FixtureIndex } from './fixture-index.js';

let fixture: FixtureIndex;

beforeAll(async () => {
  fixture = await fixtureIndex(eventSeries(3));
});
afterAll(() => fixture.cleanup());

describe('opening the index for reading', () => {
  it('waits (null, no complaint) while the indexer has not created the file', () => {
    const reasons: string[] = [];
    expect(openReadable(`${fixture.dir}/not-yet.db`, (reason) => reasons.push(reason))).toBeNull();
    expect(reasons).toEqual([]);
  });

  it('reads an index of this version', () => {
    const data = openReadable(fixture.dbPath);
    expect(data?.totalEvents()).toBe(3);
    data?.close();
  });

  it('says why it will not read an index built by another keytrail version', () => {
    writeMeta(fixture.writer, 'schema_version', '1');
    const reasons: string[] = [];
    expect(openReadable(fixture.dbPath, (reason) => reasons.push(reason))).toBeNull();
    expect(reasons[0]).toMatch(/has schema version 1 from an older keytrail; this one needs \d+\. Run `keytrail index DIR`.*findings and notes are kept$/);
    expect(reasons[0]).not.toMatch(/cannot read/);
  });
});
