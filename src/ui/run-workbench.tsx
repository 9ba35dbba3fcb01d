import { render } from 'ink';
import { openReadable } from '../app/data/open-readable.js';
import { createWorkbenchStore, patch } from '../app/store.js';
import { Workbench } from '../app/workbench.js';
import { ensureStateDir } from '../cli/index-location.js';
import { App } from './App.js';
import { loadFilterHistory, saveFilterHistory } from './filter-history-file.js';
import { followFolder } from './follow-folder.js';
import { themeFromEnv } from './theme.js';
import { WorkbenchContext } from './workbench-context.js';
import type { WorkbenchTarget } from './workbench-target.js';

/** The alternate screen, as less and vim use: the shell's screen comes back untouched on quit. */
const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';

/** Draws the first frame, then starts indexing; resolves with the exit code when the user quits. */
export async function runWorkbench(target: WorkbenchTarget): Promise<number> {
  const home = ensureStateDir();
  const store = createWorkbenchStore({
    dir: target.dir, dbPath: target.db, columns: process.stdout.columns, rows: process.stdout.rows, history: loadFilterHistory(home),
  });
  const openData = () => openReadable(target.db, (reason) => patch(store, 'status', { notice: reason }));
  const workbench = new Workbench({ store, openData, saveHistory: (history) => saveFilterHistory(home, history) });
  process.stdout.write(ENTER_ALT_SCREEN);
  const instance = render(
    <WorkbenchContext.Provider value={{ workbench, theme: themeFromEnv(process.env) }}>
      <App />
    </WorkbenchContext.Provider>,
    { exitOnCtrlC: false },
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
    workbench.dispose();
    process.stdout.write(LEAVE_ALT_SCREEN);
  }
  return 0;
}
