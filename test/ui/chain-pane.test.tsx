import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureIndex, fixtureWorkbench, HOSTILE, type FixtureIndex } from '../app/fixture-index.js';
import { KEYS, renderWorkbench } from './render-workbench.js';

const SEED_000 = (JSON.parse(readFileSync('test/fixtures/seeds/000-ebs-flow.json', 'utf8')) as { Records: Array<Record<string, unknown>> }).Records;

let fixture: FixtureIndex;
beforeAll(async () => {
  // The RunInstances by a user whose name carries escape sequences: they must reach the screen inert.
  const events = SEED_000.map((event) => (event.eventName === 'RunInstances'
    ? { ...event, userIdentity: { ...(event.userIdentity as object), arn: `arn:aws:iam::111122223333:user/Alice${HOSTILE}` } }
    : event));
  fixture = await fixtureIndex(events);
});
afterAll(() => fixture.cleanup());

describe('the chain pane', () => {
  it('c on the newest event (the Decrypt) draws the timeline from its root, with each member\'s role and link', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture, { columns: 120, rows: 24 }));
    await view.press(['c'], (frame) => frame.includes('[7 Chain]') && frame.includes('chain of Decrypt (4 events)'));
    const lines = view.frame().split('\n');
    const row = (name: string) => lines.find((line) => /^[› ] \d\d-\d\d /.test(line) && line.includes(` ${name} `)) ?? '';
    expect(lines.find((line) => line.includes('chain of Decrypt'))).toContain('root: user/Alice\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[3J (RunInstances cd75a605');
    expect(row('RunInstances')).toMatch(/11-05 21:35:27 +RunInstances +user\/Alice\\x1b.* root +same instance id in RunInstances response/);
    expect(row('CreateGrant')).toMatch(/ {4}CreateGrant +user\/Alice +fold +same instance id in granteePrincipal/);
    // Cut in the middle: the session (the instance id) that tells such principals apart stays.
    expect(row('Decrypt')).toMatch(/^› 11-05 21:35:47 {3}Decrypt +aws:ec2-\S*…\S*81e2f56c +here, fold +the event asked about/);
    expect(view.frame()).not.toMatch(/\u001b\]0;PWNED/);
    view.unmount();
  });

  it('shows every link of the selected member under the table; Enter opens it in the detail pane', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture, { columns: 100, rows: 24 }));
    await view.press(['c', 'k'], (frame) => /› .*CreateGrant/.test(frame));
    expect(view.frame()).toContain(' also volume vol-f67bafb2: same aws:ebs:id in grant constraints; also request 41c4b4f7');
    await view.press([KEYS.enter], (frame) => frame.includes('[3 Detail]') && frame.includes('c1ad79e3-0d3f-402a-b119-d5c31d7c6a6c'));
    view.unmount();
  });

  it('fits 80x24: the root line, the indented members and the selected member\'s reason', async () => {
    const view = renderWorkbench(fixtureWorkbench(fixture, { columns: 80, rows: 24 }));
    await view.press(['c', 'g'], (frame) => /› .*RunInstances/.test(frame));
    const lines = view.frame().split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(80);
    expect(view.frame()).toContain(' via instance i-81e2f56c: same instance id in RunInstances response');
    view.unmount();
  });
});
