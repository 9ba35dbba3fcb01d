import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { defaultDetectionConfig, type DetectionConfig } from '../../../../src/core/detect/config.js';
import { background, buildIndex, config, event, hitsOf, MINUTE, repeat, roleSession, user, type TestIndex } from '../helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const amsterdam: DetectionConfig = { ...defaultDetectionConfig(), timeZone: 'Europe/Amsterdam' };
/** Saturday 2026-11-21, 02:10 in Amsterdam (01:10 UTC). */
const saturdayNight = Date.UTC(2026, 10, 21, 1, 10);
/** Wednesday 2026-11-18, 07:30 UTC: 08:30 in Amsterdam, before 08:00 in UTC. */
const wednesdayMorning = Date.UTC(2026, 10, 18, 7, 30);

describe('off-hours', () => {
  it('reports a person active on a Saturday night, in the configured time zone, as one stretch', async () => {
    const night = repeat(5, saturdayNight, 20 * MINUTE, (time) => event({ name: 'Decrypt', time, identity: user('alice'), ip: '198.51.100.10' }));
    index = await buildIndex({ 'base.jsonl': background(), 'night.jsonl': night });
    runDetections(index.db, amsterdam);
    const hits = hitsOf(index.db, 'off-hours').filter((hit) => hit.eventIDs.includes(night[0]!.eventID as string));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ severity: 'low', principal: 'arn:aws:iam::111122223333:user/alice', ip: '198.51.100.10' });
    expect(hits[0]!.eventIDs.sort()).toEqual(night.map((call) => call.eventID).sort());
    expect(hits[0]!.reason).toMatch(/5 call\(s\) outside business hours \(Sat 02:10 to Sat 03:30, Europe\/Amsterdam\)/);
  });

  it('never reports a 24/7 service role at 3 AM', async () => {
    const nightly = repeat(6, saturdayNight + 2 * 60 * MINUTE, 5 * MINUTE, (time) => event({ name: 'Decrypt', time, identity: roleSession('app-server', 'i-0abc'), ip: '10.0.0.5' }));
    index = await buildIndex({ 'base.jsonl': background(), 'nightly.jsonl': nightly });
    runDetections(index.db, amsterdam);
    expect(hitsOf(index.db, 'off-hours').filter((hit) => hit.eventIDs.includes(nightly[0]!.eventID as string))).toEqual([]);
  });

  it('judges business hours in the configured zone: 07:30 UTC is working time in Amsterdam, not in UTC', async () => {
    const early = event({ name: 'Decrypt', time: wednesdayMorning, identity: user('bob'), ip: '198.51.100.11' });
    index = await buildIndex({ 'early.jsonl': [early] });
    runDetections(index.db, amsterdam);
    expect(hitsOf(index.db, 'off-hours')).toEqual([]);
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'off-hours').map((hit) => hit.eventIDs)).toEqual([[early.eventID]]);
  });

  it('treats configured extra principals as people and skips ignored ones', async () => {
    const bot = event({ name: 'Decrypt', time: saturdayNight, identity: roleSession('ci-deployer', 'run-1'), ip: '10.0.0.8' });
    const oncall = event({ name: 'Decrypt', time: saturdayNight, identity: user('oncall'), ip: '10.0.0.9' });
    index = await buildIndex({ 'night.jsonl': [bot, oncall] });
    runDetections(index.db, { ...amsterdam, offHours: { alsoPrincipals: ['*:assumed-role/ci-deployer/*'], ignorePrincipals: ['*:user/oncall'] } });
    expect(hitsOf(index.db, 'off-hours').map((hit) => hit.eventIDs)).toEqual([[bot.eventID]]);
  });
});
