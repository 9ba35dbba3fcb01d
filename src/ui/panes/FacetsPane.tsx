import { Box, Text } from 'ink';
import { paneRows } from '../../app/layout.js';
import { facetsPane } from '../../app/panes/facets.js';
import type { EntityKind } from '../../core/normalize/types.js';
import type { FacetValue } from '../../core/query/facets.js';
import { fitCell } from '../../core/text/fit.js';
import type { Column } from '../column-widths.js';
import { Table } from '../Table.js';
import { firstScanRunning } from '../StatusLine.js';
import { tint } from '../theme.js';
import { useSlice, useWorkbenchView } from '../workbench-context.js';
import type { PaneProps } from './pane-props.js';

const TITLES: Partial<Record<EntityKind, string>> = {
  key: 'keys', principal: 'principals', instance: 'instances', ip: 'source IPs', event: 'event names',
  error: 'error codes', role: 'roles', ctx: 'context',
};

export function facetTitle(kind: EntityKind): string {
  return TITLES[kind] ?? kind;
}

/** Keys read best by alias, then ARN: both are shown, whatever the event called the key. */
function facetColumns(kind: EntityKind): Column<FacetValue>[] {
  const value: Column<FacetValue> = kind === 'key'
    ? { title: 'ALIAS / KEY ARN', min: 20, max: 400, weight: 1, cut: 'middle', value: (row) => [...new Set([...(row.aliases ?? []), row.value])].join('  ') }
    : { title: facetTitle(kind).toUpperCase(), min: 20, max: 400, weight: 1, cut: 'middle', value: (row) => row.value };
  return [{ title: 'EVENTS', min: 9, max: 9, weight: 0, align: 'right', value: (row) => row.count.toLocaleString('en-US') }, value];
}

/** Facet tabs (the key first: at 80 columns the tabs fill the line), then the values of the one shown with their counts under the current filter (Enter pivots). */
export function FacetsPane({ width, height, focused }: PaneProps) {
  const { theme } = useWorkbenchView();
  const facets = useSlice((state) => state.facets);
  const kind = facets.kinds[facets.kindIndex]!;
  const values = facets.values[kind];
  const progress = facets.progress[kind] ?? 0;
  // During the first scan the counts are of what is indexed so far (the status line says how far).
  const scanning = useSlice((state) => firstScanRunning(state.status));
  const counting = values && progress < 1 ? `counting ${Math.floor(progress * 100)}%… ` : '';
  const tabs = facets.kinds.map((each, index) => (index === facets.kindIndex ? `[${facetTitle(each)}]` : facetTitle(each))).join(' ');
  const none = scanning ? ` no ${facetTitle(kind)} under this filter yet: the first scan is still running` : ` no ${facetTitle(kind)} under this filter (h/l: other facets)`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate" bold={focused} {...tint(theme, focused ? 'cyan' : undefined)}>{fitCell(`${scanning ? 'so far: ' : ''}${counting}h/l ${tabs}`, width)}</Text>
      {values && values.length === 0 ? <Text>{fitCell(none, width)}</Text> : null}
      {values && values.length > 0
        ? <Table columns={facetColumns(kind)} rows={values} top={facets.top} selected={facets.selected} height={paneRows(facetsPane, height)} width={width} theme={theme} focused={focused} />
        : null}
      {values ? null : <Text>{fitCell(' counting…', width)}</Text>}
    </Box>
  );
}
