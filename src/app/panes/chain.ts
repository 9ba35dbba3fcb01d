import type { Chain } from '../../core/correlate/types.js';
import type { CommandContext } from '../command-context.js';
import { chainSteps, type ChainStep } from '../data/chain-steps.js';
import { readableJson } from '../data/readable-json.js';
import { pivot } from '../filter-actions.js';
import { key } from '../key-binding.js';
import { viewportRows } from '../layout.js';
import { patch } from '../store.js';
import { loadDetail } from './detail-load.js';
import { moveInList, type PaneController, type PaneDefinition } from './pane-definition.js';

/** The chain of one event (`c`): the chain as the core built it and its rows, root first. */
export interface ChainSlice {
  seq: number | null;
  chain: Chain | null;
  steps: ChainStep[];
  selected: number;
  top: number;
}

declare module '../state.js' {
  interface PaneSlices {
    chain: ChainSlice;
  }
}

function chainViewport(ctx: CommandContext): number {
  return viewportRows(ctx.store.getState(), chainPane);
}

/** The event `c` is about: the one selected in the focused pane (a chain member in the chain pane itself). */
function selectedSeq(ctx: CommandContext): number | null {
  const state = ctx.store.getState();
  if (state.ui.pane === 'detail') return state.detail.seq;
  if (state.ui.pane === 'chain') return state.chain.steps[state.chain.selected]?.seq ?? null;
  return state.events.rows[state.events.selected]?.seq ?? null;
}

/** `c`: builds the chain of the selected event (`seq`) and shows it, the event asked about selected. */
function openChain(ctx: CommandContext, seq = selectedSeq(ctx)): void {
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
  ctx.focus('chain');
}

function move(ctx: CommandContext, delta: number): void {
  const chain = ctx.store.getState().chain;
  patch(ctx.store, 'chain', moveInList(chain.selected, chain.top, delta, chain.steps.length, chainViewport(ctx)));
}

/** Enter: the selected member's event in the detail pane (Esc comes back to the chain, the member still selected). */
function openMember(ctx: CommandContext): void {
  const { steps, selected } = ctx.store.getState().chain;
  const step = steps[selected];
  if (!step) return;
  loadDetail(ctx, step.seq);
  ctx.focus('detail');
}

const selectedStep = (ctx: CommandContext) => {
  const chain = ctx.store.getState().chain;
  return chain.steps[chain.selected] ?? null;
};

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

const controller: PaneController = {
  move,
  toStart: (ctx) => move(ctx, -Number.MAX_SAFE_INTEGER),
  toEnd: (ctx) => move(ctx, Number.MAX_SAFE_INTEGER),
  activate: openMember,
  // Its number with no chain built yet builds the selected event's, as c does.
  focus: (ctx) => {
    const { chain, events } = ctx.store.getState();
    if (chain.seq === null) openChain(ctx, events.rows[events.selected]?.seq ?? null);
  },
  unavailable: (ctx) => (ctx.store.getState().chain.seq === null && selectedSeq(ctx) === null ? 'select an event and press c' : null),
  values: (ctx) => {
    const step = selectedStep(ctx);
    if (!step) return [];
    const fields: Array<[string, string | null]> = [
      ['event', step.eventName], ['time', step.time], ['by', step.principalArn ?? step.principal], ['role', step.roles.join(', ') || null],
      ...step.phrases.map((phrase): [string, string] => ['link', phrase]),
      ['pivot', step.pivot ? `${step.pivot.field}:${step.pivot.value}` : null],
    ];
    return fields.filter((field): field is [string, string] => Boolean(field[1])).map(([label, value]) => ({ label, value }));
  },
  raw: (ctx) => {
    const step = selectedStep(ctx);
    const detail = step ? ctx.data?.detail(step.seq) : null;
    return detail ? readableJson(detail.raw) : null;
  },
  commands: {
    'chain.open': (ctx) => openChain(ctx),
    'chain.pivot': pivotOnMember,
  },
};

/** Who or what is behind one event: an indented timeline from the root; Enter opens a member. */
export const chainPane: PaneDefinition<'chain'> = {
  id: 'chain',
  title: 'Chain',
  shortTitle: 'Chn',
  placement: 'beside',
  // Its title, the table header and the two lines about the selected member.
  frameRows: 4,
  initial: () => ({ seq: null, chain: null, steps: [], selected: 0, top: 0 }),
  controller,
  keys: [key(['p'], 'chain.pivot', 'show the events sharing the selected member\'s link value')],
  globalKeys: [key(['c'], 'chain.open', 'chain of the selected event: who or what is behind it (Enter opens a member)')],
};
