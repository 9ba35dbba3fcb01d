import type { Moment } from './report.js';
import type { FindingEvent } from './scope.js';
import { tally } from './summary.js';

/** Calls of one kind further apart than this are separate moments. */
const RUN_GAP_MS = 30 * 60_000;

interface Run {
  events: FindingEvent[];
  containment: boolean;
}

const runKey = (event: FindingEvent) => JSON.stringify([event.row.principal, event.row.eventName, event.row.key]);

function momentOf(run: Run): Moment {
  const rows = run.events.map((event) => event.row);
  const first = rows[0]!;
  return {
    from: first.eventTime, to: rows[rows.length - 1]!.eventTime, count: rows.length,
    eventName: first.eventName, principal: first.principal, key: first.key, keyAliases: first.keyAliases,
    sourceIPs: tally(rows.map((row) => row.sourceIPAddress)).map((entry) => entry.value),
    errors: tally(rows.map((row) => row.errorCode)),
    sampleEvent: first.uid, containment: run.containment,
    findings: [...new Set(run.events.flatMap((event) => event.findings))].sort((a, b) => a - b),
  };
}

/**
 * The timeline as moments, not rows: calls of the same name by the same principal on
 * the same key, each within RUN_GAP_MS of the last, are one moment (a flood of 260
 * GenerateDataKey is one line), even when other calls fall between them.
 */
export function timelineMoments(attack: readonly FindingEvent[], containment: readonly FindingEvent[]): Moment[] {
  const tagged = [...attack.map((event) => ({ event, containment: false })), ...containment.map((event) => ({ event, containment: true }))]
    .sort((a, b) => a.event.row.time - b.event.row.time || a.event.row.seq - b.event.row.seq);
  const runs: Run[] = [];
  const open = new Map<string, Run>();
  for (const { event, containment: isContainment } of tagged) {
    const key = runKey(event);
    const run = open.get(key);
    const last = run?.events[run.events.length - 1]?.row.time;
    if (run && last !== undefined && event.row.time - last <= RUN_GAP_MS) {
      run.events.push(event);
      continue;
    }
    const fresh = { events: [event], containment: isContainment };
    runs.push(fresh);
    open.set(key, fresh);
  }
  return runs.map(momentOf);
}

