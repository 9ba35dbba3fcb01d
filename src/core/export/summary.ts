import type { EventRow } from '../query/event-rows.js';
import type { ReportSummary, Tally } from './report.js';

/** How many summary values of each kind the note names. */
const TOP = 10;

function tally(values: Iterable<string | null>): Tally[] {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** Who and what is involved across the events behind the findings, most frequent first. */
export function summarize(rows: readonly EventRow[]): ReportSummary {
  const aliases = new Map<string, string[]>();
  for (const row of rows) if (row.key) aliases.set(row.key, row.keyAliases);
  return {
    events: rows.length,
    principals: tally(rows.map((row) => row.principal)).slice(0, TOP),
    keys: tally(rows.map((row) => row.key)).slice(0, TOP).map((entry) => ({ ...entry, aliases: aliases.get(entry.value) ?? [] })),
    ips: tally(rows.map((row) => row.sourceIPAddress)).slice(0, TOP),
    accounts: tally(rows.map((row) => row.account)).slice(0, TOP),
    eventNames: tally(rows.map((row) => row.eventName)),
  };
}
