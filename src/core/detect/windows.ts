/** Time-window grouping shared by the burst, volume, off-hours and gap rules. */

/** A run of items [from, to] (inclusive indexes into the sorted input). */
export interface IndexRange {
  from: number;
  to: number;
}

/**
 * Where at least `minimum` of the (sorted) weights fall within `windowMillis`: every
 * such window, merged with the ones it overlaps. Weights let per-minute counts stand in
 * for single events.
 */
export function slidingBursts(times: number[], windowMillis: number, minimum: number, weights?: number[]): IndexRange[] {
  const weightAt = (index: number): number => weights?.[index] ?? 1;
  const ranges: IndexRange[] = [];
  let end = 0;
  let sum = 0;
  for (let start = 0; start < times.length; start++) {
    while (end < times.length && times[end]! < times[start]! + windowMillis) sum += weightAt(end++);
    if (sum >= minimum) {
      const last = ranges[ranges.length - 1];
      if (last && last.to >= start) last.to = Math.max(last.to, end - 1);
      else ranges.push({ from: start, to: end - 1 });
    }
    sum -= weightAt(start);
  }
  return ranges;
}

/** The largest total of weights within any window of `windowMillis` inside [from, to]. */
export function peakInWindow(times: number[], weights: number[], windowMillis: number, from = 0, to = times.length - 1): number {
  let peak = 0;
  let sum = 0;
  let end = from;
  for (let start = from; start <= to; start++) {
    while (end <= to && times[end]! < times[start]! + windowMillis) sum += weights[end++]!;
    peak = Math.max(peak, sum);
    sum -= weights[start]!;
  }
  return peak;
}

/** Splits sorted items wherever two neighbours are more than `gapMillis` apart. */
export function clusterByGap<T extends { time: number }>(items: T[], gapMillis: number): T[][] {
  const clusters: T[][] = [];
  for (const item of items) {
    const current = clusters[clusters.length - 1];
    const previous = current?.[current.length - 1];
    if (current && previous && item.time - previous.time <= gapMillis) current.push(item);
    else clusters.push([item]);
  }
  return clusters;
}
