import { FilterSyntaxError } from '../../core/query/filter-compile.js';
import { FindingTargetError } from '../../core/findings/mark.js';
import type { CommandContext, CommandTable } from '../command-context.js';
import { patch } from '../store.js';
import { filterTarget, markTarget, type MarkTarget } from './mark-target.js';

/** The one-line note prompt of `m` (a new finding) and of `i` in the findings pane (editing a note). */
export function openPrompt(ctx: CommandContext, prompt: { label: string; text: string; target: MarkTarget['target'] | null; findingId: number | null }): void {
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
  openPrompt(ctx, { label: found.label, text: '', target: found.target, findingId: null });
}

function editText(ctx: CommandContext, edit: (text: string) => string): void {
  const prompt = ctx.store.getState().findings.prompt;
  if (prompt) patch(ctx.store, 'findings', { prompt: { ...prompt, text: edit(prompt.text) } });
}

/** Saves the note: a new finding, or the edited note of an existing one; errors stay in the status line. */
function submit(ctx: CommandContext): void {
  const prompt = ctx.store.getState().findings.prompt;
  if (!prompt || !ctx.data) return closePrompt(ctx, null);
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

export const notePromptCommands: CommandTable = {
  'finding.mark': (ctx) => startMark(ctx, markTarget(ctx)),
  'finding.markFilter': (ctx) => startMark(ctx, filterTarget(ctx)),
  'note.insert': (ctx, text) => editText(ctx, (current) => current + (text ?? '')),
  'note.deleteBack': (ctx) => editText(ctx, (current) => [...current].slice(0, -1).join('')),
  'note.deleteWord': (ctx) => editText(ctx, (current) => current.replace(/\S*\s*$/, '')),
  'note.clear': (ctx) => editText(ctx, () => ''),
  'note.submit': submit,
  'note.cancel': (ctx) => closePrompt(ctx, ctx.store.getState().findings.prompt?.target ? 'not marked' : 'note unchanged'),
};
