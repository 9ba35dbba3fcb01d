import { createHash } from 'node:crypto';
import { BUILD_ID } from '../build-id.js';
import { eventCount } from '../index/event-count.js';
import { buildDeferredIndexes, type IndexDb } from '../index/open.js';
import { RawBlockReader } from '../index/raw-store.js';
import { KeyNames } from '../query/key-names.js';
import { BusinessHours } from './business-hours.js';
import type { DetectionConfig } from './config.js';
import { updateFirstSeen } from './first-seen.js';
import { HitStore } from './hit-store.js';
import { callerCopySql, ownerCopySql } from './event-kinds.js';
import { computeLearningWindow, parseLearningWindow, type LearningWindow } from './learning.js';
import type { DetectionContext, DetectionRule } from './rule.js';
import { DETECTION_RULES } from './rules/index.js';
import { clearDetections, ensureDetectionSchema, hasDetectionTables } from './schema.js';
import { readDetectionState, writeDetectionState, type DetectionState } from './state.js';
import { withStatementCache } from './statement-cache.js';

export interface DetectionRunReport {
  /** Events this run looked at (those indexed since the last run). */
  newEvents: number;
  newFiles: number;
  /** Rules that ran; empty when nothing was new. */
  rulesRun: string[];
  /** Milliseconds per rule (and `baselines` for the first-seen update), for benchmarks. */
  ruleMillis: Record<string, number>;
  /** Hits written, extended or removed. */
  changedHits: number;
  totalHits: number;
  /** True when everything was looked at from the start (first run, config or keytrail build changed, index rewritten, a cross-account call counted under its key owner's copy whose caller's copy came since). */
  fullRun: boolean;
  /** Events left for the next run: this one stopped at `maxEvents`. */
  eventsLeft: number;
  learning: LearningWindow | null;
  millis: number;
}

const configHash = (config: DetectionConfig): string => createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);

/**
 * What the stored hits cover, for a reader that may not run the rules (another process writes the
 * index): how many of its events the rules have judged, and whether under this config.
 */
export function storedDetections(db: IndexDb, config: DetectionConfig): { judged: number; events: number; sameConfig: boolean; sameBuild: boolean } {
  const events = eventCount(db);
  if (!hasDetectionTables(db)) return { judged: 0, events, sameConfig: false, sameBuild: false };
  const state = readDetectionState(db);
  const notJudged = db.prepare('SELECT count(*) FROM event_rows WHERE seq > ?').pluck().get(state.lastSeq) as number;
  return { judged: Math.max(0, events - notJudged), events, sameConfig: state.configHash === configHash(config), sameBuild: state.rulesBuild === BUILD_ID };
}

function uidAt(db: IndexDb, seq: number): string | null {
  return (db.prepare('SELECT uid FROM events WHERE seq = ?').pluck().get(seq) as string | undefined) ?? null;
}

/**
 * A changed config, another keytrail build (its rules may judge or word hits otherwise: an upgrade), an
 * index whose events were rewritten under us, or a hit on a key owner's copy whose caller's copy came
 * since (ownerCopiesSuperseded) means starting over.
 */
function startingPoint(db: IndexDb, hash: string): { state: DetectionState; fresh: boolean } {
  const state = readDetectionState(db);
  const rewritten = state.lastSeq > 0 && uidAt(db, state.lastSeq) !== state.lastUid;
  const same = state.configHash === hash && state.rulesBuild === BUILD_ID && !rewritten && state.lastSeq + state.lastFileId > 0;
  if (same && !ownerCopiesSuperseded(db, state)) return { state, fresh: false };
  clearDetections(db);
  return { state: { lastSeq: 0, lastUid: null, lastFileId: 0, baselinesThrough: 0, configHash: hash, rulesBuild: BUILD_ID, learning: null }, fresh: true };
}

function runRules(context: DetectionContext, rules: readonly DetectionRule[], millis: Record<string, number>): string[] {
  const timed = (name: string, work: () => void): void => {
    const started = performance.now();
    work();
    millis[name] = Math.round(performance.now() - started);
  };
  timed('baselines', () => updateFirstSeen(context));
  const ran: string[] = [];
  for (const rule of rules) {
    if (context.config.disabledRules.includes(rule.id)) continue;
    timed(rule.id, () => rule.run(context));
    ran.push(rule.id);
  }
  return ran;
}

