import type { CommandContext } from '../command-context.js';
import { chainSteps } from '../data/chain-steps.js';
import { pivot } from '../filter-actions.js';
import { frameLayout } from '../layout.js';
import { patch } from '../store.js';
import { loadDetail } from './detail-load.js';
import { moveInList, type PaneController } from './pane-controller.js';

/** Rows of steps: the pane's rows less its title, the table header and the two lines about the selected step. */
export function chainViewport(ctx: CommandContext): number {
  const { columns, rows } = ctx.store.getState().ui;
  return Math.max(1, frameLayout(columns, rows).bodyRows - 4);
}

/** The event `c` is about: the one selected in the focused pane (a chain member in the chain pane itself). */
function selectedSeq(ctx: CommandContext): number | null {
  const state = ctx.store.getState();
  if (state.ui.pane === 'detail') return state.detail.seq;
  if (state.ui.pane === 'chain') return state.chain.steps[state.chain.selected]?.seq ?? null;
  return state.events.rows[state.events.selected]?.seq ?? null;
}

/** `c`: builds the chain of the selected event and shows it, the event asked about selected. */
function openChain(ctx: CommandContext): void {
  const seq = selectedSeq(ctx);
  if (seq === null || !ctx.data) {
    patch(ctx.store, 'ui', { message: 'no event selected: c shows the chain of the selected event' });
    return;
  }
  const chain = ctx.data.chain(seq);
  if (!chain) {
    patch(ctx.store, 'ui', { message: 'that event is no longer in the index' });
    return;
  }
  const steps = chainSteps(chain);
  const origin = Math.max(0, steps.findIndex((step) => step.seq === chain.origin.seq));
  patch(ctx.store, 'chain', { seq, chain, steps, ...moveInList(origin, 0, 0, steps.length, chainViewport(ctx)) });
  patch(ctx.store, 'ui', { pane: 'chain', companion: 'chain' });
}

function move(ctx: CommandContext, delta: number): void {
  const chain = ctx.store.getState().chain;
  patch(ctx.store, 'chain', moveInList(chain.selected, chain.top, delta, chain.steps.length, chainViewport(ctx)));
}

/** Enter: the selected member's event in the detail pane (Esc comes back to the events). */
function openMember(ctx: CommandContext): void {
  const { steps, selected } = ctx.store.getState().chain;
  const step = steps[selected];
  if (!step) return;
  loadDetail(ctx, step.seq);
  patch(ctx.store, 'ui', { pane: 'detail', companion: 'detail' });
}

/** `p`: the events that share the selected member's link value (`instance:i-...`), as a breadcrumb step. */
function pivotOnMember(ctx: CommandContext): void {
  const { steps, selected } = ctx.store.getState().chain;
  const target = steps[selected]?.pivot;
  if (!target) {
    patch(ctx.store, 'ui', { message: 'this member shares no specific value to pivot on' });
    return;
  }
  pivot(ctx, target.field, target.value);
}

export const chainPane: PaneController = {
  move,
  toStart: (ctx) => move(ctx, -Number.MAX_SAFE_INTEGER),
  toEnd: (ctx) => move(ctx, Number.MAX_SAFE_INTEGER),
  activate: openMember,
  unavailable: (ctx) => (ctx.store.getState().chain.seq === null ? 'press c on an event first' : null),
  commands: {
    'chain.open': openChain,
    'chain.pivot': pivotOnMember,
  },
};
