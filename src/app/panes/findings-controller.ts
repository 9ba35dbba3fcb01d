import { NoteExistsError } from '../../core/export/write-note.js';
import type { Finding } from '../../core/findings/types.js';
import type { CommandContext } from '../command-context.js';
import { focusPane } from '../commands/navigation-commands.js';
import { pushCrumb } from '../filter-actions.js';
import { frameLayout } from '../layout.js';
import { patch } from '../store.js';
import { notePromptCommands, openPrompt } from './note-prompt.js';
import { moveInList, type PaneController } from './pane-controller.js';

function viewport(ctx: CommandContext): number {
  const { columns, rows } = ctx.store.getState().ui;
  return frameLayout(columns, rows).listRows;
}

function selectedFinding(ctx: CommandContext): Finding | null {
  const findings = ctx.store.getState().findings;
  return findings.list[findings.selected] ?? null;
}

/** Re-reads the list (the CLI may have changed it) and keeps the selection on `keepId` when given. */
function reload(ctx: CommandContext, keepId?: number): void {
  if (!ctx.data) return;
  const list = ctx.data.findings.list();
  const findings = ctx.store.getState().findings;
  const wanted = keepId === undefined ? -1 : list.findIndex((finding) => finding.id === keepId);
  const selected = Math.max(0, Math.min(list.length - 1, wanted >= 0 ? wanted : findings.selected));
  patch(ctx.store, 'findings', { list, ...moveInList(selected, findings.top, 0, list.length, viewport(ctx)), confirmRemove: null });
}

function move(ctx: CommandContext, delta: number): void {
  const findings = ctx.store.getState().findings;
  patch(ctx.store, 'findings', { ...moveInList(findings.selected, findings.top, delta, findings.list.length, viewport(ctx)), confirmRemove: null });
}

/** Enter: the events pane shows exactly the finding's events, as a breadcrumb step Esc walks back. */
function activate(ctx: CommandContext): void {
  const finding = selectedFinding(ctx);
  if (!finding || !ctx.data) return patch(ctx.store, 'ui', { message: 'no finding selected' });
  const filter = ctx.data.findings.viewFilter(finding);
  if (!filter) return patch(ctx.store, 'ui', { message: `finding ${finding.id}: its events are no longer in the index` });
  if (pushCrumb(ctx, filter, `finding ${finding.id}`)) patch(ctx.store, 'ui', { pane: 'events' });
}

/** Swaps the selected finding with its neighbour (J/K): the note lists findings in this order. */
function reorder(ctx: CommandContext, step: 1 | -1): void {
  const { list, selected } = ctx.store.getState().findings;
  const finding = list[selected];
  const neighbour = list[selected + step];
  if (!finding || !neighbour || !ctx.data) return;
  // Down: before the finding after the neighbour (or last); up: before the neighbour.
  const before = step === 1 ? list[selected + 2]?.id ?? null : neighbour.id;
  ctx.data.findings.move(finding.id, before);
  reload(ctx, finding.id);
}

/** D asks first, then removes on a second D with the same finding selected. */
function remove(ctx: CommandContext): void {
  const finding = selectedFinding(ctx);
  if (!finding || !ctx.data) return;
  if (ctx.store.getState().findings.confirmRemove !== finding.id) {
    patch(ctx.store, 'findings', { confirmRemove: finding.id });
    return patch(ctx.store, 'ui', { message: `press D again to remove finding ${finding.id}` });
  }
  ctx.data.findings.remove(finding.id);
  reload(ctx);
  patch(ctx.store, 'ui', { message: `removed finding ${finding.id}` });
}

function exportNote(ctx: CommandContext): void {
  if (!ctx.data) return patch(ctx.store, 'ui', { message: 'no index yet' });
  try {
    const path = ctx.data.findings.exportNote(ctx.store.getState().status.dir);
    patch(ctx.store, 'ui', { message: `incident note written: ${path}` });
  } catch (error) {
    // A read-only working directory must not take the workbench down: say why and carry on.
    const reason = error instanceof NoteExistsError ? `${error.path} exists; try again in a second` : `could not write the note: ${(error as Error).message}`;
    patch(ctx.store, 'ui', { message: reason });
  }
}

export const findingsPane: PaneController = {
  move,
  toStart: (ctx) => move(ctx, -Number.MAX_SAFE_INTEGER),
  toEnd: (ctx) => move(ctx, Number.MAX_SAFE_INTEGER),
  activate,
  focus: (ctx) => reload(ctx),
  commands: {
    ...notePromptCommands,
    'findings.open': (ctx) => focusPane(ctx, 'findings'),
    'findings.export': exportNote,
    'finding.editNote': (ctx) => {
      const finding = selectedFinding(ctx);
      if (finding) openPrompt(ctx, { label: `note of finding ${finding.id}`, text: finding.note, target: null, findingId: finding.id });
    },
    'finding.moveUp': (ctx) => reorder(ctx, -1),
    'finding.moveDown': (ctx) => reorder(ctx, 1),
    'finding.remove': remove,
  },
};
