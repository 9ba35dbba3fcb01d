import { Box, Text } from 'ink';
import type { EventRow } from '../../core/query/event-rows.js';
import { eventsPane } from '../../app/panes/events.js';
import { paneRows } from '../../app/layout.js';
import { wrapText } from '../../app/data/wrap-text.js';
import type { Column } from '../column-widths.js';
import { errorCell, keyCell, principalCell } from '../column-values.js';
import { firstScanRunning } from '../StatusLine.js';
import { Table } from '../Table.js';
import { useSlice, useWorkbenchView } from '../workbench-context.js';
import type { PaneProps } from './pane-props.js';

/** `2026-11-21 03:35:12Z`, or `11-21 03:35:12` where columns are scarce. */
function time(row: EventRow, full: boolean): string {
  if (!row.eventTime) return '(no time)';
  const text = row.eventTime.replace('T', ' ');
  return full ? text : text.slice(5).replace(/Z$/, '');
}

/**
 * Columns for the width there is: each shows its short form (role/session, the key's
 * alias, the error without `Exception`); the source IP joins once there is room for it.
 * Every value in full is one key away (v; Enter opens the detail).
 */
function eventColumns(width: number): Column<EventRow>[] {
  const wideTime = width >= 120;
  // At 80 columns every column gives a little so the principal keeps the most: keys drop `alias/`.
  const narrow = width < 100;
  const columns: Column<EventRow>[] = [
    { title: 'TIME (UTC)', min: wideTime ? 20 : 14, max: 20, weight: 0, value: (row) => time(row, wideTime) },
    { title: 'EVENT', min: 16, max: 32, weight: 2, value: (row) => row.eventName ?? row.eventSource },
    { title: 'PRINCIPAL', min: narrow ? 23 : 24, max: 70, weight: 4, cut: 'middle', value: (row) => principalCell(row.principal) },
    { title: 'ERROR', min: 10, max: 28, weight: 1, cut: 'middle', value: (row) => errorCell(row.errorCode) },
    { title: narrow ? 'KEY ALIAS' : 'KEY', min: 11, max: 40, weight: 2, cut: 'middle', value: (row) => (narrow ? keyCell(row).replace(/^alias\//, '') : keyCell(row)) },
  ];
  // Where the principal would otherwise be cut, the source IP gives way (v and the detail show it).
  return width >= 110 ? [...columns, { title: 'SOURCE IP', min: 15, max: 39, weight: 0, value: (row) => row.sourceIPAddress }] : columns;
}

/** Why the list is empty, in words a responder can act on; while the first scan runs, a miss is only a miss so far. */
function emptyText(state: { notice: string | null; indexing: boolean; total: number; filter: string }): string {
  if (state.notice) return state.notice;
  if (state.total === 0) return state.indexing ? 'Indexing: events appear here as they are committed.' : 'No events indexed yet: copy CloudTrail logs into the folder; they appear as they arrive.';
  const soFar = state.indexing ? ' in what is indexed so far (the first scan goes on)' : '';
  return `No events match "${state.filter}"${soFar}. Esc walks the filter back, / edits it.`;
}

/** The time-ordered list, oldest at the top, newest at the bottom (follow sticks there). */
export function EventsPane({ width, height, focused }: PaneProps) {
  const { theme } = useWorkbenchView();
  const events = useSlice((state) => state.events);
  const status = useSlice((state) => state.status);
  const filter = useSlice((state) => state.filter.effective);
  const note = useSlice((state) => state.filter.note);
  if (events.rows.length === 0) {
    const text = events.loaded || status.notice ? emptyText({ notice: status.notice, indexing: firstScanRunning(status), total: status.totalEvents, filter }) : 'Opening the index…';
    // Under a miss, the index's word on why (a value that names nothing, a part that needs `*`): sanitized and wrapped, never cut.
    const why = events.loaded && !status.notice && status.totalEvents > 0 && note ? wrapText(note, width - 2) : [];
    const lines = [...wrapText(text, width - 2), ...why].slice(0, height);
    return (
      <Box flexDirection="column" width={width} height={height} paddingX={1}>
        {lines.map((line, index) => <Text key={index}>{line}</Text>)}
      </Box>
    );
  }
  return (
    <Table columns={eventColumns(width)} rows={events.rows} top={events.top} selected={events.selected} height={paneRows(eventsPane, height)}
      width={width} theme={theme} focused={focused} rowColor={(row) => (row.errorCode ? 'red' : undefined)} />
  );
}
