import type { PaneId } from '../state.js';
import { detailPane } from './detail-controller.js';
import { detectionsPane } from './detections-controller.js';
import { eventsPane } from './events-controller.js';
import { facetsPane } from './facets-controller.js';
import { chainPane } from './chain-controller.js';
import { findingsPane } from './findings-controller.js';
import { histogramPane } from './histogram-controller.js';
import type { PaneController } from './pane-controller.js';

/** Every pane's controller. A new pane adds one entry here (and its id to PaneId). */
export const PANES: Record<PaneId, PaneController> = {
  events: eventsPane,
  facets: facetsPane,
  detail: detailPane,
  histogram: histogramPane,
  detections: detectionsPane,
  findings: findingsPane,
  chain: chainPane,
};

/** The order Tab walks. */
export const PANE_ORDER: readonly PaneId[] = ['events', 'facets', 'detail', 'histogram', 'detections', 'findings', 'chain'];
