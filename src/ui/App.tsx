import { Box, Text, useApp, useInput, useStdout, type Key } from 'ink';
import { useCallback, useEffect } from 'react';
import { frameLayout } from '../app/layout.js';
import { PANE_DEFINITIONS, PANES } from '../app/panes/pane-registry.js';
import type { PaneId } from '../app/state.js';
import { characterKeyName, isBurst, keyName } from './key-name.js';
import { HelpOverlay } from './overlays/HelpOverlay.js';
import { RejectedOverlay } from './overlays/RejectedOverlay.js';
import { ValueOverlay } from './overlays/ValueOverlay.js';
import { FilterBar, filterEditorRows } from './FilterBar.js';
import { NotePrompt } from './NotePrompt.js';
import { HistogramPane } from './panes/HistogramPane.js';
import { PANE_VIEWS } from './panes/pane-views.js';
import { StatusLine } from './StatusLine.js';
import { TabBar } from './TabBar.js';
import { useSlice, useWorkbenchView } from './workbench-context.js';

/** Keys in: each key (or each character of a burst) goes to the workbench by name. */
function useKeys(): void {
  const { workbench } = useWorkbenchView();
  const onInput = useCallback((input: string, key: Key) => {
    if (!isBurst(input, key)) {
      workbench.press(keyName(input, key), input);
      return;
    }
    // Each character as its own key: `/key:x` then Enter typed fast opens the bar, types, applies.
    for (const character of input) workbench.press(characterKeyName(character), character);
  }, [workbench]);
  useInput(onInput);
}

/** Terminal size into the store, so pages and buckets follow a resize. */
function useTerminalSize(): void {
  const { workbench } = useWorkbenchView();
  const { stdout } = useStdout();
  useEffect(() => {
    // Not a terminal (tests, pipes): the size given to the store stands.
    if (!stdout.isTTY) return;
    const update = () => workbench.resize(stdout.columns || 80, stdout.rows || 24);
    update();
    stdout.on('resize', update);
    return () => {
      stdout.off('resize', update);
    };
  }, [stdout, workbench]);
}

/** The pane drawn in the main area: on a narrow screen the focused one (but the histogram strip); on a wide one always the events. */
function mainPane(focused: PaneId, wide: boolean): PaneId {
  return wide || PANES[focused].placement === 'strip' ? 'events' : focused;
}

function Body({ width, height }: { width: number; height: number }) {
  const { theme } = useWorkbenchView();
  const ui = useSlice((state) => state.ui);
  const layout = frameLayout(ui.columns, ui.rows);
  if (ui.mode === 'help') return <HelpOverlay width={width} height={height} />;
  if (ui.mode === 'rejected') return <RejectedOverlay width={width} height={height} />;
  if (ui.mode === 'value') return <ValueOverlay width={width} height={height} />;
  const Main = PANE_VIEWS[mainPane(ui.pane, layout.wide)];
  if (!layout.wide) return <Main width={width} height={height} focused={PANES[ui.pane].placement !== 'strip'} />;
  const Companion = PANE_VIEWS[ui.companion];
  return (
    <Box flexDirection="row" height={height}>
      <Main width={layout.mainColumns} height={height} focused={ui.pane === 'events'} />
      <Box width={1} height={height} flexDirection="column">
        {Array.from({ length: height }, (_, index) => <Text key={index}>{theme.separator}</Text>)}
      </Box>
      <Companion width={layout.companionColumns} height={height} focused={ui.pane === ui.companion} />
    </Box>
  );
}

/** The workbench frame: histogram, pane tabs, the panes, the filter/breadcrumb line and the status line. */
export function App() {
  const { exit } = useApp();
  const ui = useSlice((state) => state.ui);
  useKeys();
  useTerminalSize();
  useEffect(() => {
    if (ui.quitting) exit();
  }, [ui.quitting, exit]);
  // A number, so the frame re-renders only when the editor's rows change, not on every key typed.
  const barLines = useSlice((state) => (state.ui.mode === 'filter' ? filterEditorRows(state.filter.draft, state.ui.columns) : undefined));
  const layout = frameLayout(ui.columns, ui.rows, barLines);
  const filterMode = ui.mode === 'filter';
  return (
    <Box flexDirection="column" width={ui.columns} height={layout.height}>
      {layout.histogramRows > 0 ? <HistogramPane width={ui.columns} height={layout.histogramRows} focused={ui.pane === 'histogram'} /> : null}
      <TabBar width={ui.columns} panes={PANE_DEFINITIONS} />
      <Body width={ui.columns} height={layout.bodyRows} />
      {ui.mode === 'note' ? <NotePrompt width={ui.columns} /> : <FilterBar width={ui.columns} rows={layout.barRows} />}
      {filterMode || ui.mode === 'note' ? null : <StatusLine width={ui.columns} />}
    </Box>
  );
}
