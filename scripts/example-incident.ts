/**
 * The sample-logs incident with the findings docs/example-incident.md is exported from:
 * shared by scripts/gen-example-incident.ts (which writes the doc) and the test that
 * holds the note to its size budget (test/core/export/example-incident.test.ts).
 */
import { join } from 'node:path';
import { listHits, loadDetectionConfig, runDetections } from '../src/core/detect/index.js';
import { markFinding } from '../src/core/findings/mark.js';
import { DEFAULT_SOURCES } from '../src/core/findings/sources.js';
import { moveFinding } from '../src/core/findings/store.js';
import type { FindingTarget } from '../src/core/findings/types.js';
import { ingestTree } from '../src/core/index/ingest-tree.js';
import { openIndex, type IndexDb } from '../src/core/index/open.js';
import { storeIntegrity, validateTree } from '../src/core/validate/index.js';

/** When the findings were marked and the note generated: fixed, so the doc is reproducible. */
export const EXAMPLE_MARKED_AT = Date.UTC(2026, 10, 22, 1, 19, 0);
export const EXAMPLE_GENERATED_AT = Date.UTC(2026, 10, 22, 1, 20, 0);
export const EXAMPLE_TITLE = 'Stolen deploy-bot access key used against KMS, 2026-11-21';

/** A hit by its rule and one of its events: hit ids are stable, but this says what is meant. */
type HitTarget = { rule: string; about: string };

const FINDINGS: Array<{ target: FindingTarget | HitTarget; note: string }> = [
  { target: { kind: 'event', reference: 'd340f4b8-96d3-4294-9784-8dec860c821a' }, note: 'First use of deploy-bot\'s access key from 203.0.113.66 (Kali Linux user agent): GetCallerIdentity, then IAM and KMS recon' },
  { target: { rule: 'decrypt-failure-burst', about: 'user/deploy-bot had 18 failed' }, note: 'deploy-bot tries alias/payments and fails 18 times in 4 minutes' },
  { target: { kind: 'filter', reference: 'principal:*deploy-bot* ip:203.0.113.66 event:GenerateDataKey' }, note: 'Data-key flood on alias/prod-data from the attacker\'s address' },
  { target: { rule: 'key-policy-change', about: 'account 999988887777' }, note: 'Key policy of alias/prod-data opened to account 999988887777' },
  { target: { rule: 'grant-external', about: 'role/exfil-runner' }, note: 'Grant on alias/prod-data to 999988887777\'s exfil-runner role' },
  { target: { rule: 'cross-account', about: 'exfil-session' }, note: '999988887777 decrypts with alias/prod-data through the grant' },
  { target: { rule: 'key-deletion', about: 'Key rotation disabled:' }, note: 'Rotation turned off on alias/prod-data' },
  { target: { rule: 'key-deletion', about: 'Key scheduled for deletion:' }, note: 'alias/payments scheduled for deletion: app-server payments fail until bob cancels it' },
  { target: { rule: 'kms-excluded-from-trail', about: 'does not record kms' }, note: 'Trail prod-audit stops recording KMS: later key use is only in the org trail and the exports' },
  { target: { kind: 'event', reference: '6d70bbaf-904d-462b-b7b5-d2bcb3687bf7' }, note: 'bob cancels the key deletion' },
  { target: { kind: 'chain', reference: '5a7ec6cb-cebe-4f13-89a4-fc0520c6054d' }, note: 'For contrast: an EBS volume decrypt traced to alice\'s RunInstances (benign)' },
];

/** The one hit of `rule` whose title or reason says `about`. */
function hitFor(db: IndexDb, target: HitTarget): FindingTarget {
  const hits = listHits(db, { rules: [target.rule] }).filter((hit) => `${hit.title}: ${hit.reason}`.includes(target.about));
  if (hits.length !== 1) throw new Error(`expected one ${target.rule} hit about "${target.about}", found ${hits.length}`);
  return { kind: 'hit', reference: hits[0]!.id };
}

/**
 * Indexes sample-logs into `dbPath`, validates it (no public keys: signatures stay
 * unverifiable), runs the detections with the example config and marks the findings.
 */
export async function buildExampleIndex(repoRoot: string, dbPath: string): Promise<IndexDb> {
  const logs = join(repoRoot, 'sample-logs');
  const db = openIndex(dbPath);
  await ingestTree(db, logs, { final: true });
  storeIntegrity(db, await validateTree(logs), EXAMPLE_MARKED_AT);
  runDetections(db, loadDetectionConfig(join(repoRoot, 'docs', 'keytrail.config.example.json')));
  const marked = FINDINGS.map(({ target, note }) => markFinding(db, 'rule' in target ? hitFor(db, target) : target, note, DEFAULT_SOURCES, EXAMPLE_MARKED_AT));
  // The responder moved the contrast case (placed first by its time) to the end.
  moveFinding(db, marked[marked.length - 1]!.id, null, EXAMPLE_MARKED_AT);
  return db;
}
