import { Text } from 'ink';
import type { StatusSlice } from '../app/state.js';
import { fitCell } from '../core/text/fit.js';
import { tint } from './theme.js';
import { useSlice, useWorkbenchView } from './workbench-context.js';

const number = (value: number) => Math.round(value).toLocaleString('en-US');

/** `[####......] 120/400 files, ETA 20s` while the first scan runs (the ETA is smoothed as progress arrives). */
export function progressText(status: StatusSlice, barWidth = 8): string {
  if (status.filesSeen === 0) return 'scanning the folder…';
  const fraction = Math.min(1, status.filesDone / status.filesSeen);
  const filled = Math.round(fraction * barWidth);
  const eta = status.etaSeconds === null ? 0 : Math.round(status.etaSeconds);
  return `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${number(status.filesDone)}/${number(status.filesSeen)} files${eta > 0 ? `, ETA ${number(eta)} s` : ''}`;
}

/** What is watched, how much is indexed and how fast, rejects, follow: the responder's bearings. */
export function statusText(status: StatusSlice, follow: boolean): string {
  // Most telling first: a narrow terminal cuts from the end.
  const parts = [
    follow ? 'FOLLOW' : 'paused (G follows)',
    `${number(status.totalEvents)} events`,
    `${number(status.rate)}/s`,
    ...(status.initialScanDone || status.dir === null ? [] : [progressText(status)]),
    `rejected ${number(status.rejected)}${status.rejected + status.problems.length > 0 ? ' (R)' : ''}`,
    status.dir ?? status.dbPath,
  ];
  return parts.join(' · ');
}

/** The bottom line; a message (a disabled key's reason, a filter error) takes its place until the next key. */
export function StatusLine({ width }: { width: number }) {
  const { theme } = useWorkbenchView();
  const status = useSlice((state) => state.status);
  const follow = useSlice((state) => state.events.follow);
  const message = useSlice((state) => state.ui.message);
  if (message) return <Text wrap="truncate" bold {...tint(theme, 'magenta')}>{fitCell(` ${message}`, width)}</Text>;
  return <Text wrap="truncate" {...tint(theme, 'gray', { inverse: true })}>{fitCell(` ${statusText(status, follow)}`, width)}</Text>;
}
