import { isIP } from 'node:net';
import { readGrantRequest } from '../correlate/grant-request.js';
import { RawEvents } from '../correlate/raw-events.js';
import { principalAccount } from '../normalize/identity.js';
import type { IndexDb } from '../index/open.js';
import type { EventRow } from '../query/event-rows.js';
import { keyArnParts } from './key-arn.js';
import type { Actor, Indicators, KeyUse, ReportSummary, Tally } from './report.js';
import type { FindingEvent } from './scope.js';

/** How many values of each kind the summary names; the indicators list them all. */
const TOP = 8;

export function tally(values: Iterable<string | null | undefined>): Tally[] {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

const distinct = (values: Iterable<string | null | undefined>) => tally(values).map((entry) => entry.value);

function keyUses(rows: readonly EventRow[]): KeyUse[] {
  const byKey = new Map<string, EventRow[]>();
  for (const row of rows) {
    if (!row.key) continue;
    const calls = byKey.get(row.key);
    if (calls) calls.push(row);
    else byKey.set(row.key, [row]);
  }
  return [...byKey].map(([key, calls]) => ({
    key, aliases: calls[0]!.keyAliases, calls: calls.length,
    failed: calls.filter((row) => row.errorCode).length, operations: tally(calls.map((row) => row.eventName)),
  })).sort((a, b) => b.calls - a.calls);
}

/** Raw events are read this many at a time, each batch with its own cache: a filter of 100,000 events stays in bounded memory. */
const RAW_BATCH = 1000;

/** What only the raw events tell: accounts and encryption contexts among their entities, the grants CreateGrant made. */
function rawFacts(db: IndexDb, rows: readonly EventRow[]): { accounts: string[]; contexts: string[]; grantIds: Array<string | null> } {
  const facts = { accounts: [] as string[], contexts: [] as string[], grantIds: [] as Array<string | null> };
  for (let start = 0; start < rows.length; start += RAW_BATCH) {
    const raws = new RawEvents(db);
    for (const row of rows.slice(start, start + RAW_BATCH)) {
      const { entities, json } = raws.get(row.seq);
      for (const entity of entities) {
        if (entity.kind === 'account') facts.accounts.push(entity.value);
        if (entity.kind === 'ctx') facts.contexts.push(entity.value);
      }
      if (row.eventName === 'CreateGrant' && !row.errorCode) facts.grantIds.push(readGrantRequest(json).grantId);
    }
  }
  return facts;
}

/** Accounts in the actors' calls that own none of the keys they used: where the data went. */
function externalAccounts(rows: readonly EventRow[], accounts: readonly string[]): string[] {
  const home = new Set(rows.map((row) => keyArnParts(row.key).account).filter(Boolean));
  return home.size === 0 ? [] : distinct(accounts).filter((account) => !home.has(account));
}

/** Who, what, from where and whose data: the actors' calls across the findings, most frequent first. */
export function summarize(db: IndexDb, attack: readonly FindingEvent[], roots: ReadonlyMap<string, string>): { summary: ReportSummary; indicators: Indicators } {
  const rows = attack.map((event) => event.row);
  const { accounts, contexts, grantIds } = rawFacts(db, rows);
  const external = externalAccounts(rows, accounts);
  const actors: Actor[] = tally(rows.map((row) => row.principal)).map((entry) => {
    const account = principalAccount(entry.value);
    return { ...entry, root: roots.get(entry.value) ?? null, outsideAccount: account && external.includes(account) ? account : null };
  });
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
      grantIds: distinct(grantIds),
    },
  };
}
