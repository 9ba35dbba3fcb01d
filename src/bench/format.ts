/** Numbers as the table and PERFORMANCE.md print them. */
export const formatCount = (value: number): string => Math.round(value).toLocaleString('en-US');

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export const formatSeconds = (seconds: number): string => formatMs(seconds * 1000);

export const formatRate = (eventsPerSecond: number): string => `${formatCount(eventsPerSecond)} ev/s`;

export const formatFilesPerSecond = (files: number, seconds: number): string => `${formatCount(files / seconds)} files/s`;

export const formatMiB = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '-';
  return ratio >= 100 ? `${formatCount(ratio)}x` : `${ratio.toFixed(2)}x`;
}

export const formatLatency = (summary: { p50: number; p99: number }): string => `p50 ${formatMs(summary.p50)}, p99 ${formatMs(summary.p99)}`;
