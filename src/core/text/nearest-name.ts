/**
 * Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`, or `limit + 1` once
 * they pass `limit`: three rows of the table at a time, stopped as soon as a row holds nothing within it.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let older = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, older[j - 2]! + 1);
      current[j] = distance;
      best = Math.min(best, distance);
    }
    if (best > limit) return limit + 1;
    [older, previous, current] = [previous, current, older];
  }
  return previous[b.length]!;
}

/** Typed text longer than this is not a typo of a name: no suggestion (log values can be kilobytes). */
const MAX_TYPED = 64;

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
