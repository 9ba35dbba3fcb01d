import { createFindingsData } from '../../src/app/data/findings-data.js';
import { createWorkbenchData } from '../../src/app/data/workbench-data.js';
import { createWorkbenchStore } from '../../src/app/create-store.js';
import { patch } from '../../src/app/store.js';
import { Workbench } from '../../src/app/workbench.js';
import { openIndex } from '../../src/core/index/open.js';
import type { FixtureIndex } from './fixture-index.js';

/** A workbench as the real one opens the index (read-only), writing incident notes into `noteDir`, not the repo. */
export function findingsWorkbench(fixture: FixtureIndex, noteDir: string, size = { columns: 100, rows: 24 }): Workbench {
  const store = createWorkbenchStore({ dir: fixture.logs, dbPath: fixture.dbPath, ...size });
  const workbench = new Workbench({
    store,
    openData: () => ({ ...createWorkbenchData(openIndex(fixture.dbPath, { readonly: true })), findings: createFindingsData(fixture.dbPath, noteDir) }),
    refreshMs: 0,
    aggregatesMs: 0,
  });
  patch(store, 'status', { initialScanDone: true });
  workbench.connect();
  return workbench;
}
