import { Aggregates, type Defer } from './aggregates.js';
import type { CommandContext, Effects } from './command-context.js';
import { COMMANDS } from './commands.js';
import { focusPane } from './commands/navigation-commands.js';
import type { WorkbenchData } from './data/workbench-data.js';
import { recompile, runFilter } from './filter-actions.js';
import { keyLabel, type KeyBinding } from './key-binding.js';
import { KEYMAP } from './keymap.js';
import { frameLayout } from './layout.js';
import type { PaneController } from './panes/pane-definition.js';
import { PANES } from './panes/pane-registry.js';
import { queueAggregates, refreshKeptCount } from './refresh.js';
import { resolveKey } from './resolve-key.js';
import type { PaneId } from './state.js';
import { patch, type WorkbenchStore } from './store.js';

/** Effects where there is no terminal (tests, the latency probe): the pager and the clipboard say so. */
const NO_TERMINAL: Effects = { page: () => {}, copy: () => {} };

export interface WorkbenchOptions {
  store: WorkbenchStore;
  /** Opens the index for reading; null while it does not exist yet (the indexer creates it). */
  openData: () => WorkbenchData | null;
  keymap?: readonly KeyBinding[];
  defer?: Defer;
  saveHistory?: (history: string[]) => void;
  /** While batches arrive: the rows in view refresh at most this often... */
  refreshMs?: number;
  /** ...and counts, facets and the histogram at most this often. */
  aggregatesMs?: number;
  effects?: Effects;
}

/**
 * The workbench without a screen: keys in, state out. The UI feeds it key names
 * and renders the store; tests and the latency probe drive it the same way.
 */
export class Workbench {
  readonly ctx: CommandContext;
  readonly store: WorkbenchStore;
  private readonly keymap: readonly KeyBinding[];
  private refreshTimer: NodeJS.Timeout | null = null;
  private aggregatesTimer: NodeJS.Timeout | null = null;
  private pendingRefresh = false;
  private lastAggregates = 0;

  constructor(private readonly options: WorkbenchOptions) {
    this.store = options.store;
    this.keymap = options.keymap ?? KEYMAP;
    this.ctx = {
      store: options.store, data: null, compiled: null,
      aggregates: new Aggregates(options.defer, (error) => patch(this.store, 'ui', { message: `counting failed: ${error.message}` })),
      saveHistory: options.saveHistory ?? (() => {}),
      focus: (pane, focusOptions) => focusPane(this.ctx, pane, focusOptions),
      effects: options.effects ?? NO_TERMINAL,
    };
  }

  /** A key, by name (`j`, `ctrl+c`, `return`), with the text it typed (for the filter bar). */
  press(key: string, text = ''): void {
    const { ui } = this.store.getState();
    if (ui.message) patch(this.store, 'ui', { message: null });
    const binding = resolveKey(this.keymap, ui.pane, ui.mode, key);
    if (!binding) {
      // Unbound keys type text in the filter bar and in the note prompt.
      if ((ui.mode === 'filter' || ui.mode === 'note') && text) this.run(`${ui.mode}.insert`, text);
      return;
    }
    if (binding.disabled) {
      patch(this.store, 'ui', { message: `${keyLabel(binding.keys[0]!)} (${binding.description}): ${binding.disabled}` });
      return;
    }
    try {
      this.run(binding.command);
    } catch (error) {
      // An index error must not end the session mid-incident: say it, keep the screen.
      patch(this.store, 'ui', { message: `${binding.command} failed: ${(error as Error).message}` });
    }
  }

  run(command: string, argument?: string): void {
    const run = COMMANDS[command];
    if (!run) throw new Error(`unknown command ${command}`);
    run(this.ctx, argument);
  }

  /** Opens the index if it is there; the first time, shows the current filter's events. */
  connect(): boolean {
    if (this.ctx.data) return true;
    const data = this.options.openData();
    if (!data) return false;
    this.ctx.data = data;
    patch(this.store, 'status', { totalEvents: data.totalEvents(), rejected: data.rejectedCount() });
    // A restored session opens around the event that was selected, in the pane that was focused.
    const { filter, ui } = this.store.getState();
    runFilter(this.ctx, filter.crumbs[filter.crumbs.length - 1]?.anchor ?? null);
    PANES[ui.pane].controller.focus?.(this.ctx);
    return true;
  }

  /** The index changed: refresh the rows in view soon, and the counts less often (both throttled; the kept count at once). */
  notifyDataChanged(): void {
    if (!this.connect()) return;
    // One read: it follows every change (the status line's count does), never waits for the throttle.
    refreshKeptCount(this.ctx);
    this.scheduleAggregates();
    if (this.refreshTimer) {
      this.pendingRefresh = true;
      return;
    }
    this.pendingRefresh = false;
    this.eachPaneInView((controller) => controller.dataChanged?.(this.ctx));
    this.refreshTimer = this.later(this.options.refreshMs ?? 250, () => {
      this.refreshTimer = null;
      if (this.pendingRefresh) this.notifyDataChanged();
    });
  }

  /** While data streams in, counting again waits at least 3x what the last round cost, so it takes a third of the time at most. */
  private scheduleAggregates(): void {
    if (this.aggregatesTimer) return;
    const interval = Math.max(this.options.aggregatesMs ?? 2000, 3 * this.ctx.aggregates.takeBusyMs());
    const wait = Math.max(0, this.lastAggregates + interval - Date.now());
    this.aggregatesTimer = this.later(wait, () => {
      this.aggregatesTimer = null;
      this.lastAggregates = Date.now();
      recompile(this.ctx);
      this.eachPaneInView((controller) => controller.dataChanged?.(this.ctx));
      queueAggregates(this.ctx);
    });
  }

  private later(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(run, ms);
    timer.unref();
    return timer;
  }

  resize(columns: number, rows: number): void {
    const ui = this.store.getState().ui;
    if (ui.columns === columns && ui.rows === rows) return;
    patch(this.store, 'ui', { columns, rows });
    if (!this.ctx.data) return;
    this.eachPaneInView((controller) => (controller.resized ?? controller.dataChanged)?.(this.ctx));
    queueAggregates(this.ctx);
  }

  /** The panes on screen: the events list always (it is under every narrow pane's tab), the focused one and the one beside it. */
  private eachPaneInView(visit: (controller: PaneController) => void): void {
    const { ui } = this.store.getState();
    const inView = new Set<PaneId>(['events', ui.pane]);
    if (frameLayout(ui.columns, ui.rows).wide) inView.add(ui.companion);
    for (const pane of inView) visit(PANES[pane].controller);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.aggregatesTimer) clearTimeout(this.aggregatesTimer);
    this.ctx.aggregates.stop();
    this.ctx.data?.close();
    this.ctx.data = null;
  }
}
