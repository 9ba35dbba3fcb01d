import type { TreeProgress } from '../core/index/ingest-tree.js';

/** A one-line progress bar for stderr: files, events, rate and ETA. */
export function formatProgress(progress: TreeProgress, startedAt: number, now: number, width = 24): string {
  // No file found yet: the walk is still looking, nothing is done.
  const fraction = progress.filesTotal === 0 ? 0 : progress.filesDone / progress.filesTotal;
  const filled = Math.round(fraction * width);
  const seconds = Math.max(0.001, (now - startedAt) / 1000);
  const rate = Math.round(progress.eventsAdded / seconds);
  const eta = fraction > 0 && fraction < 1 ? Math.round((seconds / fraction) * (1 - fraction)) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progress.filesDone}/${progress.filesTotal} files, `
    + `${progress.eventsAdded.toLocaleString('en-US')} events, ${rate.toLocaleString('en-US')}/s`
    + (eta > 0 ? `, ETA ${eta}s` : '');
}
