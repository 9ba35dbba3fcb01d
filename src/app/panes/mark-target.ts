import type { FindingTarget } from '../../core/findings/types.js';
import type { CommandContext } from '../command-context.js';

/** What `m` marks, and how the note prompt names it. */
export interface MarkTarget {
  target: FindingTarget;
  label: string;
}

/** The current filter as a whole (`M`, or `m` where nothing single is selected). */
export function filterTarget(ctx: CommandContext): MarkTarget | string {
  const effective = ctx.store.getState().filter.effective.trim();
  if (effective === '') return 'the filter is empty (all events): narrow it with / first, or mark an event';
  return { target: { kind: 'filter', reference: effective }, label: `filter ${effective}` };
}

function eventTarget(ctx: CommandContext, seq: number | null): MarkTarget | string {
  const detail = seq === null ? null : ctx.data?.detail(seq) ?? null;
  if (!detail) return 'no event selected';
  const { row } = detail;
  return { target: { kind: 'event', reference: row.uid }, label: `event ${row.eventName ?? ''} ${row.eventTime ?? ''}`.trim() };
}

/**
 * The selection of the focused pane: the selected event in the events list, the
 * event open in the detail pane, the chain shown, the selected detection hit, else the current filter. A string says why nothing can be marked.
 */
export function markTarget(ctx: CommandContext): MarkTarget | string {
  const state = ctx.store.getState();
  switch (state.ui.pane) {
    case 'events':
      return eventTarget(ctx, state.events.rows[state.events.selected]?.seq ?? null);
    case 'detail':
      return eventTarget(ctx, state.detail.seq);
    case 'chain': {
      const chain = state.chain.chain;
      return chain ? { target: { kind: 'chain', reference: chain.origin.uid }, label: `chain of event ${chain.origin.eventID ?? chain.origin.uid}` } : 'no chain shown';
    }
    case 'detections': {
      const hit = state.detections.hits[state.detections.selected - state.detections.offset];
      return hit ? { target: { kind: 'hit', reference: hit.id }, label: `detection ${hit.title}` } : 'no detection hit selected';
    }
    default:
      return filterTarget(ctx);
  }
}
