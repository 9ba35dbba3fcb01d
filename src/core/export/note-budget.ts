/** What a note pasted into a channel may take: past this it stops being read. */
export const NOTE_BUDGET = { lines: 150, bytes: 25 * 1024 };

/**
 * How much of each list the note tells; the rest is counted in the note and left to
 * the evidence file (every event) or the JSON export (every value).
 */
export interface NoteDetail {
  /** Timeline moments. */
  moments: number;
  /** Findings told in full; the next `findingLines` get one line each, the rest are counted. */
  findingsInFull: number;
  findingLines: number;
  /** Still-open items with their command; the rest one line each, up to `openLines`. */
  openInFull: number;
  openLines: number;
  /** Values per summary or indicator list (actors, keys, IPs, user agents...). */
  values: number;
}

/**
 * Most detailed first: the note takes the first level that fits NOTE_BUDGET. The
 * last is small enough for any number of findings, events and open items.
 */
export const NOTE_DETAILS: readonly NoteDetail[] = [
  { moments: 40, findingsInFull: Infinity, findingLines: 0, openInFull: Infinity, openLines: 0, values: Infinity },
  { moments: 30, findingsInFull: 12, findingLines: 20, openInFull: 8, openLines: 12, values: 20 },
  { moments: 20, findingsInFull: 6, findingLines: 15, openInFull: 5, openLines: 10, values: 10 },
  { moments: 10, findingsInFull: 3, findingLines: 10, openInFull: 3, openLines: 6, values: 5 },
];

/** The first `limit` values, and how many were left out. */
export function firstOf<T>(values: readonly T[], limit: number): { shown: T[]; left: number } {
  const shown = values.slice(0, limit);
  return { shown, left: values.length - shown.length };
}

/** Fits when both the line count and the size are within NOTE_BUDGET. */
export function fitsBudget(note: string): boolean {
  return note.split('\n').length - 1 <= NOTE_BUDGET.lines && Buffer.byteLength(note) <= NOTE_BUDGET.bytes;
}
