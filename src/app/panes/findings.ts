import type { Finding } from '../../core/findings/types.js';
import type { CommandContext } from '../command-context.js';
import { pushCrumb } from '../filter-actions.js';
import { key } from '../key-binding.js';
import { viewportRows } from '../layout.js';
import { patch } from '../store.js';
import { notePromptCommands, openPrompt, type NotePrompt } from './note-prompt.js';
import { moveInList, type PaneController, type PaneDefinition } from './pane-definition.js';

/** The responder's findings in the note's order, and the prompt while a note (or the note's title and path) is typed. */
export interface FindingsSlice {
  list: Finding[];
  selected: number;
  top: number;
  prompt: NotePrompt | null;
  /** The finding a first D asked to remove: a second D on it removes it. */
  confirmRemove: number | null;
  /** The incident note's title given at the last `e` of this session: the next `e` offers it again. */
  exportTitle: string | null;
}

declare module '../state.js' {
  interface PaneSlices {
    findings: FindingsSlice;
  }
}

function viewport(ctx: CommandContext): number {
  return viewportRows(ctx.store.getState(), findingsPane);
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

/** Enter: the events pane shows exactly the finding's events, as a step Esc walks back. */
function activate(ctx: CommandContext): void {
  const finding = selectedFinding(ctx);
  if (!finding || !ctx.data) return patch(ctx.store, 'ui', { message: 'no finding selected' });
  const filter = ctx.data.findings.viewFilter(finding);
  if (!filter) return patch(ctx.store, 'ui', { message: `finding ${finding.id}: its events are no longer in the index` });
  if (pushCrumb(ctx, filter, `finding ${finding.id}`, 'replace')) ctx.focus('events', { step: false });
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

const controller: PaneController = {
  move,
  toStart: (ctx) => move(ctx, -Number.MAX_SAFE_INTEGER),
  toEnd: (ctx) => move(ctx, Number.MAX_SAFE_INTEGER),
  activate,
  focus: (ctx) => reload(ctx),
  values: (ctx) => {
    const finding = selectedFinding(ctx);
    if (!finding) return [];
    return [{ label: 'note', value: finding.note || '(no note)' }, { label: 'kind', value: finding.kind }, { label: 'reference', value: finding.reference }];
  },
  commands: {
    ...notePromptCommands,
    'finding.editNote': (ctx) => {
      const finding = selectedFinding(ctx);
      if (finding) openPrompt(ctx, { purpose: 'edit', label: `note of finding ${finding.id}`, text: finding.note, target: null, findingId: finding.id });
    },
    'finding.moveUp': (ctx) => reorder(ctx, -1),
    'finding.moveDown': (ctx) => reorder(ctx, 1),
    'finding.remove': remove,
  },
};

/** The responder's findings in the order the incident note lists them. */
export const findingsPane: PaneDefinition<'findings'> = {
  id: 'findings',
  title: 'Findings',
  shortTitle: 'Fnd',
  placement: 'beside',
  // Its title, the table header and the line of its keys.
  frameRows: 3,
  initial: () => ({ list: [], selected: 0, top: 0, prompt: null, confirmRemove: null, exportTitle: null }),
  controller,
  keys: [
    key(['i'], 'finding.editNote', 'edit the selected finding\'s note'),
    key(['J'], 'finding.moveDown', 'move the selected finding down in the note'),
    key(['K'], 'finding.moveUp', 'move the selected finding up in the note'),
    key(['D', 'delete'], 'finding.remove', 'remove the selected finding (press twice)'),
  ],
  globalKeys: [
    key(['f'], 'pane.findings', 'findings, in the order the incident note lists them'),
    key(['m'], 'finding.mark', 'mark the selection (event, chain, detection hit; else the filter) as a finding, with a note'),
    key(['M'], 'finding.markFilter', 'mark the current filter as a whole as a finding, with a note'),
    key(['e'], 'findings.export', 'write the incident note (asks a title and a path; never over a file)'),
  ],
};
