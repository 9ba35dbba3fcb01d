import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDetectionConfig } from '../../../src/core/detect/config-file.js';
import { runDetections } from '../../../src/core/detect/engine.js';
import { listHits } from '../../../src/core/detect/hits-read.js';
import { SEVERITY_RANK, type DetectionHit } from '../../../src/core/detect/types.js';
import { ingestTree } from '../../../src/core/index/ingest-tree.js';
import { openIndex, type IndexDb } from '../../../src/core/index/open.js';

const SAMPLE = join(import.meta.dirname, '../../../sample-logs');
const story = JSON.parse(readFileSync(join(SAMPLE, 'STORY.json'), 'utf8')) as {
  incident: { eventIds: Record<string, string[]>; deliveryGap: { account: string; region: string; from: string; to: string } };
  fallout: { eventIds: Record<string, string[]> };
  enclave: { eventIds: { unknownImageDigest: string[] } };
};

let root: string;
let db: IndexDb;
let hits: DetectionHit[];

const eventIdOf = (uid: string): string => uid.split('~')[0]!;
const idsOf = (hit: DetectionHit): Set<string> => new Set(hit.eventIDs.map(eventIdOf));
const incidentIds = new Set([...Object.values(story.incident.eventIds).flat(), ...story.enclave.eventIds.unknownImageDigest]);
const incidentRelated = new Set([...incidentIds, ...Object.values(story.fallout.eventIds).flat()]);

function hitsCovering(ids: string[], rule: string): DetectionHit[] {
  return hits.filter((hit) => hit.rule === rule && ids.every((id) => idsOf(hit).has(id)));
}

const config = () => loadDetectionConfig(join(import.meta.dirname, '../../../docs/keytrail.config.example.json'));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kt-detect-sample-'));
  db = openIndex(join(root, 'index.db'));
  await ingestTree(db, SAMPLE, { final: true });
  // Kept before any detection ran: the stepped pass below starts from the same index.
  db.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(join(root, 'index.db'), join(root, 'stepped.db'));
  runDetections(db, config());
  hits = listHits(db);
}, 60_000);

afterAll(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

describe('detections on sample-logs (STORY.json)', () => {
  it('covers every event of the incident with at least one hit', () => {
    const covered = new Set(hits.flatMap((hit) => [...idsOf(hit)]));
    expect([...incidentIds].filter((id) => !covered.has(id))).toEqual([]);
  });

  it('raises nothing above low for the benign background', () => {
    const background = hits.filter((hit) => ![...idsOf(hit)].some((id) => incidentRelated.has(id)));
    expect(background.length).toBeGreaterThan(0);
    expect(background.filter((hit) => SEVERITY_RANK[hit.severity] > SEVERITY_RANK.low).map((hit) => `${hit.rule}: ${hit.reason}`)).toEqual([]);
  });

  it('names each planted behaviour with the rule meant for it, at high severity or above', () => {
    const planted: Array<[string, string]> = [
      ['decryptFailureBurst', 'decrypt-failure-burst'], ['dataKeyFlood', 'data-key-volume'], ['policyChange', 'key-policy-change'],
      ['externalGrant', 'grant-external'], ['crossAccountDecrypt', 'cross-account'], ['keyDeletionScheduled', 'key-deletion'],
      ['trailTampering', 'kms-excluded-from-trail'], ['callerIdentity', 'new-source-ip'],
    ];
    for (const [behaviour, rule] of planted) {
      const found = hitsCovering(story.incident.eventIds[behaviour]!, rule);
      expect(found.map((hit) => SEVERITY_RANK[hit.severity]), `${behaviour} -> ${rule}`).toContainEqual(expect.any(Number));
      expect(Math.max(...found.map((hit) => SEVERITY_RANK[hit.severity])), behaviour).toBeGreaterThanOrEqual(SEVERITY_RANK.high);
    }
    expect(hitsCovering(story.incident.eventIds.rotationDisabled!, 'key-deletion')[0]?.severity).toBe('medium');
    expect(hitsCovering(story.enclave.eventIds.unknownImageDigest, 'enclave-image')[0]?.severity).toBe('high');
    expect(hits.find((hit) => hit.rule === 'new-source-ip' && hit.ip === '203.0.113.66' && hit.principal?.endsWith(':user/deploy-bot'))?.severity).toBe('high');
  });

  it('ends with the same hits, events and reasons when the first pass is cut into steps (as the indexer runs it)', () => {
    const stepped = openIndex(join(root, 'stepped.db'));
    try {
      const steps: number[] = [];
      for (let left = 1; left > 0 && steps.length < 100;) {
        const report = runDetections(stepped, config(), undefined, { maxEvents: 500 });
        steps.push(report.newEvents);
        left = report.eventsLeft;
      }
      expect(steps.length).toBeGreaterThan(10);
      expect(Math.max(...steps)).toBeLessThanOrEqual(500);
      expect(listHits(stepped)).toEqual(hits);
    } finally {
      stepped.close();
    }
  });

  it('finds the delivery gap of the prod trail in us-west-2', () => {
    const { account, region, from, to } = story.incident.deliveryGap;
    const gap = hits.find((hit) => hit.rule === 'delivery-gap' && hit.reason.includes(`${account} ${region}`));
    expect(gap).toBeDefined();
    expect(Date.parse(gap!.first)).toBeLessThanOrEqual(Date.parse(from));
    expect(Date.parse(gap!.last)).toBeGreaterThanOrEqual(Date.parse(to));
    expect(story.incident.eventIds.duringDeliveryGap!.every((id) => idsOf(gap!).has(id))).toBe(true);
  });
});
