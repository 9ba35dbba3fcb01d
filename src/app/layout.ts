import type { WorkbenchState } from './state.js';

/** Below this width one pane fills the screen; at or above it a companion pane sits beside the events. */
export const WIDE_COLUMNS = 140;

/** Where each part of the frame goes, shared by the renderer and the commands that page by screenfuls. */
export interface FrameLayout {
  wide: boolean;
  /** Rows of the frame: one less than the terminal, so ink never clears the whole screen on redraw. */
  height: number;
  histogramRows: number;
  /** Rows of the pane area (tabs, filter and status lines excluded): every pane gets this height. */
  bodyRows: number;
  mainColumns: number;
  companionColumns: number;
}

const STATUS_ROWS = 1;
const FILTER_ROWS = 1;
const TAB_ROWS = 1;

export function frameLayout(columns: number, rows: number): FrameLayout {
  const height = Math.max(8, rows - 1);
  const wide = columns >= WIDE_COLUMNS;
  const histogramRows = height >= 18 ? 3 : 0;
  const bodyRows = Math.max(2, height - STATUS_ROWS - FILTER_ROWS - TAB_ROWS - histogramRows);
  const mainColumns = wide ? Math.floor(columns * 0.58) : columns;
  return { wide, height, histogramRows, bodyRows, mainColumns, companionColumns: wide ? columns - mainColumns - 1 : 0 };
}

/**
 * Rows of a pane's list in a body of `height` rows: the one measure the pane's
 * controller pages by and its view draws, so the selection never leaves the screen.
 */
export function paneRows(pane: { frameRows: number }, height: number): number {
  return Math.max(1, height - pane.frameRows);
}

/** The list rows of a pane in the current frame. */
export function viewportRows(state: Pick<WorkbenchState, 'ui'>, pane: { frameRows: number }): number {
  return paneRows(pane, frameLayout(state.ui.columns, state.ui.rows).bodyRows);
}

/** Columns a pane is drawn in: beside the events on a wide screen, else the whole width. */
export function paneColumns(state: Pick<WorkbenchState, 'ui'>, pane: { placement: string }): number {
  const layout = frameLayout(state.ui.columns, state.ui.rows);
  if (!layout.wide) return state.ui.columns;
  return pane.placement === 'beside' ? layout.companionColumns : layout.mainColumns;
}
