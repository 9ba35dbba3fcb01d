import type { PaneId } from './state.js';

/** Below this width one pane fills the screen; at or above it a companion pane sits beside the events. */
export const WIDE_COLUMNS = 140;

/** Where each part of the frame goes, shared by the renderer and the commands that page by screenfuls. */
export interface FrameLayout {
  wide: boolean;
  /** Rows of the frame: one less than the terminal, so ink never clears the whole screen on redraw. */
  height: number;
  histogramRows: number;
  /** Rows of the main pane area (tabs excluded). */
  bodyRows: number;
  /** Rows of data a list pane shows under its header. */
  listRows: number;
  mainColumns: number;
  companionColumns: number;
}

const STATUS_ROWS = 1;
const FILTER_ROWS = 1;
const TAB_ROWS = 1;
const HEADER_ROWS = 1;

export function frameLayout(columns: number, rows: number): FrameLayout {
  const height = Math.max(8, rows - 1);
  const wide = columns >= WIDE_COLUMNS;
  const histogramRows = height >= 18 ? 3 : 0;
  const bodyRows = Math.max(2, height - STATUS_ROWS - FILTER_ROWS - TAB_ROWS - histogramRows);
  const mainColumns = wide ? Math.floor(columns * 0.58) : columns;
  return {
    wide, height, histogramRows, bodyRows, listRows: Math.max(1, bodyRows - HEADER_ROWS),
    mainColumns, companionColumns: wide ? columns - mainColumns - 1 : 0,
  };
}

/** The pane drawn in the main area: on a narrow screen the focused one; on a wide one always the events. */
export function mainPane(focused: PaneId, wide: boolean): PaneId {
  if (wide || focused === 'histogram') return 'events';
  return focused;
}
