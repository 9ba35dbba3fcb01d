import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkbenchData } from '../../src/app/data/workbench-data.js';
import { createWorkbenchStore } from '../../src/app/create-store.js';
import { patch } from '../../src/app/store.js';
import { Workbench } from '../../src/app/workbench.js';
import { openIndex } from '../../src/core/index/open.js';
import { BASE_TIME, fixtureIndex, HOSTILE, kmsEvent, type FixtureIndex } from './fixture-index.js';

const ROLE = 'arn:aws:sts::111122223333:assumed-role/app-server/i-0abc';

let fixture: FixtureIndex;
beforeAll(async () => {
  fixture = await fixtureIndex([kmsEvent({ at: BASE_TIME, principal: ROLE, userAgent: `curl ${HOSTILE}` })]);
});
afterAll(() => fixture.cleanup());

/** A workbench whose pager and clipboard are recorded instead of reaching a terminal. */
function recordingWorkbench() {
  const paged: string[] = [];
  const copied: string[] = [];
  const store = createWorkbenchStore({ dir: fixture.logs, dbPath: fixture.dbPath, columns: 80, rows: 24 });
  const workbench = new Workbench({
    store, openData: () => createWorkbenchData(openIndex(fixture.dbPath, { readonly: true })), refreshMs: 0, aggregatesMs: 0,
    effects: { page: (text) => paged.push(text), copy: (text) => copied.push(text) },
  });
  patch(store, 'status', { initialScanDone: true });
  workbench.connect();
  return { workbench, paged, copied };
}

describe('values in full, the clipboard and the pager', () => {
  it('v lists the selected event\'s values whole; y copies the first, and j then y the one picked', () => {
    const { workbench, copied } = recordingWorkbench();
    workbench.press('v');
    const { ui } = workbench.store.getState();
    expect(ui.mode).toBe('value');
    expect(ui.values).toContainEqual({ label: 'principal', value: ROLE });
    workbench.press('y');
    expect(copied).toEqual([ui.values[0]!.value]);
    const principal = ui.values.findIndex((value) => value.label === 'principal');
    for (let step = 0; step < principal; step++) workbench.press('j');
    workbench.press('y');
    expect(copied[1]).toBe(ROLE);
    expect(workbench.store.getState().ui.message).toMatch(/copied principal/);
    workbench.press('escape');
    expect(workbench.store.getState().ui.mode).toBe('normal');
  });

  it('o hands the raw record, indented and escaped, to the pager; where there is no record it says so', () => {
    const { workbench, paged } = recordingWorkbench();
    workbench.press('o');
    expect(paged).toHaveLength(1);
    expect(paged[0]).toContain(`"arn": "${ROLE}"`);
    expect(paged[0]).toContain('\\u001b]0;PWNED');
    expect(paged[0]).not.toContain('\u001b');
    workbench.press('6');
    workbench.press('o');
    expect(paged).toHaveLength(1);
    expect(workbench.store.getState().ui.message).toMatch(/o opens an event's raw record/);
  });
});
