import type { CompiledFilter } from '../core/query/filter-compile.js';
import type { Aggregates } from './aggregates.js';
import type { WorkbenchData } from './data/workbench-data.js';
import type { PaneId } from './state.js';
import type { WorkbenchStore } from './store.js';

/** What the workbench does outside its own screen: given by the terminal app, stand-ins in tests. */
export interface Effects {
  /** Shows text in the responder's pager (`$PAGER`, else less), the workbench paused meanwhile. */
  page(text: string): void;
  /** Puts text on the responder's clipboard (OSC 52: works over SSH in most terminals). */
  copy(text: string): void;
}

/**
 * What a command works with: the store it updates, the index it reads through the
 * core (null until the indexer has created it), and the compiled current filter.
 * Effects on another pane go through `focus`, never through another pane's module.
 */
export interface CommandContext {
  store: WorkbenchStore;
  data: WorkbenchData | null;
  /** The effective filter resolved against the index; recompiled when the filter or the data change. */
  compiled: CompiledFilter | null;
  aggregates: Aggregates;
  saveHistory(history: string[]): void;
  /**
   * Shows a pane and has it load what it shows. `step: true` (the default) makes it a
   * step Esc walks back; false when the caller already recorded one (a breadcrumb step).
   */
  focus(pane: PaneId, options?: { step?: boolean }): void;
  effects: Effects;
}

/** A command: the only way state changes. `argument` carries typed text for `filter.insert`. */
export type CommandFn = (ctx: CommandContext, argument?: string) => void;

export type CommandTable = Record<string, CommandFn>;
