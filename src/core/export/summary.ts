import { isIP } from 'node:net';
import { readGrantRequest } from '../correlate/grant-request.js';
import type { RawEvents } from '../correlate/raw-events.js';
import type { EventRow } from '../query/event-rows.js';
import type { Actor, Indicators, KeyUse, ReportSummary, Tally } from './report.js';
import type { FindingEvent } from './scope.js';

/** How many values of each kind the summary names; the indicators list them all. */
const TOP = 8;
const KEY_ACCOUNT = /^arn:aws[a-z-]*:kms:[^:]*:(\d{12}):/;

export function tally(values: Iterable<string | null | undefined>): Tally[] {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

const distinct = (values: Iterable<string | null | undefined>) => tally(values).map((entry) => entry.value);

function keyUses(rows: readonly EventRow[]): KeyUse[] {
  const byKey = new Map<string, EventRow[]>();
  for (const row of rows) if (row.key) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  return [...byKey].map(([key, calls]) => ({
    key, aliases: calls[0]!.keyAliases, calls: calls.length,
    failed: calls.filter((row) => row.errorCode).length, operations: tally(calls.map((row) => row.eventName)),
  })).sort((a, b) => b.calls - a.calls);
}

/** Accounts in the actors' calls that own none of the keys they used: where the data went. */
function externalAccounts(rows: readonly EventRow[], raws: RawEvents): string[] {
  const home = new Set(rows.map((row) => KEY_ACCOUNT.exec(row.key ?? '')?.[1]).filter(Boolean));
  if (home.size === 0) return [];
  const accounts = rows.flatMap((row) => raws.get(row.seq).entities.filter((entity) => entity.kind === 'account').map((entity) => entity.value));
  return distinct(accounts).filter((account) => !home.has(account));
}

function grantIds(rows: readonly EventRow[], raws: RawEvents): string[] {
  return distinct(rows.filter((row) => row.eventName === 'CreateGrant' && !row.errorCode).map((row) => readGrantRequest(raws.get(row.seq).json).grantId));
}

/** Who, what, from where and whose data: the actors' calls across the findings, most frequent first. */
export function summarize(attack: readonly FindingEvent[], roots: ReadonlyMap<string, string>, raws: RawEvents): { summary: ReportSummary; indicators: Indicators } {
  const rows = attack.map((event) => event.row);
  const actors: Actor[] = tally(rows.map((row) => row.principal)).map((entry) => ({ ...entry, root: roots.get(entry.value) ?? null }));
  const external = externalAccounts(rows, raws);
  const contexts = rows.flatMap((row) => raws.get(row.seq).entities.filter((entity) => entity.kind === 'ctx').map((entity) => entity.value));
  return {
    summary: {
      calls: rows.length, actors, keys: keyUses(rows),
      ips: tally(rows.map((row) => row.sourceIPAddress)).slice(0, TOP),
      externalAccounts: external, contexts: tally(contexts).slice(0, TOP),
    },
    indicators: {
      ips: distinct(rows.map((row) => row.sourceIPAddress)).filter((ip) => isIP(ip) !== 0),
      accessKeyIds: distinct(rows.map((row) => row.accessKeyId)),
      principals: actors.map((actor) => actor.value),
      externalAccounts: external,
      userAgents: distinct(rows.map((row) => row.userAgent)),
      grantIds: grantIds(rows, raws),
    },
  };
}
