import type { ComponentType } from 'react';
import type { PaneId } from '../../app/state.js';
import { ChainPane } from './ChainPane.js';
import { DetailPane } from './DetailPane.js';
import { DetectionsPane } from './DetectionsPane.js';
import { EventsPane } from './EventsPane.js';
import { FacetsPane } from './FacetsPane.js';
import { FindingsPane } from './FindingsPane.js';
import { HistogramPane } from './HistogramPane.js';
import type { PaneProps } from './pane-props.js';

/** The component drawing each pane. A new pane adds one entry here (see docs/UI.md). */
export const PANE_VIEWS: Record<PaneId, ComponentType<PaneProps>> = {
  events: EventsPane,
  facets: FacetsPane,
  detail: DetailPane,
  histogram: HistogramPane,
  detections: DetectionsPane,
  findings: FindingsPane,
  chain: ChainPane,
};
