import type { PaneId } from '../state.js';
import { chainPane } from './chain.js';
import { detailPane } from './detail.js';
import { detectionsPane } from './detections.js';
import { eventsPane } from './events.js';
import { facetsPane } from './facets.js';
import { findingsPane } from './findings.js';
import { histogramPane } from './histogram.js';
import type { PaneDefinition } from './pane-definition.js';

/**
 * Every pane, in tab order: a pane's number (its tab and its key) is its place here.
 * A new pane is its definition file, its view, and one entry here and in the views.
 */
export const PANE_DEFINITIONS: readonly PaneDefinition[] = [
  eventsPane, facetsPane, detailPane, histogramPane, detectionsPane, findingsPane, chainPane,
] as PaneDefinition[];

export const PANES = Object.fromEntries(PANE_DEFINITIONS.map((pane) => [pane.id, pane])) as Record<PaneId, PaneDefinition>;

/** The order Tab walks. */
export const PANE_ORDER: readonly PaneId[] = PANE_DEFINITIONS.map((pane) => pane.id);
