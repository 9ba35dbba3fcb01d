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
  /** Rows under the panes: the filter and status lines, or in filter mode the editor and the lines under it. */
  barRows: number;
  mainColumns: number;
  companionColumns: number;
}

const STATUS_ROWS = 1;
const FILTER_ROWS = 1;
const TAB_ROWS = 1;
const MIN_BODY_ROWS = 2;
const BAR_ROWS = STATUS_ROWS + FILTER_ROWS;

/**
 * `barLines`: the lines the filter bar asks for. Past its usual two (a filter error's message
 * wrapped under the editor) they are taken from the panes, as far as the panes keep their least.
 * Panes still page by the usual body (`viewportRows`): the bar's extra lines last while it is open,
 * and a list loaded for fewer rows would come back part blank when it closes.
 */
export function frameLayout(columns: number, rows: number, barLines = BAR_ROWS): FrameLayout {
  const height = Math.max(8, rows - 1);
  const wide = columns >= WIDE_COLUMNS;
  const histogramRows = height >= 18 ? 3 : 0;
  const usualBody = Math.max(MIN_BODY_ROWS, height - BAR_ROWS - TAB_ROWS - histogramRows);
  const barRows = BAR_ROWS + Math.max(0, Math.min(barLines - BAR_ROWS, usualBody - MIN_BODY_ROWS));
  const bodyRows = usualBody - (barRows - BAR_ROWS);
  const mainColumns = wide ? Math.floor(columns * 0.58) : columns;
  return { wide, height, histogramRows, bodyRows, barRows, mainColumns, companionColumns: wide ? columns - mainColumns - 1 : 0 };
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
