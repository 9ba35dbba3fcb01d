import { Box, Text } from 'ink';
import { wrapText } from '../../app/data/wrap-text.js';
import { paneRows } from '../../app/layout.js';
import { detectionsPane, REASON_ROWS } from '../../app/panes/detections.js';
import type { DetectionHit, Severity } from '../../core/detect/types.js';
import { fitCell, truncate } from '../../core/text/fit.js';
import type { Column } from '../column-widths.js';
import { Table } from '../Table.js';
import type { StatusSlice } from '../../app/state.js';
import { firstScanRunning } from '../StatusLine.js';
import { tint } from '../theme.js';
import { useSlice, useWorkbenchView } from '../workbench-context.js';
import type { PaneProps } from './pane-props.js';

const COLOURS: Record<Severity, string | undefined> = { critical: 'red', high: 'red', medium: 'yellow', low: undefined, info: 'gray' };

const COLUMNS: Column<DetectionHit>[] = [
  { title: 'SEVERITY', min: 8, max: 8, weight: 0, value: (hit) => hit.severity.toUpperCase() },
  { title: 'LAST UTC', min: 11, max: 11, weight: 0, value: (hit) => hit.last.slice(5, 16).replace('T', ' ') },
  { title: 'RULE', min: 14, max: 23, weight: 1, value: (hit) => hit.rule },
  { title: 'WHAT', min: 16, max: 400, weight: 3, value: (hit) => hit.title },
  // Last: on a narrow companion pane it is the column that gives way.
  { title: 'EVENTS', min: 6, max: 6, weight: 0, align: 'right', value: (hit) => String(hit.eventCount ?? hit.eventIDs.length) },
];

/** The selected hit's reason, wrapped to the lines under the table; a reason longer than that says where the rest is. */
function reasonLines(reason: string, width: number): string[] {
  const lines = wrapText(reason, width - 1);
  if (lines.length <= REASON_ROWS) return lines;
  const kept = lines.slice(0, REASON_ROWS);
  kept[REASON_ROWS - 1] = `${truncate(`${kept[REASON_ROWS - 1]!}…`, Math.max(1, width - 12))} (v: all)`;
  return kept;
}

/** Why the hits may not be all there are yet (the indexer runs the detections after its first scan); null when they are, or no indexer runs. */
export function detectionsPending(status: Pick<StatusSlice, 'dir' | 'initialScanDone' | 'detections'>): string | null {
  if (firstScanRunning(status)) return 'the detections run once the first scan is done';
  return status.detections === 'checking' ? 'the detections are still checking newer events' : null;
}

/** Detection hits, most severe then newest first, a page at a time; the selected hit's reason under them (Enter shows its events). */
export function DetectionsPane({ width, height, focused }: PaneProps) {
  const { theme } = useWorkbenchView();
  const detections = useSlice((state) => state.detections);
  const pending = useSlice((state) => detectionsPending(state.status));
  const current = useSlice((state) => state.status.detections === 'current');
  const selected = detections.hits[detections.selected - detections.offset];
  const count = `${detections.selected + 1}/${detections.total.toLocaleString('en-US')} detection hits`;
  const title = detections.total === 0 ? 'detection hits'
    : pending ? `${count} so far: ${pending}` : `${count}, most severe first (Enter: its events, v: in full)`;
  const empty = !detections.loaded ? ' loading…'
    : pending ? ` no detection hits yet: ${pending}`
    : current ? ' no detection hits in this index' : ' no detection hits: run `keytrail detect` on this index';
  const reason = selected ? reasonLines(selected.reason, width) : [];
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate" bold={focused} {...tint(theme, focused ? 'cyan' : undefined)}>{fitCell(title, width)}</Text>
      {detections.hits.length === 0 ? <Text>{fitCell(empty, width)}</Text> : null}
      {detections.hits.length > 0
        ? <Table columns={COLUMNS} rows={detections.hits} top={0} selected={detections.selected - detections.offset} height={paneRows(detectionsPane, height)}
            width={width} theme={theme} focused={focused} rowColor={(hit) => COLOURS[hit.severity]} />
        : null}
      {reason.map((line, index) => <Text key={index} wrap="truncate">{fitCell(` ${line}`, width)}</Text>)}
    </Box>
  );
}
