import type { IndexDb } from '../index/open.js';
import { findEventSeq } from '../query/event-detail.js';
import { loadEventRows } from '../query/event-rows.js';
import { compileFilterOrThrow } from '../query/filter-compile.js';
import { evidenceStart, loadEvidence } from './evidence.js';
import { pinRelativeTimes } from './pin-times.js';
import type { EvidenceSources } from './sources.js';
import { addFinding } from './store.js';
import type { Finding, FindingTarget } from './types.js';

/** The target does not exist in this index (unknown event, hit, or an empty filter). */
export class FindingTargetError extends Error {}

function eventUid(db: IndexDb, id: string): string {
  const seq = findEventSeq(db, id);
  const row = seq === null ? undefined : loadEventRows(db, [seq])[0];
  if (!row) throw new FindingTargetError(`no event "${id}" in this index`);
  return row.uid;
}

/** The reference as stored: an event's canonical uid, a filter with its ages pinned. */
function canonicalReference(db: IndexDb, target: FindingTarget, now: number): string {
  switch (target.kind) {
    case 'event':
    case 'chain':
      return eventUid(db, target.reference);
    case 'filter':
      compileFilterOrThrow(db, target.reference, { now });
      return pinRelativeTimes(target.reference, now);
    case 'hit':
      return target.reference;
  }
}

/**
 * Marks evidence as a finding with the responder's note. Checks that the target
 * exists now (a typo in an id is caught here, not in the exported note) and places
 * the finding by the time of its first event.
 */
export function markFinding(db: IndexDb, target: FindingTarget, note: string, sources: EvidenceSources, now = Date.now()): Finding {
  const reference = canonicalReference(db, target, now);
  const draft: Finding = { id: 0, kind: target.kind, reference, note, position: 0, evidenceTime: null, createdAt: now, updatedAt: now };
  const evidence = loadEvidence(db, draft, sources);
  if (target.kind === 'hit' && sources.getHit && !evidence.hit) {
    // Never a hit here (a rule name, a typo): "no longer fires" is for a finding whose hit went away.
    throw new FindingTargetError(`no detection hit "${target.reference}" in this index: \`keytrail detect\` lists the hits with their ids (rule:hash)`);
  }
  if (evidence.problem && evidence.rows.length === 0) throw new FindingTargetError(`cannot mark ${target.kind} "${target.reference}": ${evidence.problem}`);
  return addFinding(db, { kind: target.kind, reference, note, evidenceTime: evidenceStart(evidence) }, now);
}
