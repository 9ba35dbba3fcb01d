/**
 * Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`, or `limit + 1` once
 * they pass `limit`. Only the band of cells within `limit` of the diagonal is computed (a cell outside it
 * is more than `limit` already), three rows at a time, and a row with nothing within `limit` stops it:
 * O(length x limit), where a full table of two long log values took seconds.
 */
function editDistance(a: string, b: string, limit: number): number {
  const far = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return far;
  // Two more cells than b has: the band's edges are written as `far` on either side.
  let older = new Array<number>(b.length + 2).fill(far);
  let previous = new Array<number>(b.length + 2).fill(far);
  let current = new Array<number>(b.length + 2).fill(far);
  for (let j = 0; j <= Math.min(b.length, limit); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    current[from - 1] = from === 1 && i <= limit ? i : far;
    let best = current[from - 1]!;
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, older[j - 2]! + 1);
      current[j] = Math.min(distance, far);
      best = Math.min(best, current[j]!);
    }
    current[to + 1] = far;
    if (best > limit) return far;
    [older, previous, current] = [previous, current, older];
  }
  return previous[b.length]!;
}

/** Typed text longer than this gets no suggestion (log values can be kilobytes; an ARN is rarely past 200). */
const MAX_TYPED = 256;

/**
 * The known name a typo most likely meant (`qeury` -> `query`, `Decrpyt` -> `Decrypt`), case aside, or
 * null when none is close. `prefix`: a start of a name names it (`inde` -> `index`), right for commands,
 * not for values where several share a start (`Generate` is not one event name).
 */
export function nearestName(typed: string, known: readonly string[], { prefix = true } = {}): string | null {
  if (typed.length > MAX_TYPED) return null;
  const lower = typed.toLowerCase();
  const limit = Math.max(1, Math.floor(lower.length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of known) {
    const other = name.toLowerCase();
    if (prefix && lower.length >= 3 && other.startsWith(lower)) return name;
    const distance = editDistance(lower, other, limit);
    if (distance <= limit && distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}
