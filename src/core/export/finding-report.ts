import type { Chain } from '../correlate/types.js';
import type { FindingEvidence } from '../findings/evidence.js';
import { reproduceFinding } from '../findings/reproduce.js';
import type { IndexDb } from '../index/open.js';
import { formatTime } from '../normalize/time.js';
import type { EventRow } from '../query/event-rows.js';
import { chainTree, type ChainNode } from './chain-tree.js';
import type { ChainSummary, ReportFinding, SampleEvent } from './report.js';
import { shellCommand, shellQuote } from './shell-quote.js';

/** Stands in for the log folder in reproduce commands when the index does not record it. */
export const UNKNOWN_LOG_DIR = 'LOGS_DIR';

/** Times we stamp (generated, marked, checked) to the second, like event times. */
export function secondTime(epochMillis: number): string {
  return formatTime(Math.floor(epochMillis / 1000) * 1000) ?? '';
}

const sample = (row: EventRow): SampleEvent => ({
  uid: row.uid, time: row.eventTime, eventName: row.eventName, principal: row.principal, sourceIP: row.sourceIPAddress, errorCode: row.errorCode,
});

/** The first event, the first that differs from it (another call or outcome), and the last. */
function samplesOf(rows: readonly EventRow[]): SampleEvent[] {
  if (rows.length <= 3) return rows.map(sample);
  const first = rows[0]!;
  const different = rows.slice(1, -1).find((row) => row.eventName !== first.eventName || row.errorCode !== first.errorCode);
  return [first, ...(different ? [different] : []), rows[rows.length - 1]!].map(sample);
}

/** Who started the chain and the path from them down to the marked event. */
export function chainSummary(chain: Chain): ChainSummary {
  const nodes = chainTree(chain);
  const path: ChainSummary['path'] = [];
  let at: number | null = nodes.findIndex((node) => node.event.uid === chain.origin.uid);
  while (at !== null && at >= 0) {
    const node: ChainNode = nodes[at]!;
    path.unshift({ eventName: node.event.eventName, principal: node.event.principal, via: node.link ? { kind: node.link.kind, value: node.link.value } : null });
    at = node.parent;
  }
  return { root: chain.root?.principal ?? null, members: chain.events.length, path, missing: chain.missing, truncated: chain.truncated };
}

function hitWithoutEvents(evidence: FindingEvidence): ReportFinding['hit'] {
  if (!evidence.hit) return null;
  const { eventIDs: _events, ...hit } = evidence.hit;
  return hit;
}

function windowOf(rows: readonly EventRow[]): ReportFinding['window'] {
  const timed = rows.filter((row) => row.time > 0);
  return timed.length === 0 ? null : { from: timed[0]!.eventTime!, to: timed[timed.length - 1]!.eventTime! };
}

/** Past this many ids a reproduce command reads them from the evidence file instead of listing them on one line. */
const IDS_ON_THE_LINE = 12;

/**
 * `keytrail query --dir LOGS --limit 0 FILTER`; a plain `id:` list longer than
 * IDS_ON_THE_LINE is read back from the evidence file (its `uid`s of this finding), so
 * the command stays one short line however many events the finding has.
 */
function reproduceCommand(filter: string, findingId: number, logDirectory: string | null, evidenceFile: string | null): string {
  const query = ['keytrail', 'query', '--dir', logDirectory ?? UNKNOWN_LOG_DIR, '--limit', '0'];
  const ids = /^id:([^\s*]+)$/.exec(filter)?.[1]?.split(',') ?? [];
  if (!evidenceFile || ids.length <= IDS_ON_THE_LINE) return shellCommand([...query, filter]);
  const read = `jq -r 'select(any(.findings[]; . == ${findingId})) | .uid' ${shellQuote(evidenceFile)} | paste -sd, -`;
  return `${shellCommand(query)} "id:$(${read})"`;
}

/**
 * One finding as the note tells it: a few representative events (every one is in the
 * evidence file) and a reproduce command that names the log folder, never this
 * machine's index, so it runs wherever the same logs are indexed.
 */
export function reportFinding(
  db: IndexDb, evidence: FindingEvidence, rows: readonly EventRow[], logDirectory: string | null, evidenceFile: string | null,
): ReportFinding {
  const { finding } = evidence;
  const reproduction = reproduceFinding(db, evidence, { portable: true });
  return {
    id: finding.id, kind: finding.kind, reference: finding.reference, note: finding.note, markedAt: secondTime(finding.createdAt),
    total: finding.kind === 'filter' ? evidence.total : rows.length, window: windowOf(rows), samples: samplesOf(rows),
    problem: evidence.problem, hit: hitWithoutEvents(evidence), chain: evidence.chain ? chainSummary(evidence.chain) : null,
    reproduce: reproduction.filter === '' ? null : {
      command: reproduceCommand(reproduction.filter, finding.id, logDirectory, evidenceFile),
      filter: reproduction.filter, exact: reproduction.exact,
    },
  };
}
