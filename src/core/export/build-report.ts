import { loadEvidence, type FindingEvidence } from '../findings/evidence.js';
import { reproduceFinding } from '../findings/reproduce.js';
import { DEFAULT_SOURCES, type EvidenceSources } from '../findings/sources.js';
import { listFindings } from '../findings/store.js';
import type { IndexDb } from '../index/open.js';
import { formatTime } from '../normalize/time.js';
import { readIntegrity } from '../validate/store.js';
import type { IntegrityStatus } from '../validate/types.js';
import { indexStats } from './index-stats.js';
import type { IncidentReport, ReportFinding } from './report.js';
import { shellCommand } from './shell-quote.js';
import { summarize } from './summary.js';
import { mergeEvidenceRows, timelineEntry } from './timeline.js';

export interface ReportOptions {
  title?: string;
  /** The generated-at time (epoch ms); tests pin it. */
  now?: number;
  logDirectory?: string | null;
  indexPath?: string | null;
  /** How a reproduce command names the index, e.g. `['--dir', 'sample-logs']`. */
  indexArgs?: readonly string[];
  sources?: EvidenceSources;
}

/** Times we stamp (generated, marked, checked) to the second, like event times. */
function secondTime(epochMillis: number): string {
  return formatTime(Math.floor(epochMillis / 1000) * 1000) ?? '';
}

export const DEFAULT_TITLE = 'KMS key usage incident note';

function reportFinding(db: IndexDb, evidence: FindingEvidence, indexArgs: readonly string[]): ReportFinding {
  const { finding } = evidence;
  const reproduction = reproduceFinding(db, evidence);
  return {
    id: finding.id, kind: finding.kind, reference: finding.reference, note: finding.note,
    markedAt: secondTime(finding.createdAt), total: evidence.total, events: evidence.rows.map((row) => row.uid),
    problem: evidence.problem, hit: evidence.hit, chain: evidence.chain,
    reproduce: reproduction.filter === '' ? null : {
      command: shellCommand(['keytrail', 'query', ...indexArgs, '--limit', '0', reproduction.filter]),
      filter: reproduction.filter, exact: reproduction.exact,
    },
  };
}

function integrityOf(db: IndexDb): { byPath: Map<string, IntegrityStatus>; report: IncidentReport['integrity'] } {
  const stored = readIntegrity(db);
  const byPath = new Map(stored.map((entry) => [entry.path, entry.status]));
  if (stored.length === 0) return { byPath, report: null };
  const counts: Partial<Record<IntegrityStatus, number>> = {};
  for (const entry of stored) counts[entry.status] = (counts[entry.status] ?? 0) + 1;
  const checkedAt = stored.reduce((latest, entry) => Math.max(latest, entry.checkedAt), 0);
  return { byPath, report: { checkedAt: secondTime(checkedAt), counts } };
}

/** Gathers the incident note from the index: findings, their events, summary, evidence and integrity. */
export function buildIncidentReport(db: IndexDb, options: ReportOptions = {}): IncidentReport {
  const sources = options.sources ?? DEFAULT_SOURCES;
  const evidences = listFindings(db).map((finding) => loadEvidence(db, finding, sources));
  const merged = mergeEvidenceRows(evidences);
  const integrity = integrityOf(db);
  const times = merged.map((entry) => entry.row.time).filter((time) => time > 0);
  // merged is in time order: the window is its first and last timed event.
  return {
    title: options.title ?? DEFAULT_TITLE,
    generatedAt: secondTime(options.now ?? Date.now()),
    window: times.length > 0 ? { from: formatTime(times[0]!)!, to: formatTime(times[times.length - 1]!)! } : null,
    logDirectory: options.logDirectory ?? null,
    index: indexStats(db, options.indexPath ?? null),
    summary: summarize(merged.map((entry) => entry.row)),
    findings: evidences.map((evidence) => reportFinding(db, evidence, options.indexArgs ?? [])),
    timeline: merged.map((entry) => timelineEntry(entry.row, entry.findings, integrity.byPath)),
    integrity: integrity.report,
  };
}
