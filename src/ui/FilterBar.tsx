import { Box, Text } from 'ink';
import { wrapText } from '../app/data/wrap-text.js';
import type { FilterDraft, FilterSlice } from '../app/state.js';
import { displayWidth, fitCell } from '../core/text/fit.js';
import { sanitizeForTerminal } from '../core/text/sanitize.js';
import { keepEnd } from './cell-cut.js';
import { tint } from './theme.js';
import { useSlice, useWorkbenchView } from './workbench-context.js';

/**
 * The breadcrumb (every filter and pivot, walked back with Esc) and the quick toggles.
 * A step that narrows the filter reads `+term`; one that replaces it reads `=filter`.
 */
export function breadcrumbText(filter: Pick<FilterSlice, 'crumbs' | 'errorsOnly' | 'hideService'>, separator: string): string {
  const toggles = [filter.errorsOnly ? '[x errors only]' : '', filter.hideService ? '[a no AWS-internal]' : ''].filter(Boolean).join(' ');
  const steps = filter.crumbs.map((crumb, index) => (index === 0 ? crumb.label : `${crumb.kind === 'narrow' ? '+' : '='}${crumb.label}`));
  return `${steps.join(` ${separator} `)}${toggles ? `  ${toggles}` : ''}`;
}

const PROMPT = '/ ';

/** How far the line being edited is scrolled so the cursor stays in view: the editor and its error marks share it. */
function editShift(cursor: number, width: number): number {
  return Math.max(0, cursor - (width - 4));
}

/**
 * Under the line being edited: `^^^` under each error's place in the part of the text in view,
 * then the first error's message, beside the marks when both fit, else on the lines after them,
 * wrapped (and sanitized) by wrapText: never cut here, since it says what is wrong.
 */
export function errorLines(draft: FilterDraft, width: number): string[] {
  const first = draft.errors[0];
  if (!first) return [];
  const shift = editShift(draft.cursor, width);
  const marks = Array.from({ length: width }, () => ' ');
  for (const error of draft.errors) {
    for (let index = error.start; index < Math.max(error.end, error.start + 1); index++) {
      const column = PROMPT.length + index - shift;
      if (column >= PROMPT.length && column < width) marks[column] = '^';
    }
  }
  const caret = marks.join('').trimEnd();
  const message = wrapText(first.message, width - 2);
  if (message.length === 1 && displayWidth(`${caret}  ${message[0]}`) <= width) return [`${caret}  ${message[0]}`];
  return [...(caret ? [caret] : []), ...message.map((line) => `  ${line}`)];
}

/** Rows the filter bar takes while a filter is edited: the editor's line, then its error lines or one line of hints. */
export function filterEditorRows(draft: FilterDraft, width: number): number {
  return 1 + Math.max(1, errorLines(draft, width).length);
}

/** The line being edited, the cursor drawn as a visible block (or `_` when there is no colour). */
function EditLine({ width }: { width: number }) {
  const { theme } = useWorkbenchView();
  const draft = useSlice((state) => state.filter.draft);
  const text = sanitizeForTerminal(draft.text);
  const shift = editShift(draft.cursor, width);
  const before = text.slice(shift, draft.cursor);
  const under = text[draft.cursor] ?? ' ';
  const after = text.slice(draft.cursor + 1);
  return (
    <Text wrap="truncate">
      <Text bold {...tint(theme, 'yellow')}>{PROMPT}</Text>
      {before}
      {theme.color ? <Text inverse>{under}</Text> : <Text bold>{under === ' ' ? '_' : under}</Text>}
      {fitCell(after, Math.max(0, width - 3 - before.length))}
    </Text>
  );
}

/** Under the line being edited (`rows` lines): where the errors are and what they say, else the candidates for Tab, else a hint. */
function HintLines({ width, rows }: { width: number; rows: number }) {
  const { theme } = useWorkbenchView();
  const draft = useSlice((state) => state.filter.draft);
  if (draft.errors.length > 0) {
    const lines = errorLines(draft, width);
    // Only a frame too small for the whole message cuts it; its last line shows the cut.
    const shown = lines.length > rows ? [...lines.slice(0, rows - 1), `${lines[rows - 1]}…`] : lines;
    return shown.map((line, index) => <Text key={index} wrap="truncate" {...tint(theme, 'red')}>{fitCell(line, width)}</Text>);
  }
  if (draft.completions.length > 0) {
    const list = draft.completions.map((candidate, index) => (index === draft.completionIndex ? `[${candidate}]` : candidate)).join('  ');
    return <Text wrap="truncate">{fitCell(`  Tab: ${list}`, width)}</Text>;
  }
  return <Text wrap="truncate" {...tint(theme, 'gray')}>{fitCell('  Enter apply · Esc cancel · Tab complete · Up/Down history · e.g. key:alias/prod principal:*alice* error:* since:2h', width)}</Text>;
}

/**
 * In filter mode the editor and the `rows - 1` lines under it (frameLayout gives it `filterEditorRows`
 * as far as the frame has them); otherwise the breadcrumb (the status line is drawn by App).
 */
export function FilterBar({ width, rows }: { width: number; rows: number }) {
  const { theme } = useWorkbenchView();
  const mode = useSlice((state) => state.ui.mode);
  const filter = useSlice((state) => state.filter);
  if (mode === 'filter') {
    return (
      <Box flexDirection="column">
        <EditLine width={width} />
        <HintLines width={width} rows={Math.max(1, rows - 1)} />
      </Box>
    );
  }
  return <Text wrap="truncate" {...tint(theme, 'yellow')}>{fitCell(`/ ${keepEnd(sanitizeForTerminal(breadcrumbText(filter, theme.unicode ? '›' : '>')), width - 2)}`, width)}</Text>;
}
