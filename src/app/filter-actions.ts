import type { CompiledFilter } from '../core/query/filter-compile.js';
import { recordStep } from './back-steps.js';
import type { CommandContext } from './command-context.js';
import { effectiveFilter, term, withTerm, withTerms } from './data/filter-text.js';
import { currentAnchor, showAround, showNewest } from './panes/events-window.js';
import { queueAggregates } from './refresh.js';
import type { Crumb, EventAnchor, FilterSlice } from './state.js';
import { patch } from './store.js';

function effectiveOf(filter: Pick<FilterSlice, 'crumbs' | 'errorsOnly' | 'hideService'>): string {
  return effectiveFilter(filter.crumbs[filter.crumbs.length - 1]?.text ?? '', filter);
}

/** Why a filter can match nothing (`principal:deploy` names no principal), what to type instead: the first of the index's notes. */
function noteOf(compiled: CompiledFilter): string | null {
  return compiled.notes?.[0]?.message ?? null;
}

/**
 * Runs the current breadcrumb step with the toggles: compiles it against the index,
 * shows its newest page at once, and queues counts, facets and the histogram.
 * Returns false (and leaves the view as it was) when the filter has errors.
 */
export function runFilter(ctx: CommandContext, anchor: EventAnchor | null = null): boolean {
  const filter = ctx.store.getState().filter;
  const effective = effectiveOf(filter);
  if (!ctx.data) {
    patch(ctx.store, 'filter', { effective, errors: [], note: null });
    return true;
  }
  const compiled = ctx.data.compile(effective);
  if (compiled.errors.length > 0) {
    patch(ctx.store, 'filter', { errors: compiled.errors });
    patch(ctx.store, 'ui', { message: `filter error: ${compiled.errors[0]!.message}` });
    return false;
  }
  ctx.compiled = compiled;
  patch(ctx.store, 'filter', { effective, errors: [], note: noteOf(compiled) });
  patch(ctx.store, 'facets', { values: {}, progress: {}, selected: 0, top: 0 });
  patch(ctx.store, 'histogram', { ready: false, selected: -1 });
  patch(ctx.store, 'status', { matches: null, matchesCapped: false });
  if (anchor && !anchor.follow) showAround(ctx, anchor);
  else showNewest(ctx);
  ctx.aggregates.clear();
  queueAggregates(ctx);
  return true;
}

/**
 * Adds a breadcrumb step (a step Esc walks back, the events list's place kept for it);
 * if its filter does not compile, the step is taken back and false returned.
 */
export function pushCrumb(ctx: CommandContext, text: string, label: string, kind: Crumb['kind'] = 'narrow'): boolean {
  const crumbs = ctx.store.getState().filter.crumbs;
  const current = crumbs[crumbs.length - 1];
  if (current && current.text === text) return runFilter(ctx);
  const back = ctx.store.getState().ui.back;
  recordStep(ctx);
  const marked = crumbs.map((crumb, index) => (index === crumbs.length - 1 ? { ...crumb, anchor: currentAnchor(ctx) } : crumb));
  patch(ctx.store, 'filter', { crumbs: [...marked, { text, label, kind }] });
  if (runFilter(ctx)) return true;
  patch(ctx.store, 'filter', { crumbs });
  patch(ctx.store, 'ui', { back });
  return false;
}

/**
 * Narrows the filter on one value (from a facet, a detail line or the histogram) and
 * shows the events. `shown` names the value in the breadcrumb (a key's alias for its ARN).
 */
export function pivot(ctx: CommandContext, field: string, value: string, shown = value): void {
  const crumbs = ctx.store.getState().filter.crumbs;
  const text = withTerm(crumbs[crumbs.length - 1]?.text ?? '', field, value);
  if (pushCrumb(ctx, text, term(field, shown))) ctx.focus('events', { step: false });
}

/** Narrows the filter to a time range: both bounds in one breadcrumb step. */
export function pivotTime(ctx: CommandContext, since: string, until: string, label: string): void {
  const crumbs = ctx.store.getState().filter.crumbs;
  const text = withTerms(crumbs[crumbs.length - 1]?.text ?? '', [['since', since], ['until', until]]);
  if (pushCrumb(ctx, text, label)) ctx.focus('events', { step: false });
}

/** Walks the breadcrumb back to `depth` steps, the events list where it was; false when already there. */
export function popCrumbs(ctx: CommandContext, depth: number): boolean {
  const crumbs = ctx.store.getState().filter.crumbs;
  const keep = Math.max(1, depth);
  if (crumbs.length <= keep) return false;
  const kept = crumbs.slice(0, keep);
  const anchor = kept[kept.length - 1]?.anchor ?? null;
  patch(ctx.store, 'filter', { crumbs: kept });
  runFilter(ctx, anchor);
  return true;
}

/**
 * Resolves the current filter again: values indexed since it was compiled (a new
 * principal matching `*alice*`) now match. Run at the counting pace, not per batch:
 * a bare word scans every known value.
 */
export function recompile(ctx: CommandContext): void {
  if (!ctx.data) return;
  const compiled = ctx.data.compile(ctx.store.getState().filter.effective);
  if (compiled.errors.length > 0) return;
  ctx.compiled = compiled;
  // A value indexed since may now match: the note goes with it.
  const note = noteOf(compiled);
  if (note !== ctx.store.getState().filter.note) patch(ctx.store, 'filter', { note });
}
