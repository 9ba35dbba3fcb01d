import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBenchTree, isInsideDirectory, type BenchManifest } from '../../src/gen/bench-tree.js';
import { readFileTree, type FileTree } from '../../src/gen/file-tree.js';
import type { CloudTrailEvent } from '../../src/gen/event-types.js';
import { missingRequiredFields, recordsOfTree } from './records.js';

const EVENTS = 5_000;
let root: string;
let manifest: BenchManifest;
let tree: FileTree;
let events: CloudTrailEvent[];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kt-bench-test-'));
  manifest = await generateBenchTree({ events: EVENTS, outDir: join(root, 'a'), seed: 1 });
  tree = readFileTree(join(root, 'a'));
  events = recordsOfTree(tree).flatMap((file) => file.records);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('bench tree', () => {
  it('writes exactly the requested number of events in ~550-event Records files', () => {
    expect(manifest.events).toBe(EVENTS);
    expect(events.length).toBe(EVENTS);
    expect(manifest.files).toBe(tree.size);
    expect(tree.size).toBeGreaterThanOrEqual(Math.floor(EVENTS / 600));
    expect(Math.max(...recordsOfTree(tree).map((file) => file.records.length))).toBeLessThanOrEqual(590);
    expect(new Set(events.map((event) => event.eventID)).size).toBe(EVENTS);
  });

  it('writes complete events: ~60% KMS, ~2% errors, every key form and identity type', () => {
    for (const event of events) expect(missingRequiredFields(event)).toEqual([]);
    const kmsShare = events.filter((event) => event.eventSource === 'kms.amazonaws.com').length / EVENTS;
    expect(kmsShare).toBeGreaterThan(0.5);
    expect(kmsShare).toBeLessThan(0.7);
    const errorShare = events.filter((event) => event.errorCode).length / EVENTS;
    expect(errorShare).toBeGreaterThan(0.01);
    expect(errorShare).toBeLessThan(0.04);
    expect(new Set(events.map((event) => event.userIdentity.type))).toEqual(new Set(['IAMUser', 'AssumedRole', 'AWSService', 'AWSAccount', 'Root']));
    const keyIds = events.map((event) => String(event.requestParameters?.keyId ?? ''));
    for (const pattern of [/^arn:aws:kms:.*:key\//, /^[0-9a-f]{8}-/, /^mrk-/, /^alias\//, /^arn:aws:kms:.*:alias\//]) expect(keyIds.some((keyId) => pattern.test(keyId))).toBe(true);
    expect(events.some((event) => event.eventName === 'RunInstances')).toBe(true);
    expect(events.some((event) => event.additionalEventData?.recipient)).toBe(true);
  });

  it('reports probe values that match the files', () => {
    const { hottestKey, instance, principalIp, encryptionContext } = manifest.probes;
    const onHotKey = events.filter((event) => event.resources?.some((resource) => resource.ARN === hottestKey.arn));
    expect(onHotKey.length).toBe(hottestKey.events);
    const decrypts = onHotKey.filter((event) => event.eventName === 'Decrypt');
    expect(decrypts.length).toBe(hottestKey.decryptEvents);
    expect(new Set(decrypts.map((event) => event.userIdentity.arn ?? event.userIdentity.principalId ?? event.userIdentity.invokedBy)).size).toBe(hottestKey.decryptPrincipals);
    expect(events.filter((event) => JSON.stringify(event).includes(instance.instanceId)).length).toBe(instance.events);
    const fromIp = events.filter((event) => event.userIdentity.arn === principalIp.principal && event.sourceIPAddress === principalIp.ip);
    expect(fromIp.length).toBe(principalIp.events);
    expect(fromIp.map((event) => event.eventTime).sort()[0]).toBe(principalIp.from);
    const [contextKey, contextValue] = encryptionContext.pair.split('=');
    const withContext = events.filter((event) => {
      const parameters = event.requestParameters ?? {};
      return [parameters.encryptionContext, parameters.sourceEncryptionContext].some((context) => (context as Record<string, string> | undefined)?.[contextKey!] === contextValue);
    });
    expect(withContext.length).toBe(encryptionContext.events);
    expect(hottestKey.events).toBeGreaterThan(100);
    expect(instance.events).toBeGreaterThan(10);
  });

  it('is byte-identical for the same seed and different for another', async () => {
    await generateBenchTree({ events: EVENTS, outDir: join(root, 'b'), seed: 1, workers: 0 });
    const again = readFileTree(join(root, 'b'));
    expect([...again.keys()].sort()).toEqual([...tree.keys()].sort());
    expect([...again].every(([path, bytes]) => tree.get(path)!.equals(bytes))).toBe(true);
    await generateBenchTree({ events: EVENTS, outDir: join(root, 'c'), seed: 2 });
    const other = readFileTree(join(root, 'c'));
    expect([...other.keys()].filter((path) => tree.has(path))).toEqual([]);
  });

  it('writes the same tree from worker threads as from one thread', async () => {
    const chunked = { events: 6_000, seed: 4, chunkEvents: 2_500 };
    const threaded = await generateBenchTree({ ...chunked, outDir: join(root, 'threads'), workers: 2 });
    const inline = await generateBenchTree({ ...chunked, outDir: join(root, 'inline'), workers: 0 });
    expect(threaded.workers).toBe(2);
    const fromThreads = readFileTree(join(root, 'threads'));
    const fromInline = readFileTree(join(root, 'inline'));
    expect([...fromThreads.keys()].sort()).toEqual([...fromInline.keys()].sort());
    expect([...fromThreads].every(([path, bytes]) => fromInline.get(path)!.equals(bytes))).toBe(true);
    expect(threaded.probes).toEqual(inline.probes);
    expect(recordsOfTree(fromThreads).reduce((total, file) => total + file.records.length, 0)).toBe(6_000);
  }, 60_000); // two threads each load tsx: slow on a busy machine

  it('refuses an output directory inside the repository', () => {
    expect(isInsideDirectory('/work/main', '/work/main/bench-out')).toBe(true);
    expect(isInsideDirectory('/work/main', '/work/main')).toBe(true);
    expect(isInsideDirectory('/work/main', '/tmp/kt-bench')).toBe(false);
    expect(isInsideDirectory('/work/main', '/work/main-other')).toBe(false);
  });
});
