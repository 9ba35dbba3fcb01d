import type { CommandContext } from './command-context.js';
import type { BackStep } from './state.js';
import { patch } from './store.js';

/** Steps kept: far more than a responder walks back, few enough to stay small in a saved session. */
const MAX_STEPS = 200;

/** Records where the responder is now (pane, the pane beside it, breadcrumb depth) as a step Esc returns to. */
export function recordStep(ctx: CommandContext): void {
  const { ui, filter } = ctx.store.getState();
  const step: BackStep = { pane: ui.pane, companion: ui.companion, crumbs: filter.crumbs.length };
  patch(ctx.store, 'ui', { back: [...ui.back, step].slice(-MAX_STEPS) });
}

/** Takes the newest step off, or null when there is none. */
export function takeStep(ctx: CommandContext): BackStep | null {
  const back = ctx.store.getState().ui.back;
  const step = back[back.length - 1];
  if (!step) return null;
  patch(ctx.store, 'ui', { back: back.slice(0, -1) });
  return step;
}
