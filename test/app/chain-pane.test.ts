import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workbench } from '../../src/app/workbench.js';
import { BASE_TIME, fixtureIndex, fixtureWorkbench, kmsEvent, type FixtureIndex } from './fixture-index.js';

const SEED_000 = (JSON.parse(readFileSync('test/fixtures/seeds/000-ebs-flow.json', 'utf8')) as { Records: Array<Record<string, unknown>> }).Records;
const DECRYPT = 'edb65380-0a3e-4123-bbc8-3d1b7cff49b0';

let fixture: FixtureIndex;
beforeAll(async () => {
  // Seed 000 (2014) among later traffic on other keys: the chain must hold only the seed's four events.
  const later = Array.from({ length: 5 }, (_, index) => kmsEvent({ at: BASE_TIME + index * 60_000 }));
  fixture = await fixtureIndex([...SEED_000, ...later]);
});
afterAll(() => fixture.cleanup());

/** Selects an event in the events list by its eventID (the list starts on the newest). */
function selectEvent(workbench: Workbench, eventID: string): void {
  const index = workbench.store.getState().events.rows.findIndex((row) => row.eventID === eventID);
  expect(index).toBeGreaterThanOrEqual(0);
  workbench.press('g');
  for (let step = 0; step < index; step++) workbench.press('j');
}

describe('the chain pane (app)', () => {
  it('c on the Decrypt shows its chain, root first, with the event asked about selected', () => {
    const workbench = fixtureWorkbench(fixture);
    selectEvent(workbench, DECRYPT);
    workbench.press('c');
    const { ui, chain } = workbench.store.getState();
    expect(ui.pane).toBe('chain');
    expect(chain.steps.map((step) => [step.eventName, step.depth, step.roles])).toEqual([
      ['RunInstances', 0, ['root']],
      ['GenerateDataKeyWithoutPlaintext', 2, ['folded']],
      ['CreateGrant', 2, ['folded']],
      ['Decrypt', 1, ['origin', 'folded']],
    ]);
    expect(chain.steps[chain.selected]?.eventName).toBe('Decrypt');
    expect(chain.chain?.root?.principal).toBe('arn:aws:iam::111122223333:user/Alice');
  });

  it('Enter opens the selected member in the detail pane; p pivots the events on its link value', () => {
    const workbench = fixtureWorkbench(fixture);
    selectEvent(workbench, DECRYPT);
    workbench.press('c');
    workbench.press('k');
    expect(workbench.store.getState().chain.steps[workbench.store.getState().chain.selected]?.eventName).toBe('CreateGrant');
    workbench.press('p');
    let state = workbench.store.getState();
    expect(state.ui.pane).toBe('events');
    expect(state.filter.effective).toBe('instance:i-81e2f56c');
    expect(state.events.rows.map((row) => row.eventName)).toEqual(['RunInstances', 'CreateGrant', 'Decrypt']);
    workbench.press('escape');
    expect(workbench.store.getState().filter.effective).toBe('');
    workbench.press('c');
    workbench.press('g');
    workbench.press('return');
    state = workbench.store.getState();
    expect(state.ui.pane).toBe('detail');
    expect(state.detail.seq).toBe(state.chain.steps[0]?.seq);
  });

  it('7 (or Tab onto it) with no chain yet builds the selected event\'s; c in the chain pane rebuilds it around the selected member', () => {
    const workbench = fixtureWorkbench(fixture);
    selectEvent(workbench, DECRYPT);
    const selected = workbench.store.getState().events.rows[workbench.store.getState().events.selected]!;
    workbench.press('7');
    expect(workbench.store.getState().ui.pane).toBe('chain');
    expect(workbench.store.getState().chain.chain?.origin.seq).toBe(selected.seq);
    workbench.press('escape');
    expect(workbench.store.getState().ui.pane).toBe('events');
    workbench.press('c');
    workbench.press('g');
    workbench.press('c');
    const { chain } = workbench.store.getState();
    expect(chain.chain?.origin.eventID).toBe('cd75a605-2fee-4fda-b847-9c3d330ebaae');
    expect(chain.steps).toHaveLength(4);
  });

  it('m in the chain pane marks the chain (by its origin) as a finding target', () => {
    const workbench = fixtureWorkbench(fixture);
    selectEvent(workbench, DECRYPT);
    workbench.press('c');
    workbench.press('m');
    const prompt = workbench.store.getState().findings.prompt;
    expect(prompt?.target).toEqual({ kind: 'chain', reference: DECRYPT });
  });
});
