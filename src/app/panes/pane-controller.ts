import type { CommandContext, CommandTable } from '../command-context.js';

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
  /** Why the pane cannot be focused now (e.g. no event opened yet), or null. */
  unavailable?(ctx: CommandContext): string | null;
  /** The pane's own commands, by id. */
  commands: CommandTable;
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
