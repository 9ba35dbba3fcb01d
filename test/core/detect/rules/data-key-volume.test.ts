import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { background, buildIndex, config, DAY, event, hitsOf, HOUR, MINUTE, repeat, roleSession, T0, viaService, type TestIndex } from '../helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const floodAt = T0 + 2 * DAY + 2 * HOUR + 25 * MINUTE;
const worker = (session: string) => roleSession('batch', session);
/** The batch role's habit while learning: `perHour` GenerateDataKey calls every hour of day one. */
const habit = (perHour: number) => repeat(24 * perHour, T0, HOUR / perHour, (time, index) => event({ name: 'GenerateDataKey', time, identity: worker(`s-${index % 2}`), ip: '10.0.0.9' }));
const flood = (count: number, spanMillis: number, identity = worker('s-9')) =>
  repeat(count, floodAt, Math.floor(spanMillis / count), (time) => event({ name: 'GenerateDataKey', time, identity, ip: '10.0.0.9' }));

describe('data-key-volume', () => {
  it('fires on 250 GenerateDataKey calls in 50 minutes from a role that made 2 an hour, listing every call', async () => {
    const calls = flood(250, 50 * MINUTE);
    index = await buildIndex({ 'base.jsonl': [...background(), ...habit(2)], 'flood.jsonl': calls });
    runDetections(index.db, config());
    const [hit, ...rest] = hitsOf(index.db, 'data-key-volume');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ severity: 'high', principal: 'arn:aws:iam::111122223333:role/batch' });
    expect(hit!.eventIDs.sort()).toEqual(calls.map((call) => call.eventID).sort());
    expect(hit!.reason).toMatch(/made 250 GenerateDataKey\/Decrypt calls .* peaking at 250 in one hour: over the 200\/h threshold and 125× its busiest hour in the learning window \(2\)/);
  });

  it('stays quiet at 190 an hour, and at 250 an hour for a role that already did 150 an hour while learning', async () => {
    index = await buildIndex({ 'base.jsonl': [...background(), ...habit(2)], 'flood.jsonl': flood(190, 55 * MINUTE) });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'data-key-volume')).toEqual([]);
    index.close();
    index = await buildIndex({ 'base.jsonl': [...background(), ...habit(150)], 'flood.jsonl': flood(250, 55 * MINUTE) });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'data-key-volume')).toEqual([]);
  });

  it('does not count calls AWS services make on the role\'s behalf', async () => {
    const onBehalf = flood(400, 40 * MINUTE, viaService(worker('s-1'), 's3.amazonaws.com'));
    index = await buildIndex({ 'base.jsonl': [...background(), ...habit(2)], 'service.jsonl': onBehalf });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'data-key-volume')).toEqual([]);
  });

  it('judges a surge by the whole learning window when older calls are indexed after it, in steps (newest deliveries first)', async () => {
    const stepped = (db: TestIndex['db']) => {
      for (let left = 1; left > 0;) left = runDetections(db, config(), undefined, { maxEvents: 100 }).eventsLeft;
    };
    // Path order puts the flood first: its calls get the lowest seqs, as a newest-first scan gives them.
    index = await buildIndex({ 'a-flood.jsonl': flood(250, 55 * MINUTE), 'b-base.jsonl': [...background(), ...habit(150)] });
    stepped(index.db);
    expect(hitsOf(index.db, 'data-key-volume')).toEqual([]);
    index.close();
    index = await buildIndex({ 'a-flood.jsonl': flood(250, 50 * MINUTE), 'b-base.jsonl': [...background(), ...habit(2)] });
    stepped(index.db);
    expect(hitsOf(index.db, 'data-key-volume').map((hit) => hit.reason)).toEqual([expect.stringMatching(/125× its busiest hour in the learning window \(2\)/)]);
  });
});