export interface DetectionRunOptions {
  /**
   * Looks at no more than this many new events (by seq); the next run goes on from there. Each run is
   * what an incremental run after that much indexing would be, so a long first pass can be cut in steps.
   */
  maxEvents?: number;
}

/**
 * A hit backed by a key owner's copy of a cross-account call that the rules judged alone, whose caller's
 * copy was indexed since (its account's trail delivered later): the call was counted under the owner's
 * name and now counts under the caller's (event-kinds.ts). Copies indexed before the last run began were
 * read together. A copy that backs no hit changes none: what the rules learned from it (first-seen
 * times, per-minute counts under the owner's name) stays until the next full run.
 */
function ownerCopiesSuperseded(db: IndexDb, state: DetectionState): boolean {
  return db.prepare(`SELECT EXISTS (SELECT 1 FROM event_rows n JOIN event_rows o ON o.shared_event_id = n.shared_event_id
      WHERE n.seq > ? AND n.shared_event_id IS NOT NULL AND ${callerCopySql('n')}
        AND o.seq <= ? AND ${ownerCopySql('o')}
        AND EXISTS (SELECT 1 FROM detection_hit_events h WHERE h.seq = o.seq))`).pluck().get(state.baselinesThrough, state.lastSeq) === 1;
}

/**
 * Runs the detections over what was indexed since the last run (the first run looks at
 * everything, or its first `maxEvents`), in one transaction with the state that says where it stopped.
 */
export function runDetections(db: IndexDb, config: DetectionConfig, rules: readonly DetectionRule[] = DETECTION_RULES,
  options: DetectionRunOptions = {}): DetectionRunReport {
  const started = performance.now();
  ensureDetectionSchema(db);
  // Rules read the copies of a call by its sharedEventID: an index made before that index existed gets it now.
  buildDeferredIndexes(db);
  return db.transaction((): DetectionRunReport => {
    const hash = configHash(config);
    const { state, fresh } = startingPoint(db, hash);
    const lastSeq = (db.prepare('SELECT max(seq) FROM events').pluck().get() as number | null) ?? 0;
    const toSeq = options.maxEvents === undefined ? lastSeq : Math.min(lastSeq, state.lastSeq + Math.max(1, options.maxEvents));
    // Files are judged in the step that takes the last events: a delivery gap's evidence (other copies, tampering hits) is all in by then.
    const lastFileId = (db.prepare('SELECT max(id) FROM files').pluck().get() as number | null) ?? 0;
    const toFileId = toSeq < lastSeq ? state.lastFileId : lastFileId;
    const hits = new HitStore(db);
    const learning = state.learning ?? computeLearningWindow(db, parseLearningWindow(config.learningWindow) ?? { kind: 'share', share: 0.25 });
    const ruleMillis: Record<string, number> = {};
    const report = (rulesRun: string[]): DetectionRunReport => ({
      newEvents: Math.max(0, toSeq - state.lastSeq), newFiles: Math.max(0, toFileId - state.lastFileId), rulesRun, ruleMillis,
      changedHits: hits.changes, totalHits: db.prepare('SELECT count(*) FROM detection_hits').pluck().get() as number,
      fullRun: fresh, eventsLeft: lastSeq - toSeq, learning, millis: Math.round(performance.now() - started),
    });
    // No learning window (no event has a time): nothing to judge, and no step would get further.
    if (!learning) return { ...report([]), eventsLeft: 0 };
    if (toSeq === state.lastSeq && toFileId === state.lastFileId) return report([]);
    const cached = withStatementCache(db);
    const context: DetectionContext = {
      db: cached, config, fromSeq: state.lastSeq, toSeq, fromFileId: state.lastFileId, toFileId, fresh, learning, hits,
      keys: new KeyNames(cached), businessHours: new BusinessHours(config), raw: new RawBlockReader(cached),
    };
    // A run that stops short first learns the first-seen times of the events it leaves for later: whether a
    // pair is "new" must be judged against every event indexed, as one whole pass would judge it.
    const baselinesThrough = Math.max(state.baselinesThrough, toSeq);
    if (baselinesThrough < lastSeq) updateFirstSeen({ ...context, fromSeq: baselinesThrough, toSeq: lastSeq });
    const rulesRun = runRules(context, rules, ruleMillis);
    writeDetectionState(db, { lastSeq: toSeq, lastUid: uidAt(db, toSeq), lastFileId: toFileId, baselinesThrough: lastSeq, configHash: hash, rulesBuild: BUILD_ID, learning });
    return report(rulesRun);
  })();
}
