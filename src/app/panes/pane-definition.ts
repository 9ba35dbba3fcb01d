import type { CommandContext, CommandTable } from '../command-context.js';
import type { PaneKey } from '../key-binding.js';
import type { FullValue, PaneId, WorkbenchState } from '../state.js';

/**
 * How a pane answers the shared moves: the cursor keys, Enter and focus. Cursor
 * commands look up the focused pane's controller, so a new pane gets j/k/g/G/PgDn
 * by implementing these; its own keys come as extra commands.
 */
export interface PaneController {
  /** Moves the selection by `delta` rows (j/k: ±1; PgDn/PgUp: ± a screenful). */
  move(ctx: CommandContext, delta: number): void;
  toStart(ctx: CommandContext): void;
  toEnd(ctx: CommandContext): void;
  /** Enter: open or pivot. */
  activate(ctx: CommandContext): void;
  /** Called when the pane gets the focus, to load what it shows. */
  focus?(ctx: CommandContext): void;
  /** The index changed while the pane is in view: re-read what it shows. */
  dataChanged?(ctx: CommandContext): void;
  /** The terminal was resized while the pane is in view: re-fit what it holds (wrapped lines, a page). */
  resized?(ctx: CommandContext): void;
  /** Why the pane cannot be focused now (e.g. no event opened yet), or null. */
  unavailable?(ctx: CommandContext): string | null;
  /** The selection's values in full (`v`, `y`); empty when nothing is selected. */
  values?(ctx: CommandContext): FullValue[];
  /** The selection's raw record, for the pager (`o`), or null. */
  raw?(ctx: CommandContext): string | null;
  /** The pane's own commands, by id. */
  commands: CommandTable;
}

/**
 * Everything about one pane, written once: the tab it gets, where it is drawn, how
 * many of its rows are not list rows, its first state, its controller and its own
 * keys. Ids, tab numbers, number keys, help and `paneRows` derive from these.
 */
export interface PaneDefinition<Id extends PaneId = PaneId> {
  id: Id;
  /** Tab title, and a shorter one for a narrow tab bar. */
  title: string;
  shortTitle: string;
  /** `main`: the list on the left; `beside`: beside the events on a wide screen (full screen when narrow); `strip`: the histogram strip above. */
  placement: 'main' | 'beside' | 'strip';
  /** Rows of the pane's frame that are not list rows: its title, table header, lines under the table. */
  frameRows: number;
  initial: () => WorkbenchState[Id];
  controller: PaneController;
  /** Keys of this pane only (a pane binding wins over a global one on the same key). */
  keys: readonly PaneKey[];
  /** Keys this pane brings that work from every pane: a letter that opens it (`d`), what acts on any selection (`m`). */
  globalKeys?: readonly PaneKey[];
}

/** Keeps the selected row inside the viewport, scrolling as little as possible. */
export function keepVisible(top: number, selected: number, viewport: number): number {
  if (selected < top) return selected;
  if (selected >= top + viewport) return selected - viewport + 1;
  return top;
}

/** A plain list selection moved by `delta` within `length` rows. */
export function moveInList(selected: number, top: number, delta: number, length: number, viewport: number): { selected: number; top: number } {
  const next = Math.max(0, Math.min(length - 1, selected + delta));
  return { selected: Math.max(0, next), top: keepVisible(top, Math.max(0, next), viewport) };
}
