import type { DetectionHit } from '../../core/detect/types.js';
import type { CommandContext } from '../command-context.js';
import { pushCrumb } from '../filter-actions.js';
import { key } from '../key-binding.js';
import { viewportRows } from '../layout.js';
import { patch } from '../store.js';
import { moveInList, type PaneController, type PaneDefinition } from './pane-definition.js';

/** The hits in view (a page read by position, never all of them), most severe then newest first. */
export interface DetectionsSlice {
  /** Hits in the index. */
  total: number;
  /** Position of `hits[0]` among all hits. */
  offset: number;
  hits: DetectionHit[];
  /** Positions among all hits of the selected and of the first visible hit. */
  selected: number;
  top: number;
  loaded: boolean;
}

declare module '../state.js' {
  interface PaneSlices {
    detections: DetectionsSlice;
  }
}

/** Lines of the selected hit's reason under the table (the rest reads in full with v). */
export const REASON_ROWS = 3;

function viewport(ctx: CommandContext): number {
  return viewportRows(ctx.store.getState(), detectionsPane);
}

/** Reads the page of hits from `top`, the selection kept in range: the pane's only read. */
function showFrom(ctx: CommandContext, selected: number, top: number): void {
  if (!ctx.data) return;
  const total = ctx.data.hitCount();
  const window = moveInList(selected, top, 0, total, viewport(ctx));
  const hits = ctx.data.hitsPage(window.top, viewport(ctx));
  patch(ctx.store, 'detections', { total, offset: window.top, hits, loaded: true, ...window });
}

/** Reloads the page in view (on focus and when the indexer's detections add hits). */
export function loadHits(ctx: CommandContext): void {
  const detections = ctx.store.getState().detections;
  showFrom(ctx, detections.selected, detections.top);
}

function move(ctx: CommandContext, delta: number): void {
  const detections = ctx.store.getState().detections;
  const next = moveInList(detections.selected, detections.top, delta, detections.total, viewport(ctx));
  if (next.top === detections.offset && detections.loaded) patch(ctx.store, 'detections', next);
  else showFrom(ctx, next.selected, next.top);
}

function selectedHit(ctx: CommandContext): DetectionHit | null {
  const detections = ctx.store.getState().detections;
  return detections.hits[detections.selected - detections.offset] ?? null;
}

/** Enter: the events pane shows exactly the hit's events (`hit:ID`), as a step Esc walks back to this hit. */
function activate(ctx: CommandContext): void {
  const hit = selectedHit(ctx);
  if (!hit) {
    patch(ctx.store, 'ui', { message: 'no detection hit selected' });
    return;
  }
  if (pushCrumb(ctx, `hit:${hit.id}`, `hit ${hit.rule} (${hit.severity})`, 'replace')) ctx.focus('events', { step: false });
}

function values(ctx: CommandContext) {
  const hit = selectedHit(ctx);
  if (!hit) return [];
  const fields: Array<[string, string | null]> = [
    ['reason', hit.reason], ['title', hit.title], ['rule', hit.rule], ['severity', hit.severity],
    ['principal', hit.principal], ['key', hit.key], ['source IP', hit.ip], ['first', hit.first], ['last', hit.last],
    ['events', String(hit.eventCount ?? hit.eventIDs.length)], ['hit id', hit.id],
  ];
  return fields.filter((field): field is [string, string] => Boolean(field[1])).map(([label, value]) => ({ label, value }));
}

const controller: PaneController = {
  move,
  toStart: (ctx) => move(ctx, -Number.MAX_SAFE_INTEGER),
  toEnd: (ctx) => move(ctx, Number.MAX_SAFE_INTEGER),
  activate,
  focus: loadHits,
  dataChanged: loadHits,
  resized: loadHits,
  values,
  commands: {},
};

/** Detection hits, most severe first, a page at a time; Enter shows a hit's events. */
export const detectionsPane: PaneDefinition<'detections'> = {
  id: 'detections',
  title: 'Detections',
  shortTitle: 'Dtc',
  placement: 'beside',
  // Its title, the table header and the selected hit's reason.
  frameRows: 2 + REASON_ROWS,
  initial: () => ({ total: 0, offset: 0, hits: [], selected: 0, top: 0, loaded: false }),
  controller,
  keys: [],
  globalKeys: [key(['d'], 'pane.detections', 'detection hits, most severe first (Enter: the hit\'s events)')],
};
