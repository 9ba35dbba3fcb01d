import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildSampleLogs, SAMPLE_LOGS_SEED, type SampleLogs } from '../../src/gen/story/sample-logs.js';
import { buildStoryWorld } from '../../src/gen/story/world.js';
import { readFileTree, type FileTree } from '../../src/gen/file-tree.js';
import type { CloudTrailEvent } from '../../src/gen/event-types.js';
import { missingRequiredFields, parseRecordsFile, recordsOfTree } from './records.js';

const REPO_ROOT = join(import.meta.dirname, '../..');
const SAMPLE_DIR = join(REPO_ROOT, 'sample-logs');

let generated: SampleLogs;
let onDisk: FileTree;
let treeEvents: { path: string; records: CloudTrailEvent[] }[];
let byId: Map<string, CloudTrailEvent>;

let fromScript: FileTree;
let scratch: string;

beforeAll(() => {
  generated = buildSampleLogs();
  onDisk = readFileTree(SAMPLE_DIR);
  // Run the real script into a temp dir, as `npm run sample-logs` would.
  scratch = mkdtempSync(join(tmpdir(), 'kt-sample-logs-'));
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen-sample-logs.ts', '--out', scratch], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`gen-sample-logs failed: ${run.stderr}`);
  fromScript = readFileTree(scratch);
  treeEvents = recordsOfTree(onDisk);
  byId = new Map(treeEvents.flatMap(({ records }) => records.map((event) => [event.eventID, event] as const)));
});

const jsonlEvents = (): CloudTrailEvent[] =>
  onDisk.get('exports/cloudwatch-kms.jsonl')!.toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as CloudTrailEvent);
const lookupEvents = (): CloudTrailEvent[] =>
  (JSON.parse(onDisk.get('exports/lookup-events.json')!.toString('utf8')) as { Events: { CloudTrailEvent: string }[] }).Events.map((entry) => JSON.parse(entry.CloudTrailEvent) as CloudTrailEvent);

/** Every eventID under an `eventIds` object anywhere in STORY.json. */
function storyEventIds(node: unknown, inside = false): string[] {
  if (typeof node === 'string') return inside ? [node] : [];
  if (Array.isArray(node)) return node.flatMap((item) => storyEventIds(item, inside));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([key, value]) => storyEventIds(value, inside || key === 'eventIds'));
  return [];
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('sample-logs/', () => {
  it('is exactly what scripts/gen-sample-logs.ts generates (regenerate with npm run sample-logs)', () => {
    expect([...onDisk.keys()].sort()).toEqual([...fromScript.keys()].sort());
    // .gz files are compared by content: node's deflate output may differ on another CPU family.
    const content = (path: string, bytes: Buffer): Buffer => (path.endsWith('.gz') ? gunzipSync(bytes) : bytes);
    const differing = [...fromScript].filter(([path, bytes]) => !content(path, onDisk.get(path)!).equals(content(path, bytes))).map(([path]) => path);
    expect(differing).toEqual([]);
    // On one machine the script and the library produce the very same bytes.
    expect([...fromScript].every(([path, bytes]) => generated.tree.get(path)?.equals(bytes))).toBe(true);
  });

  it('is deterministic per seed (the script run above matched) and differs for another seed', () => {
    const other = buildStoryWorld(SAMPLE_LOGS_SEED + 1);
    expect(other.recon.eventIds.decryptFailureBurst).not.toEqual(generated.manifest.incident.eventIds.decryptFailureBurst);
    expect(other.cast.keys.payments.arn).not.toBe(generated.manifest.keys[0]!.arn);
  });

  it('stays small: 5,000-15,000 events, a few MB', () => {
    const bytes = [...onDisk.values()].reduce((total, file) => total + file.length, 0);
    expect(bytes).toBeLessThan(6_000_000);
    const files = generated.manifest.files;
    expect(files.s3Records.records + files.cloudWatchJsonl.lines + files.lookupEvents.events).toBeGreaterThan(5_000);
    expect(files.s3Records.records + files.cloudWatchJsonl.lines + files.lookupEvents.events).toBeLessThan(15_000);
  });

  it('has Records files that gunzip, parse, end without a newline and hold complete events', () => {
    for (const [path, bytes] of onDisk) {
      if (!path.endsWith('.json.gz')) continue;
      expect(path).toMatch(/^AWSLogs\/(o-[a-z0-9]{10}\/)?\d{12}\/CloudTrail\/[a-z]{2}-[a-z]+-\d\/\d{4}\/\d\d\/\d\d\/\d{12}_CloudTrail_[a-z]{2}-[a-z]+-\d_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/);
      const { text, records } = parseRecordsFile(bytes);
      expect(text.endsWith(']}')).toBe(true);
      expect(records.length).toBeGreaterThan(0);
      for (const event of records) expect(missingRequiredFields(event), `${path} ${event.eventID}`).toEqual([]);
    }
  });

  it('repeats an eventID only for the same event delivered by two trails', () => {
    const seen = new Map<string, string>();
    for (const { records } of treeEvents) {
      for (const event of records) {
        const json = JSON.stringify(event);
        expect(seen.get(event.eventID) ?? json).toBe(json);
        seen.set(event.eventID, json);
      }
    }
    expect(seen.size).toBe(generated.manifest.files.s3Records.uniqueEventIds);
  });

  it('has exports that parse and partly duplicate the S3 tree', () => {
    const jsonl = jsonlEvents();
    expect(jsonl.length).toBe(generated.manifest.files.cloudWatchJsonl.lines);
    expect(jsonl.every((event) => event.eventSource === 'kms.amazonaws.com')).toBe(true);
    const alsoInTree = jsonl.filter((event) => byId.has(event.eventID)).length;
    expect(alsoInTree).toBeGreaterThan(0);
    expect(alsoInTree).toBeLessThan(jsonl.length);
    const lookup = lookupEvents();
    expect(lookup.length).toBe(generated.manifest.files.lookupEvents.events);
    expect(lookup.every((event) => event.userIdentity.userName === 'deploy-bot')).toBe(true);
  });

  it('lists only eventIDs in STORY.json that exist in the directory', () => {
    const everywhere = new Set([...byId.keys(), ...jsonlEvents().map((event) => event.eventID), ...lookupEvents().map((event) => event.eventID)]);
    const story = JSON.parse(onDisk.get('STORY.json')!.toString('utf8'));
    const ids = storyEventIds(story);
    expect(ids.length).toBeGreaterThan(400);
    expect(ids.filter((id) => !everywhere.has(id))).toEqual([]);
  });

  it('says in README.md as many 02:19 Decrypts with the seed customer as the logs hold', () => {
    const story = JSON.parse(onDisk.get('STORY.json')!.toString('utf8'));
    const customer = story.encryptionContextCase.context.customerId as string;
    const decrypts = (story.incident.eventIds.contextDecrypts as string[]).map((id) => byId.get(id)!);
    const withCustomer = decrypts.filter((event) => (event.requestParameters?.encryptionContext as Record<string, unknown>).customerId === customer);
    const readme = onDisk.get('README.md')!.toString('utf8');
    expect(readme).toContain(`: ${withCustomer.length} with customerId=${customer}, ${decrypts.length - withCustomer.length} with another customer`);
  });
});
