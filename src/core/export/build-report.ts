import { RawEvents } from '../correlate/raw-events.js';
import { loadEvidence, type FindingEvidence } from '../findings/evidence.js';
import { DEFAULT_SOURCES, type EvidenceSources } from '../findings/sources.js';
import { listFindings } from '../findings/store.js';
import type { FindingKind } from '../findings/types.js';
import type { IndexDb } from '../index/open.js';
import type { EventRow } from '../query/event-rows.js';
import { objectField } from '../normalize/fields.js';
import { compileFilter } from '../query/filter-compile.js';
import { iterateEvents } from '../query/query-events.js';
import { readIntegrity } from '../validate/store.js';
import type { IntegrityStatus } from '../validate/types.js';
import { evidenceRecords, evidenceSummary, type EvidenceRecord } from './evidence-file.js';
import { reportFinding, secondTime } from './finding-report.js';
import { indexStats } from './index-stats.js';
import { timelineMoments } from './moments.js';
import { laterChanges, openAndClosed } from './open-items.js';
import type { IncidentReport } from './report.js';
import { attackScope, mergeFindingEvents, type AttackScope } from './scope.js';
import { summarize } from './summary.js';

export interface ReportOptions {
  title?: string;
  /** The generated-at time (epoch ms); tests pin it. */
  now?: number;
  /** The log folder as the responder gave it; reproduce commands name it with `--dir`. */
  logDirectory?: string | null;
  /** The evidence file's name as the note gives it; null when none is written. */
  evidenceFile?: string | null;
  sources?: EvidenceSources;
  /** How many events of one filter finding the evidence file takes; tests lower it. */
  filterEventsCap?: number;
}

/** The note, and the evidence file's records (every event of every finding). */
export interface IncidentExport {
  report: IncidentReport;
  evidence: EvidenceRecord[];
}

export const DEFAULT_TITLE = 'KMS key usage incident note';

/** A filter finding's evidence lists its first events; the evidence file takes all of them, up to this many (the newest). */
export const FILTER_EVENTS_CAP = 100_000;

function allRowsOf(db: IndexDb, evidence: FindingEvidence, cap: number): EventRow[] {
  if (evidence.finding.kind !== 'filter' || (evidence.rows.length >= evidence.total && evidence.rows.length <= cap)) return evidence.rows;
  const filter = compileFilter(db, evidence.finding.reference);
  if (filter.errors.length > 0) return evidence.rows;
  return [...iterateEvents(db, filter, cap)].reverse();
}

function integrityOf(db: IndexDb): { byPath: Map<string, IntegrityStatus> | null; report: IncidentReport['integrity'] } {
  const stored = readIntegrity(db);
  if (stored.length === 0) return { byPath: null, report: null };
  const counts: Partial<Record<IntegrityStatus, number>> = {};
  for (const entry of stored) counts[entry.status] = (counts[entry.status] ?? 0) + 1;
  const checkedAt = stored.reduce((latest, entry) => Math.max(latest, entry.checkedAt), 0);
  return { byPath: new Map(stored.map((entry) => [entry.path, entry.status])), report: { checkedAt: secondTime(checkedAt), counts } };
}

/** How many actors get their chain followed back to whoever is behind them. */
const ROOTS_FOLLOWED = 8;

/** Each actor's chain root, when the chain from their first call leads to someone else (a grant's creator, a role's assumer). */
function chainRoots(db: IndexDb, scope: AttackScope, sources: EvidenceSources): Map<string, string> {
  const roots = new Map<string, string>();
  for (const actor of [...scope.actors].slice(0, ROOTS_FOLLOWED)) {
    const first = scope.attack.find((event) => event.row.principal === actor);
    const root = first && sources.chainFor ? sources.chainFor(db, first.row.uid)?.root?.principal : null;
    if (root && root !== actor) roots.set(actor, root);
  }
  return roots;
}

/** Gathers the incident note from the index: the attack's scope, summary, moments, findings, what is still open, evidence. */
export function buildIncident(db: IndexDb, options: ReportOptions = {}): IncidentExport {
  const sources = options.sources ?? DEFAULT_SOURCES;
  const findings = listFindings(db).map((finding) => {
    const evidence = loadEvidence(db, finding, sources);
    return { evidence, rows: allRowsOf(db, evidence, options.filterEventsCap ?? FILTER_EVENTS_CAP) };
  });
  const partial = findings.filter(({ evidence, rows }) => rows.length < evidence.total)
    .map(({ evidence, rows }) => ({ finding: evidence.finding.id, inFile: rows.length, total: evidence.total }));
  const kinds = new Map<number, FindingKind>(findings.map(({ evidence }) => [evidence.finding.id, evidence.finding.kind]));
  const raws = new RawEvents(db);
  const scope = attackScope(mergeFindingEvents(findings), kinds, (row) => objectField(raws.get(row.seq).json.requestParameters));
  const integrity = integrityOf(db);
  const evidence = evidenceRecords(scope.events, integrity.byPath);
  const { summary, indicators } = summarize(db, scope.attack, chainRoots(db, scope, sources));
  const timeline = timelineMoments(scope.attack, scope.containment);
  const report: IncidentReport = {
    title: options.title ?? DEFAULT_TITLE,
    generatedAt: secondTime(options.now ?? Date.now()),
    window: scope.window,
    logDirectory: options.logDirectory ?? null,
    index: indexStats(db),
    summary, indicators, timeline,
    contextEvents: scope.events.length - scope.attack.length - scope.containment.length,
    findings: findings.map(({ evidence: found, rows }) => reportFinding(db, found, rows, options.logDirectory ?? null, options.evidenceFile ?? null)),
    ...openAndClosed(db, scope.attack, raws, laterChanges(db, scope)),
    evidence: evidenceSummary(evidence, options.evidenceFile ?? null, partial),
    integrity: integrity.report,
  };
  return { report, evidence };
}

/** The note's data alone (the JSON export, the workbench). */
export function buildIncidentReport(db: IndexDb, options: ReportOptions = {}): IncidentReport {
  return buildIncident(db, options).report;
}
