import { parseFilter } from '../../core/query/filter-parse.js';
import { hasUnsafeCharacters } from '../../core/text/sanitize.js';
import type { CommandContext, CommandTable } from '../command-context.js';
import { commonPrefix, completionsAt } from '../data/completion.js';
import { filterStep } from '../data/filter-text.js';
import { pushCrumb, runFilter } from '../filter-actions.js';
import type { FilterDraft } from '../state.js';
import { patch } from '../store.js';

const HISTORY_MAX = 100;

/** Replaces the draft's text; parse errors (no index needed) are shown as you type. */
function setDraft(ctx: CommandContext, text: string, cursor: number, changes: Partial<FilterDraft> = {}): void {
  const draft = ctx.store.getState().filter.draft;
  patch(ctx.store, 'filter', {
    draft: { ...draft, text, cursor, completions: [], completionIndex: -1, errors: parseFilter(text).errors, ...changes },
  });
}

function draftOf(ctx: CommandContext): FilterDraft {
  return ctx.store.getState().filter.draft;
}

function open(ctx: CommandContext): void {
  const { crumbs } = ctx.store.getState().filter;
  const text = crumbs[crumbs.length - 1]?.text ?? '';
  patch(ctx.store, 'ui', { mode: 'filter' });
  setDraft(ctx, text, text.length, { historyIndex: -1 });
}

/** Enter: the draft becomes a breadcrumb step; with errors the bar stays open and marks them. */
function apply(ctx: CommandContext): void {
  const { text } = draftOf(ctx);
  const trimmed = text.trim();
  const crumbs = ctx.store.getState().filter.crumbs;
  const step = filterStep(crumbs[crumbs.length - 1]?.text ?? '', trimmed);
  const ok = pushCrumb(ctx, trimmed, step.label, step.kind);
  if (!ok) {
    const errors = ctx.store.getState().filter.errors;
    patch(ctx.store, 'filter', { draft: { ...draftOf(ctx), errors } });
    return;
  }
  const history = ctx.store.getState().filter.history;
  if (trimmed) {
    const next = [trimmed, ...history.filter((entry) => entry !== trimmed)].slice(0, HISTORY_MAX);
    patch(ctx.store, 'filter', { history: next });
    ctx.saveHistory(next);
  }
  patch(ctx.store, 'ui', { mode: 'normal', message: null });
}

function browseHistory(ctx: CommandContext, step: number): void {
  const { history } = ctx.store.getState().filter;
  const index = Math.max(-1, Math.min(history.length - 1, draftOf(ctx).historyIndex + step));
  const text = index < 0 ? '' : history[index]!;
  setDraft(ctx, text, text.length, { historyIndex: index });
}

/** Tab: extend to what all candidates share; when that adds nothing, cycle through them. */
function complete(ctx: CommandContext): void {
  const draft = draftOf(ctx);
  const cycling = draft.completions.length > 0;
  const base = cycling ? draft.completions : completionsAt(ctx.data, draft.text, draft.cursor).candidates;
  if (base.length === 0) {
    patch(ctx.store, 'ui', { message: 'no completion here' });
    return;
  }
  const { start, end } = completionsAt(null, draft.text, draft.cursor);
  const shared = commonPrefix(base);
  const current = draft.text.slice(start, end);
  const index = cycling || shared.length <= current.length ? (draft.completionIndex + 1) % base.length : -1;
  const word = index >= 0 ? base[index]! : shared;
  const text = draft.text.slice(0, start) + word + draft.text.slice(end);
  setDraft(ctx, text, start + word.length, { completions: base.length > 1 ? base : [], completionIndex: base.length > 1 ? index : -1 });
}

function edit(ctx: CommandContext, change: (text: string, cursor: number) => [string, number]): void {
  const draft = draftOf(ctx);
  const [text, cursor] = change(draft.text, draft.cursor);
  setDraft(ctx, text, Math.max(0, Math.min(text.length, cursor)));
}

/** Moves the cursor and nothing else: the text is the same, so its errors stay, those the index found on Enter too. */
function moveCursor(ctx: CommandContext, to: (text: string, cursor: number) => number): void {
  const draft = draftOf(ctx);
  const cursor = Math.max(0, Math.min(draft.text.length, to(draft.text, draft.cursor)));
  patch(ctx.store, 'filter', { draft: { ...draft, cursor, completions: [], completionIndex: -1 } });
}

/** Typed or pasted text: control characters never enter the filter. */
function insert(ctx: CommandContext, typed = ''): void {
  const clean = [...typed].filter((ch) => !hasUnsafeCharacters(ch)).join('');
  if (clean) edit(ctx, (text, cursor) => [text.slice(0, cursor) + clean + text.slice(cursor), cursor + clean.length]);
}

function toggle(ctx: CommandContext, name: 'errorsOnly' | 'hideService'): void {
  const filter = ctx.store.getState().filter;
  patch(ctx.store, 'filter', { [name]: !filter[name] });
  if (!runFilter(ctx)) patch(ctx.store, 'filter', { [name]: filter[name] });
}

export const filterCommands: CommandTable = {
  'filter.open': open,
  'filter.apply': apply,
  'filter.cancel': (ctx) => patch(ctx.store, 'ui', { mode: 'normal', message: null }),
  'filter.historyPrevious': (ctx) => browseHistory(ctx, 1),
  'filter.historyNext': (ctx) => browseHistory(ctx, -1),
  'filter.complete': complete,
  'filter.insert': insert,
  'filter.cursorLeft': (ctx) => moveCursor(ctx, (_, cursor) => cursor - 1),
  'filter.cursorRight': (ctx) => moveCursor(ctx, (_, cursor) => cursor + 1),
  'filter.cursorStart': (ctx) => moveCursor(ctx, () => 0),
  'filter.cursorEnd': (ctx) => moveCursor(ctx, (text) => text.length),
  'filter.deleteBack': (ctx) => edit(ctx, (text, cursor) => (cursor === 0 ? [text, 0] : [text.slice(0, cursor - 1) + text.slice(cursor), cursor - 1])),
  'filter.deleteWord': (ctx) => edit(ctx, (text, cursor) => {
    const start = text.slice(0, cursor).replace(/\S+\s*$/, '').length;
    return [text.slice(0, start) + text.slice(cursor), start];
  }),
  'filter.clear': (ctx) => edit(ctx, () => ['', 0]),
  'toggle.errorsOnly': (ctx) => toggle(ctx, 'errorsOnly'),
  'toggle.hideService': (ctx) => toggle(ctx, 'hideService'),
};
