import type { EntityKind } from '../../core/normalize/types.js';
import type { FacetValue } from '../../core/query/facets.js';
import type { CommandContext } from '../command-context.js';
import { pivot } from '../filter-actions.js';
import { key } from '../key-binding.js';
import { viewportRows } from '../layout.js';
import { queueFacet } from '../refresh.js';
import { FACET_KINDS, patch } from '../store.js';
import { moveInList, type PaneController, type PaneDefinition } from './pane-definition.js';

export interface FacetsSlice {
  kinds: EntityKind[];
  kindIndex: number;
  selected: number;
  top: number;
  /** Values per kind under the current filter; absent until the first counts arrive. */
  values: Partial<Record<EntityKind, FacetValue[]>>;
  /** How much of the matches each kind has counted so far (1: all). */
  progress: Partial<Record<EntityKind, number>>;
}

declare module '../state.js' {
  interface PaneSlices {
    facets: FacetsSlice;
  }
}

/** Rows of values under the facet tabs. */
function viewport(ctx: CommandContext): number {
  return viewportRows(ctx.store.getState(), facetsPane);
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

const controller: PaneController = {
  move,
  toStart: (ctx) => move(ctx, -Number.MAX_SAFE_INTEGER),
  toEnd: (ctx) => move(ctx, Number.MAX_SAFE_INTEGER),
  activate,
  focus: (ctx) => {
    const facets = ctx.store.getState().facets;
    const kind = facets.kinds[facets.kindIndex];
    if (kind && !facets.values[kind]) queueFacet(ctx, kind);
  },
  values: (ctx) => {
    const facets = ctx.store.getState().facets;
    const value = currentValues(ctx)[facets.selected];
    if (!value) return [];
    const aliases = (value.aliases ?? []).map((alias) => ({ label: 'alias', value: alias }));
    return [{ label: facets.kinds[facets.kindIndex] ?? 'value', value: value.value }, ...aliases, { label: 'events', value: value.count.toLocaleString('en-US') }];
  },
  commands: {
    'facets.nextKind': (ctx) => switchKind(ctx, 1),
    'facets.previousKind': (ctx) => switchKind(ctx, -1),
  },
};

/** The values of one kind (keys, principals, IPs...) under the filter, most frequent first; Enter pivots. */
export const facetsPane: PaneDefinition<'facets'> = {
  id: 'facets',
  title: 'Facets',
  shortTitle: 'Fac',
  placement: 'beside',
  // The kind tabs and the table header.
  frameRows: 2,
  initial: () => ({ kinds: [...FACET_KINDS], kindIndex: 0, selected: 0, top: 0, values: {}, progress: {} }),
  controller,
  keys: [
    key(['l', 'right'], 'facets.nextKind', 'next facet (keys, principals, instances, ...)'),
    key(['h', 'left'], 'facets.previousKind', 'previous facet'),
  ],
};
