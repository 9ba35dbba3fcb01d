import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../src/core/detect/engine.js';
import { getHit, listHits } from '../../../src/core/detect/hits-read.js';
import type { DetectionContext, DetectionRule } from '../../../src/core/detect/rule.js';
import { DETECTION_RULES } from '../../../src/core/detect/rules/index.js';
import { background, buildIndex, config, DAY, event, hitsOf, HOUR, OTHER_KEY_ARN, repeat, T0, user, type TestIndex } from './helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const burstAt = T0 + 2 * DAY + 3 * HOUR;
const failure = (time: number) => event({ name: 'Decrypt', time, identity: user('mallory'), ip: '203.0.113.66', error: 'AccessDeniedException' });

/** The default rules, recording which ran and which seq range each was given. */
function spiedRules(log: Array<{ rule: string; from: number; to: number }>): DetectionRule[] {
  return DETECTION_RULES.map((rule) => ({ ...rule, run: (context: DetectionContext) => {
    log.push({ rule: rule.id, from: context.fromSeq, to: context.toSeq });
    rule.run(context);
  } }));
}

describe('runDetections', () => {
  it('does no rule work on a second run over an unchanged index, and keeps the hits as they were', async () => {
    index = await buildIndex({ 'base.jsonl': background(), 'burst.jsonl': repeat(10, burstAt, 20_000, failure) });
    const log: Array<{ rule: string; from: number; to: number }> = [];
    const first = runDetections(index.db, config(), spiedRules(log));
    const before = listHits(index.db);
    expect(first).toMatchObject({ fullRun: true, rulesRun: DETECTION_RULES.map((rule) => rule.id) });
    log.length = 0;
    const second = runDetections(index.db, config(), spiedRules(log));
    expect(log).toEqual([]);
    expect(second).toMatchObject({ newEvents: 0, newFiles: 0, rulesRun: [], changedHits: 0, fullRun: false });
    expect(listHits(index.db)).toEqual(before);
  });

  it('looks only at new events on the next run: they extend a hit (same id) and add new ones', async () => {
    index = await buildIndex({ 'base.jsonl': background(), 'burst.jsonl': repeat(10, burstAt, 20_000, failure) });
    runDetections(index.db, config());
    const [burst] = hitsOf(index.db, 'decrypt-failure-burst');
    const more = repeat(3, burstAt + 200_000, 20_000, failure);
    const deletion = event({ name: 'ScheduleKeyDeletion', time: burstAt + HOUR, identity: user('mallory'), request: { pendingWindowInDays: 7 } });
    await index.add('later.jsonl', [...more, deletion]);
    const log: Array<{ rule: string; from: number; to: number }> = [];
    const report = runDetections(index.db, config(), spiedRules(log));
    expect(report).toMatchObject({ newEvents: 4, fullRun: false });
    expect(log.every((entry) => entry.to - entry.from === 4)).toBe(true);
    const [extended, ...rest] = hitsOf(index.db, 'decrypt-failure-burst');
    expect(rest).toEqual([]);
    expect(extended!.id).toBe(burst!.id);
    expect(extended!.eventIDs).toHaveLength(13);
    expect(hitsOf(index.db, 'key-deletion').map((hit) => hit.eventIDs)).toEqual([[deletion.eventID]]);
  });

  it('judges "new" in a stepped pass against events a later step will read, as one whole pass does', async () => {
    // The first file (lower seqs) has carol's late call; only the second shows the key in use while learning.
    const carol = event({ name: 'Decrypt', time: burstAt, identity: user('carol'), ip: '10.0.0.9', keyArn: OTHER_KEY_ARN });
    const learning = repeat(4, T0 + HOUR, HOUR, (time) => event({ name: 'Decrypt', time, identity: user('alice'), ip: '198.51.100.10', keyArn: OTHER_KEY_ARN }));
    const files = { 'a-late.jsonl': [carol], 'b-base.jsonl': [...background(), ...learning] };
    index = await buildIndex(files);
    runDetections(index.db, config());
    const whole = listHits(index.db);
    expect(whole.filter((hit) => hit.rule === 'new-principal-for-key').map((hit) => hit.eventIDs)).toEqual([[carol.eventID]]);
    index.close();
    index = await buildIndex(files);
    for (let left = 1; left > 0;) left = runDetections(index.db, config(), undefined, { maxEvents: 10 }).eventsLeft;
    expect(listHits(index.db)).toEqual(whole);
  });

  it('says nothing is left when no event has a time, so a stepped pass ends instead of stepping forever', async () => {
    const untimed = repeat(5, T0, HOUR, (time) => {
      const { eventTime: _dropped, ...rest } = event({ name: 'Decrypt', time, identity: user('alice') });
      return rest;
    });
    index = await buildIndex({ 'untimed.jsonl': untimed });
    expect(runDetections(index.db, config(), undefined, { maxEvents: 2 })).toMatchObject({ rulesRun: [], eventsLeft: 0 });
  });

  it('withdraws a "new" hit when older logs arrive showing the pair in the learning window', async () => {
    index = await buildIndex({ 'base.jsonl': background(), 'new.jsonl': [event({ name: 'Decrypt', time: burstAt, identity: user('alice'), ip: '203.0.113.5' })] });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'new-source-ip').filter((hit) => hit.principal !== null)).toHaveLength(1);
    await index.add('older.jsonl', [event({ name: 'Decrypt', time: T0 + 2 * HOUR, identity: user('alice'), ip: '203.0.113.5' })]);
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'new-source-ip').filter((hit) => hit.principal !== null)).toEqual([]);
  });

  it('starts over when the config changes, giving the same hits the same ids', async () => {
    index = await buildIndex({ 'base.jsonl': background(), 'burst.jsonl': repeat(10, burstAt, 20_000, failure) });
    runDetections(index.db, config());
    const ids = listHits(index.db).map((hit) => hit.id);
    const disabled = runDetections(index.db, config({ disabledRules: ['decrypt-failure-burst'] }));
    expect(disabled.fullRun).toBe(true);
    expect(disabled.rulesRun).not.toContain('decrypt-failure-burst');
    expect(hitsOf(index.db, 'decrypt-failure-burst')).toEqual([]);
    runDetections(index.db, config());
    expect(listHits(index.db).map((hit) => hit.id)).toEqual(ids);
  });

  it('starts over when another keytrail version judged the stored hits, or one from before versions were kept', async () => {
    index = await buildIndex({ 'base.jsonl': background(), 'burst.jsonl': repeat(10, burstAt, 20_000, failure) });
    runDetections(index.db, config());
    // An upgrade: the rules that stored these hits may judge or word them otherwise than this keytrail's.
    index.db.prepare("UPDATE detection_state SET value = 'an older build' WHERE name = 'rules_build'").run();
    index.db.prepare("UPDATE detection_hits SET reason = 'worded by the older build'").run();
    expect(runDetections(index.db, config()).fullRun).toBe(true);
    expect(listHits(index.db).map((hit) => hit.reason)).not.toContain('worded by the older build');
    index.db.prepare("DELETE FROM detection_state WHERE name = 'rules_build'").run();
    expect(runDetections(index.db, config()).fullRun).toBe(true);
    expect(runDetections(index.db, config()).fullRun).toBe(false);
  });

  it('starts over when the newest events were rewritten (a log file replaced)', async () => {
    index = await buildIndex({ 'base.jsonl': background() });
    await index.add('burst.jsonl', repeat(10, burstAt, 20_000, failure));
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'decrypt-failure-burst')).toHaveLength(1);
    await index.add('burst.jsonl', repeat(10, burstAt, 20_000, (time) => event({ name: 'Decrypt', time, identity: user('mallory'), ip: '203.0.113.66' })));
    expect(runDetections(index.db, config()).fullRun).toBe(true);
    expect(hitsOf(index.db, 'decrypt-failure-burst')).toEqual([]);
  });
});

describe('listHits and getHit', () => {
  it('lists the most severe first, then the newest, filters by severity, and finds one hit by id', async () => {
    const calls = [
      ...repeat(10, burstAt, 20_000, failure),
      event({ name: 'CancelKeyDeletion', time: burstAt + DAY, identity: user('bob') }),
      event({ name: 'DisableKey', time: burstAt - DAY / 2, identity: user('mallory') }),
    ];
    index = await buildIndex({ 'base.jsonl': background(), 'calls.jsonl': calls });
    runDetections(index.db, config());
    const hits = listHits(index.db);
    const ranks = hits.map((hit) => ['info', 'low', 'medium', 'high', 'critical'].indexOf(hit.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const high = hits.filter((hit) => hit.severity === 'high');
    expect(high.map((hit) => hit.last)).toEqual(high.map((hit) => hit.last).sort().reverse());
    expect(listHits(index.db, { minSeverity: 'high' }).every((hit) => hit.severity === 'high' || hit.severity === 'critical')).toBe(true);
    expect(getHit(index.db, hits[0]!.id)).toEqual(hits[0]);
    expect(getHit(index.db, 'no-such-rule:0')).toBeNull();
  });
});
