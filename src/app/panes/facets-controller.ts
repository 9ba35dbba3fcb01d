import type { FacetValue } from '../../core/query/facets.js';
import type { CommandContext } from '../command-context.js';
import { pivot } from '../filter-actions.js';
import { frameLayout } from '../layout.js';
import { queueFacet } from '../refresh.js';
import { patch } from '../store.js';
import { moveInList, type PaneController } from './pane-controller.js';

/** Rows of values under the facet tabs. */
function viewport(ctx: CommandContext): number {
  const { columns, rows } = ctx.store.getState().ui;
  return frameLayout(columns, rows).listRows;
}

function currentValues(ctx: CommandContext): FacetValue[] {
  const facets = ctx.store.getState().facets;
  const kind = facets.kinds[facets.kindIndex];
  return (kind && facets.values[kind]) || [];
}

function move(ctx: CommandContext, delta: number): void {
  const facets = ctx.store.getState().facets;
  patch(ctx.store, 'facets', moveInList(facets.selected, facets.top, delta, currentValues(ctx).length, viewport(ctx)));
}

/** Shows another kind: counted now if this filter has not counted it yet. */
function switchKind(ctx: CommandContext, step: number): void {
  const facets = ctx.store.getState().facets;
  const kindIndex = (facets.kindIndex + step + facets.kinds.length) % facets.kinds.length;
  patch(ctx.store, 'facets', { kindIndex, selected: 0, top: 0 });
  const kind = facets.kinds[kindIndex]!;
  if (!facets.values[kind]) queueFacet(ctx, kind);
}

function activate(ctx: CommandContext): void {
  const facets = ctx.store.getState().facets;
  const kind = facets.kinds[facets.kindIndex];
  const value = currentValues(ctx)[facets.selected];
  if (!kind || !value) {
    patch(ctx.store, 'ui', { message: 'no value selected' });
    return;
  }
  pivot(ctx, kind, value.value, value.aliases?.[0] ?? value.value);
}

export const facetsPane: PaneController = {
  move,
  toStart: (ctx) => move(ctx, -Number.MAX_SAFE_INTEGER),
  toEnd: (ctx) => move(ctx, Number.MAX_SAFE_INTEGER),
  activate,
  focus: (ctx) => {
    const facets = ctx.store.getState().facets;
    const kind = facets.kinds[facets.kindIndex];
    if (kind && !facets.values[kind]) queueFacet(ctx, kind);
  },
  commands: {
    'facets.nextKind': (ctx) => switchKind(ctx, 1),
    'facets.previousKind': (ctx) => switchKind(ctx, -1),
  },
};
