import { render } from 'ink';
import { openReadable } from '../app/data/open-readable.js';
import { createWorkbenchStore } from '../app/create-store.js';
import { applySession, sessionOf } from '../app/session.js';
import { patch } from '../app/store.js';
import { Workbench } from '../app/workbench.js';
import { ensureStateDir } from '../cli/index-location.js';
import { App } from './App.js';
import { loadFilterHistory, saveFilterHistory } from './filter-history-file.js';
import { followFolder } from './follow-folder.js';
import { RENDER_OPTIONS } from './render-options.js';
import { loadSession, saveSession } from './session-file.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, terminalEffects } from './terminal-effects.js';
import { themeFromEnv } from './theme.js';
import { WorkbenchContext } from './workbench-context.js';
import type { WorkbenchTarget } from './workbench-target.js';

/** Draws the first frame, then starts indexing; resolves with the exit code when the user quits. */
export async function runWorkbench(target: WorkbenchTarget): Promise<number> {
  const home = ensureStateDir();
  const store = createWorkbenchStore({
    dir: target.dir, dbPath: target.db, columns: process.stdout.columns, rows: process.stdout.rows, history: loadFilterHistory(home),
  });
  const saved = loadSession(home, target.db);
  if (saved) applySession(store, saved);
  const openData = () => openReadable(target.db, (reason) => patch(store, 'status', { notice: reason }));
  let instance: ReturnType<typeof render> | null = null;
  const effects = terminalEffects({
    stdin: process.stdin, stdout: process.stdout, env: process.env,
    redraw: () => {
      instance?.clear();
      patch(store, 'ui', { message: 'back from the pager' });
    },
  });
  const workbench = new Workbench({ store, openData, effects, saveHistory: (history) => saveFilterHistory(home, history) });
  process.stdout.write(ENTER_ALT_SCREEN);
  instance = render(
    <WorkbenchContext.Provider value={{ workbench, theme: themeFromEnv(process.env) }}>
      <App />
    </WorkbenchContext.Provider>,
    RENDER_OPTIONS,
  );
  let folder: { stop(): Promise<void> } | null = null;
  // The frame is on screen before any index work starts.
  setImmediate(() => {
    folder = followFolder(workbench, target);
  });
  try {
    await instance.waitUntilExit();
  } finally {
    await (folder as { stop(): Promise<void> } | null)?.stop();
    saveSession(home, target.db, sessionOf(store.getState()));
    workbench.dispose();
    process.stdout.write(LEAVE_ALT_SCREEN);
  }
  return 0;
}
