import { render } from 'ink-testing-library';
import { vi } from 'vitest';
import type { Workbench } from '../../src/app/workbench.js';
import { App } from '../../src/ui/App.js';
import { themeFromEnv, type Theme } from '../../src/ui/theme.js';
import { WorkbenchContext } from '../../src/ui/workbench-context.js';

export const KEYS = { enter: '\r', escape: '\u001b', tab: '\t', up: '\u001b[A', down: '\u001b[B', left: '\u001b[D', right: '\u001b[C', pageUp: '\u001b[5~', home: '\u001b[H', backspace: '\u007f' };

/** The real App over a workbench, in ink-testing-library; `press` waits until the frame shows `until`. */
export function renderWorkbench(workbench: Workbench, theme: Theme = themeFromEnv({ LANG: 'C.UTF-8' })) {
  const view = render(
    <WorkbenchContext.Provider value={{ workbench, theme }}>
      <App />
    </WorkbenchContext.Provider>,
  );
  const frame = () => view.lastFrame() ?? '';
  return {
    ...view,
    frame,
    /** Sends keys one write at a time (as a terminal would) and waits for the frame to satisfy `until`. */
    async press(keys: string[], until: (frame: string) => boolean) {
      for (const key of keys) {
        view.stdin.write(key);
        // A lone Escape is only known to be one after a pause; so is each key a terminal sends.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await vi.waitFor(() => {
        if (!until(frame())) throw new Error(`frame never matched:\n${frame()}`);
      });
    },
  };
}
