import { Box, Text } from 'ink';
import { formatWidth } from '../../app/data/histogram-buckets.js';
import type { HistogramSlice } from '../../app/panes/histogram.js';
import { fitCell } from '../../core/text/fit.js';
import { firstScanRunning } from '../StatusLine.js';
import { tint } from '../theme.js';
import type { PaneProps } from './pane-props.js';
import { useSlice, useWorkbenchView } from '../workbench-context.js';

/** One glyph per bucket, its height relative to the busiest bucket; an empty bucket stays blank. */
export function barLine(counts: readonly number[], bars: readonly string[]): string {
  const max = Math.max(1, ...counts);
  const top = bars.length - 1;
  return counts.map((count) => bars[count === 0 ? 0 : Math.max(1, Math.ceil((count / max) * top))]).join('');
}

/** Under the bars: `!` where a bucket holds errors, `^` at the selected bucket, a rule elsewhere. */
export function markLine(histogram: Pick<HistogramSlice, 'counts' | 'errors' | 'selected'>, rule: string): string {
  return histogram.counts.map((_, index) => {
    if (index === histogram.selected) return '^';
    return (histogram.errors[index] ?? 0) > 0 ? '!' : rule;
  }).join('');
}

/** Splits the mark line into runs of one glyph, so each run gets its own colour. */
function runs(line: string): string[] {
  return line.match(/(.)\1*/gu) ?? [];
}

const stamp = (time: number) => new Date(time).toISOString().slice(0, 16).replace('T', ' ');

function axisLine(histogram: HistogramSlice): string {
  const end = histogram.start + histogram.width * histogram.counts.length;
  const per = `${formatWidth(histogram.width)}/bucket, max ${Math.max(0, ...histogram.counts).toLocaleString('en-US')}`;
  const index = histogram.selected;
  if (!histogram.ready) return `${stamp(histogram.start)} → ${stamp(end)}  ${per}  counting…`;
  if (index < 0) return `${stamp(histogram.start)} → ${stamp(end)}  ${per}  (4 or Tab: h/l pick a bucket, Enter zooms)`;
  const from = histogram.start + index * histogram.width;
  const events = (histogram.counts[index] ?? 0).toLocaleString('en-US');
  const errors = (histogram.errors[index] ?? 0).toLocaleString('en-US');
  return `^ ${stamp(from)} +${formatWidth(histogram.width)}: ${events} events, ${errors} errors  ${per}  Enter zooms`;
}

/** Events per time bucket under the current filter: bursts and quiet gaps at a glance. */
export function HistogramPane({ width, focused }: PaneProps) {
  const { theme } = useWorkbenchView();
  const histogram = useSlice((state) => state.histogram);
  const scanning = useSlice((state) => firstScanRunning(state.status));
  if (histogram.counts.length === 0) {
    // During the first scan, the chart is of what is indexed so far: nothing yet is not nothing at all.
    const text = !histogram.ready ? ' charting…' : scanning ? ' no timed events indexed under this filter yet: the first scan goes on'
      : ' no timed events to chart under this filter';
    return <Box flexDirection="column" height={3}><Text>{fitCell(text, width)}</Text><Text> </Text><Text> </Text></Box>;
  }
  const marks = markLine(histogram, theme.rule);
  return (
    <Box flexDirection="column" height={3}>
      <Text wrap="truncate" {...tint(theme, focused ? 'cyan' : 'green')}>{fitCell(` ${barLine(histogram.counts, theme.bars)}`, width)}</Text>
      <Text wrap="truncate">{' '}{runs(marks.slice(0, width - 1)).map((run, index) => (
        <Text key={index} {...tint(theme, run.startsWith('!') ? 'red' : run.startsWith('^') ? 'cyan' : 'gray')}>{run}</Text>
      ))}</Text>
      <Text wrap="truncate" bold={focused} {...tint(theme, 'gray')}>{fitCell(` ${axisLine(histogram)}`, width)}</Text>
    </Box>
  );
}
