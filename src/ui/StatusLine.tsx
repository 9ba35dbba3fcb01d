import { Text } from 'ink';
import type { Arrivals, StatusSlice } from '../app/state.js';
import { percentOf } from '../core/index/coverage.js';
import { fitCell } from '../core/text/fit.js';
import { plural } from '../core/text/plural.js';
import { tint } from './theme.js';
import { useSlice, useWorkbenchView } from './workbench-context.js';

const number = (value: number) => Math.round(value).toLocaleString('en-US');
const SEPARATOR = ' · ';

/** `2026-11-21 01:06Z`, or `11-21 01:06Z` when short (the year is rarely in doubt during an incident). */
function deliveryLabel(since: string, short: boolean): string {
  const label = `${since.slice(0, 10)} ${since.slice(11, 16)}Z`;
  return short ? label.slice(5) : label;
}

/**
 * What the first scan has covered so far, longest wording first: the share of files done, and the
 * delivery time since which every file is done. A delivery time bounds when a file was written, not
 * when its events happened, so it is worded as files delivered, never as events.
 */
export function coverageWordings(status: StatusSlice): string[] {
  // The indexer could not start (another writer, a damaged index) or waits for the folder: nothing is scanning.
  if (!status.indexing && status.notice) return [`not indexing: ${status.notice}`, 'not indexing'];
  if (status.filesSeen === 0) return ['scanning the folder…'];
  const share = `${percentOf(status.filesDone, status.filesSeen)}% of files`;
  const eta = status.etaSeconds === null ? 0 : Math.round(status.etaSeconds);
  const etaText = eta > 0 ? `, ETA ${number(eta)} s` : '';
  const since = status.deliveredSince;
  if (since === null) return [`${share} indexed${etaText}`, share];
  return [
    `${share} indexed, all delivered since ${deliveryLabel(since, false)}${etaText}`,
    `${share}, all delivered since ${deliveryLabel(since, true)}${etaText}`,
    `${share}, all delivered since ${deliveryLabel(since, true)}`,
    share,
  ];
}

/**
 * The longest wording that leaves `next` on the line too, else the longest that fits at all: the
 * last, shortest wording (without the delivery time) only when no other fits even alone.
 */
function fitted(wordings: readonly string[], room: number, next: string): string {
  return wordings.slice(0, -1).find((text) => text.length + SEPARATOR.length + next.length <= room)
    ?? wordings.find((text) => text.length <= room)
    ?? (wordings.at(-1) as string);
}

/** A finished scan is complete unless files it found could not be read (they are retried, and listed under R). */
function scanEnd(status: StatusSlice): string {
  return status.filesFailing > 0 ? `scan done, ${number(status.filesFailing)} file(s) not indexed` : 'scan complete';
}

/** The first scan of a folder is still running: every count and list is of what is indexed so far. */
export function firstScanRunning(status: Pick<StatusSlice, 'dir' | 'initialScanDone'>): boolean {
  return status.dir !== null && !status.initialScanDone;
}

/** `1 file read: 0 new events (12 duplicates)`: what the latest files brought, duplicates and rejects too. */
export function arrivalsText(arrivals: Arrivals): string {
  const others = [arrivals.duplicates > 0 ? plural(arrivals.duplicates, 'duplicate') : '', arrivals.rejected > 0 ? `${number(arrivals.rejected)} rejected` : ''].filter(Boolean);
  return `${plural(arrivals.files, 'file')} read: ${plural(arrivals.added, 'new event')}${others.length > 0 ? ` (${others.join(', ')})` : ''}`;
}

/**
 * What is watched, how much is indexed and how fast, rejects, follow: the responder's bearings,
 * fitted to `width` columns. While the first scan runs, what it has covered comes right after the
 * follow mode, so no width hides that an answer may be partial; once it is done, it says so.
 */
export function statusText(status: StatusSlice, follow: boolean, width = Infinity): string {
  const mode = follow ? 'FOLLOW' : 'paused (G follows)';
  const events = plural(status.totalEvents, 'event');
  const scanning = firstScanRunning(status);
  const coverage = scanning ? [fitted(coverageWordings(status), width - mode.length - SEPARATOR.length, events)] : [];
  // Most telling first: a narrow terminal cuts from the end.
  const parts = [
    mode,
    ...coverage,
    events,
    // After the scan, what the latest files brought: a file of duplicates changes no count.
    ...(status.arrivals && !scanning ? [arrivalsText(status.arrivals)] : []),
    `${number(status.rate)}/s`,
    ...(status.dir !== null && !scanning ? [scanEnd(status)] : []),
    `rejected ${number(status.rejected)}${status.rejected + status.problems.length > 0 ? ' (R)' : ''}`,
    status.dir ?? status.dbPath,
  ];
  return parts.join(SEPARATOR);
}

/** The bottom line; a message (a disabled key's reason, a filter error) takes its place until the next key. */
export function StatusLine({ width }: { width: number }) {
  const { theme } = useWorkbenchView();
  const status = useSlice((state) => state.status);
  const follow = useSlice((state) => state.events.follow);
  const message = useSlice((state) => state.ui.message);
  if (message) return <Text wrap="truncate" bold {...tint(theme, 'magenta')}>{fitCell(` ${message}`, width)}</Text>;
  return <Text wrap="truncate" {...tint(theme, 'gray', { inverse: true })}>{fitCell(` ${statusText(status, follow, width - 1)}`, width)}</Text>;
}
