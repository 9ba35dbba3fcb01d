/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The known name a typo most likely meant (`qeury` -> `query`, `Decrpyt` -> `Decrypt`), case aside, or null when none is close. */
export function nearestName(typed: string, known: readonly string[]): string | null {
  const lower = typed.toLowerCase();
  const limit = Math.max(1, Math.floor(lower.length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of known) {
    const other = name.toLowerCase();
    if (lower.length >= 3 && other.startsWith(lower)) return name;
    const distance = editDistance(lower, other);
    if (distance <= limit && distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}
