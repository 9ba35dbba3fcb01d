import type { CompiledFilter } from '../core/query/filter-compile.js';
import type { Aggregates } from './aggregates.js';
import type { WorkbenchData } from './data/workbench-data.js';
import type { WorkbenchStore } from './store.js';

/**
 * What a command works with: the store it updates, the index it reads through the
 * core (null until the indexer has created it), and the compiled current filter.
 */
export interface CommandContext {
  store: WorkbenchStore;
  data: WorkbenchData | null;
  /** The effective filter resolved against the index; recompiled when the filter or the data change. */
  compiled: CompiledFilter | null;
  aggregates: Aggregates;
  saveHistory(history: string[]): void;
}

/** A command: the only way state changes. `argument` carries typed text for `filter.insert`. */
export type CommandFn = (ctx: CommandContext, argument?: string) => void;

export type CommandTable = Record<string, CommandFn>;
