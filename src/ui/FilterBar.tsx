import { Box, Text } from 'ink';
import type { FilterSlice } from '../app/state.js';
import { displayWidth, fitCell } from '../core/text/fit.js';
import { sanitizeForTerminal } from '../core/text/sanitize.js';
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

/** The end of a long breadcrumb: the latest steps matter most. */
export function keepEnd(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let end = text;
  while (end.length > 0 && displayWidth(end) > width - 1) end = end.slice(1);
  return `…${end}`;
}

/** `^^^` under each error's place in the text, then the first error's message. */
export function errorMarks(filter: FilterSlice['draft']): string {
  const first = filter.errors[0];
  if (!first) return '';
  const marks = Array.from({ length: filter.text.length + 1 }, () => ' ');
  for (const error of filter.errors) {
    for (let index = error.start; index < Math.max(error.end, error.start + 1); index++) marks[index] = '^';
  }
  return `${marks.join('').trimEnd()}  ${first.message}`;
}

/** The line being edited, the cursor drawn as a visible block (or `_` when there is no colour). */
function EditLine({ width }: { width: number }) {
  const { theme } = useWorkbenchView();
  const draft = useSlice((state) => state.filter.draft);
  const text = sanitizeForTerminal(draft.text);
  const shift = Math.max(0, draft.cursor - (width - 4));
  const before = text.slice(shift, draft.cursor);
  const under = text[draft.cursor] ?? ' ';
  const after = text.slice(draft.cursor + 1);
  return (
    <Text wrap="truncate">
      <Text bold {...tint(theme, 'yellow')}>/ </Text>
      {before}
      {theme.color ? <Text inverse>{under}</Text> : <Text bold>{under === ' ' ? '_' : under}</Text>}
      {fitCell(after, Math.max(0, width - 3 - before.length))}
    </Text>
  );
}

/** Under the line being edited: where the errors are, else the candidates for Tab, else a hint. */
function HintLine({ width }: { width: number }) {
  const { theme } = useWorkbenchView();
  const draft = useSlice((state) => state.filter.draft);
  if (draft.errors.length > 0) return <Text wrap="truncate" {...tint(theme, 'red')}>{fitCell(`  ${errorMarks(draft)}`, width)}</Text>;
  if (draft.completions.length > 0) {
    const list = draft.completions.map((candidate, index) => (index === draft.completionIndex ? `[${candidate}]` : candidate)).join('  ');
    return <Text wrap="truncate">{fitCell(`  Tab: ${list}`, width)}</Text>;
  }
  return <Text wrap="truncate" {...tint(theme, 'gray')}>{fitCell('  Enter apply · Esc cancel · Tab complete · Up/Down history · e.g. key:alias/prod principal:*alice* error:* since:2h', width)}</Text>;
}

/** Two lines: in filter mode the editor and its hints; otherwise the breadcrumb (the status line is drawn by App). */
export function FilterBar({ width }: { width: number }) {
  const { theme } = useWorkbenchView();
  const mode = useSlice((state) => state.ui.mode);
  const filter = useSlice((state) => state.filter);
  if (mode === 'filter') {
    return (
      <Box flexDirection="column">
        <EditLine width={width} />
        <HintLine width={width} />
      </Box>
    );
  }
  return <Text wrap="truncate" {...tint(theme, 'yellow')}>{fitCell(`/ ${keepEnd(sanitizeForTerminal(breadcrumbText(filter, theme.unicode ? '›' : '>')), width - 2)}`, width)}</Text>;
}
