import { Box, Text } from 'ink';
import { paneRows } from '../../app/layout.js';
import { findingsPane } from '../../app/panes/findings.js';
import type { Finding } from '../../core/findings/types.js';
import { formatTime } from '../../core/normalize/time.js';
import { fitCell } from '../../core/text/fit.js';
import type { Column } from '../column-widths.js';
import { Table } from '../Table.js';
import { tint } from '../theme.js';
import { useSlice, useWorkbenchView } from '../workbench-context.js';
import type { PaneProps } from './pane-props.js';

const COLUMNS: Column<Finding>[] = [
  { title: 'ID', min: 4, max: 4, weight: 0, align: 'right', value: (finding) => String(finding.id) },
  { title: 'KIND', min: 6, max: 6, weight: 0, value: (finding) => finding.kind },
  { title: 'FIRST EVENT UTC', min: 16, max: 16, weight: 0, value: (finding) => formatTime(finding.evidenceTime)?.slice(0, 16).replace('T', ' ') ?? '' },
  { title: 'NOTE', min: 16, max: 400, weight: 3, value: (finding) => finding.note || '(no note)' },
  // Last: on a narrow screen the reference is what gives way.
  { title: 'REFERENCE', min: 12, max: 80, weight: 1, value: (finding) => finding.reference },
];

// Short enough to show whole at 80 columns and in the pane beside the events at 200.
const HINT = 'Enter: events · v: in full · i: edit · J/K: move · D: remove · e: write note';

/** The responder's findings in the order the note lists them; notes and references are fitted (log data). */
export function FindingsPane({ width, height, focused }: PaneProps) {
  const { theme } = useWorkbenchView();
  const findings = useSlice((state) => state.findings);
  const title = findings.list.length > 0 ? `${findings.list.length} finding(s), in the note's order` : 'findings';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate" bold={focused} {...tint(theme, focused ? 'cyan' : undefined)}>{fitCell(title, width)}</Text>
      {findings.list.length === 0
        ? <Text>{fitCell(' no findings yet: m marks the selected event (M: the whole filter)', width)}</Text>
        : <Table columns={COLUMNS} rows={findings.list} top={findings.top} selected={findings.selected} height={paneRows(findingsPane, height)}
            width={width} theme={theme} focused={focused} />}
      {findings.list.length > 0 ? <Text wrap="truncate" {...tint(theme, 'gray')}>{fitCell(` ${HINT}`, width)}</Text> : null}
    </Box>
  );
}
