import { Box, Text } from 'ink';
import type { EventRow } from '../../core/query/event-rows.js';
import { sanitizeForTerminal } from '../../core/text/sanitize.js';
import { shortKeyName as shortKey, shortPrincipal } from '../../core/text/short-names.js';
import type { Column } from '../column-widths.js';
import { Table } from '../Table.js';
import { useSlice, useWorkbenchView } from '../workbench-context.js';
import type { PaneProps } from './pane-props.js';

/** `2026-11-21 03:35:12Z`, or `11-21 03:35:12` where columns are scarce. */
function time(row: EventRow, full: boolean): string {
  if (!row.eventTime) return '(no time)';
  const text = row.eventTime.replace('T', ' ');
  return full ? text : text.slice(5).replace(/Z$/, '');
}

function eventColumns(wideTime: boolean): Column<EventRow>[] {
  return [
    { title: 'TIME (UTC)', min: wideTime ? 20 : 14, max: 20, weight: 0, value: (row) => time(row, wideTime) },
    { title: 'EVENT', min: 18, max: 32, weight: 2, value: (row) => row.eventName ?? row.eventSource },
    { title: 'PRINCIPAL', min: 18, max: 60, weight: 4, value: (row) => shortPrincipal(row.principal) },
    { title: 'ERROR', min: 9, max: 28, weight: 1, value: (row) => row.errorCode },
    { title: 'KEY', min: 9, max: 40, weight: 2, value: shortKey },
    { title: 'SOURCE IP', min: 15, max: 15, weight: 0, value: (row) => row.sourceIPAddress },
  ];
}

/** Why the list is empty, in words a responder can act on. */
function emptyText(state: { notice: string | null; indexing: boolean; total: number; filter: string }): string {
  if (state.notice) return state.notice;
  if (state.total === 0) return state.indexing ? 'Indexing: events appear here as they are committed.' : 'No events indexed yet: copy CloudTrail logs into the folder; they appear as they arrive.';
  return `No events match "${state.filter}". Esc walks the filter back, / edits it.`;
}

/** The time-ordered list, oldest at the top, newest at the bottom (follow sticks there). */
export function EventsPane({ width, height, focused }: PaneProps) {
  const { theme } = useWorkbenchView();
  const events = useSlice((state) => state.events);
  const status = useSlice((state) => state.status);
  const filter = useSlice((state) => state.filter.effective);
  if (events.rows.length === 0) {
    const text = events.loaded || status.notice ? emptyText({ notice: status.notice, indexing: !status.initialScanDone, total: status.totalEvents, filter }) : 'Opening the index…';
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Box paddingX={1} width={width}>
          <Text>{sanitizeForTerminal(text)}</Text>
        </Box>
      </Box>
    );
  }
  return (
    <Table columns={eventColumns(width >= 110)} rows={events.rows} top={events.top} selected={events.selected} height={height - 1}
      width={width} theme={theme} focused={focused} rowColor={(row) => (row.errorCode ? 'red' : undefined)} />
  );
}
