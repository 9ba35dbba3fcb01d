import { dirname } from 'node:path';
import { DEFAULT_TITLE } from '../../core/export/build-report.js';
import { NoteExistsError } from '../../core/export/write-note.js';
import { FindingTargetError } from '../../core/findings/mark.js';
import type { FindingTarget } from '../../core/findings/types.js';
import { FilterSyntaxError } from '../../core/query/filter-compile.js';
import type { CommandContext, CommandTable } from '../command-context.js';
import { patch } from '../store.js';
import { filterTarget, markTarget, type MarkTarget } from './mark-target.js';

/**
 * The one-line prompt in place of the filter bar: a new finding's note (`m`), an
 * edited note (`i`), or the incident note's title and then its path (`e`).
 */
export interface NotePrompt {
  purpose: 'mark' | 'edit' | 'exportTitle' | 'exportPath';
  label: string;
  text: string;
  target: FindingTarget | null;
  findingId: number | null;
  /** The title given at the first of `e`'s two questions. */
  title?: string;
  /** Esc or Ctrl+C was pressed once over typed text: a second press discards it. */
  confirmDiscard?: boolean;
}

export function openPrompt(ctx: CommandContext, prompt: NotePrompt): void {
  patch(ctx.store, 'findings', { prompt });
  patch(ctx.store, 'ui', { mode: 'note' });
}

function closePrompt(ctx: CommandContext, message: string | null): void {
  patch(ctx.store, 'findings', { prompt: null });
  patch(ctx.store, 'ui', { mode: 'normal', message });
}

function startMark(ctx: CommandContext, found: MarkTarget | string): void {
  if (!ctx.data) return patch(ctx.store, 'ui', { message: 'no index yet' });
  if (typeof found === 'string') return patch(ctx.store, 'ui', { message: `m: ${found}` });
  openPrompt(ctx, { purpose: 'mark', label: found.label, text: '', target: found.target, findingId: null });
}

function editText(ctx: CommandContext, edit: (text: string) => string): void {
  const prompt = ctx.store.getState().findings.prompt;
  if (prompt) patch(ctx.store, 'findings', { prompt: { ...prompt, text: edit(prompt.text), confirmDiscard: false } });
}

/** Saves a note: a new finding, or the edited note of an existing one; errors stay in the status line. */
function saveNote(ctx: CommandContext, prompt: NotePrompt): void {
  if (!ctx.data) return closePrompt(ctx, null);
  try {
    if (prompt.target) {
      const finding = ctx.data.findings.mark(prompt.target, prompt.text.trim());
      closePrompt(ctx, `marked finding ${finding.id} (f: findings, e: export the note)`);
    } else if (prompt.findingId !== null) {
      ctx.data.findings.editNote(prompt.findingId, prompt.text.trim());
      closePrompt(ctx, `note of finding ${prompt.findingId} saved`);
    }
  } catch (error) {
    if (!(error instanceof FindingTargetError || error instanceof FilterSyntaxError)) throw error;
    closePrompt(ctx, `not marked: ${error.message.split('\n')[0]}`);
  }
  patch(ctx.store, 'findings', { list: ctx.data.findings.list() });
}

/** `e`: first the note's title, the one given last time in this session if any (a note is often written again as the case grows). */
function startExport(ctx: CommandContext): void {
  if (!ctx.data) return patch(ctx.store, 'ui', { message: 'no index yet' });
  const title = ctx.store.getState().findings.exportTitle ?? DEFAULT_TITLE;
  openPrompt(ctx, { purpose: 'exportTitle', label: 'title of the incident note', text: title, target: null, findingId: null });
}

/** Why the note was not written, in words that say what to type next (the status line is one row). */
function exportFailure(error: unknown): string {
  if (error instanceof NoteExistsError) return `${error.path} exists: give another path`;
  const { code, path } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT' && path) return `no folder ${dirname(path)}: create it or give another path`;
  return `could not write the note: ${(error as Error).message}`;
}

/** Then where to write it: a new file under the current folder, offered; never over a file (asked again). */
function writeExport(ctx: CommandContext, prompt: NotePrompt): void {
  if (!ctx.data) return closePrompt(ctx, null);
  const path = prompt.text.trim();
  if (!path) return patch(ctx.store, 'ui', { message: 'give a path for the note' });
  try {
    const written = ctx.data.findings.exportNote({ logDirectory: ctx.store.getState().status.dir, title: prompt.title ?? DEFAULT_TITLE, path, now: Date.now() });
    closePrompt(ctx, `incident note written: ${written}`);
  } catch (error) {
    // The prompt stays open: a taken name or an unwritable folder is fixed by typing another path.
    patch(ctx.store, 'ui', { message: exportFailure(error) });
  }
}

function submit(ctx: CommandContext): void {
  const prompt = ctx.store.getState().findings.prompt;
  if (!prompt || !ctx.data) return closePrompt(ctx, null);
  if (prompt.purpose === 'exportTitle') {
    const title = prompt.text.trim() || DEFAULT_TITLE;
    patch(ctx.store, 'findings', { exportTitle: title });
    return openPrompt(ctx, { purpose: 'exportPath', label: `write "${title}" to`, text: ctx.data.findings.defaultNotePath(Date.now()), target: null, findingId: null, title });
  }
  if (prompt.purpose === 'exportPath') return writeExport(ctx, prompt);
  saveNote(ctx, prompt);
}

/** Esc / Ctrl+C: typed note text is never lost to one stray key: the first press over it asks. */
function cancel(ctx: CommandContext): void {
  const prompt = ctx.store.getState().findings.prompt;
  if (!prompt) return closePrompt(ctx, null);
  const typed = (prompt.purpose === 'mark' || prompt.purpose === 'edit') && prompt.text.trim() !== '' && !prompt.confirmDiscard;
  const changed = prompt.purpose === 'edit' ? prompt.text !== ctx.store.getState().findings.list.find((each) => each.id === prompt.findingId)?.note : typed;
  if (typed && changed) {
    patch(ctx.store, 'findings', { prompt: { ...prompt, confirmDiscard: true } });
    return patch(ctx.store, 'ui', { message: 'the note is not saved: Enter saves it, Esc again discards it' });
  }
  const cancelled: Record<NotePrompt['purpose'], string> = { mark: 'not marked', edit: 'note unchanged', exportTitle: 'no note written', exportPath: 'no note written' };
  closePrompt(ctx, cancelled[prompt.purpose]);
}

export const notePromptCommands: CommandTable = {
  'finding.mark': (ctx) => startMark(ctx, markTarget(ctx)),
  'finding.markFilter': (ctx) => startMark(ctx, filterTarget(ctx)),
  'findings.export': startExport,
  'note.insert': (ctx, text) => editText(ctx, (current) => current + (text ?? '')),
  'note.deleteBack': (ctx) => editText(ctx, (current) => [...current].slice(0, -1).join('')),
  'note.deleteWord': (ctx) => editText(ctx, (current) => current.replace(/\S*\s*$/, '')),
  'note.clear': (ctx) => editText(ctx, () => ''),
  'note.submit': submit,
  'note.cancel': cancel,
};
