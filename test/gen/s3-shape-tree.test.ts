import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileTree } from '../../src/gen/file-tree.js';
import { generateS3ShapeTree, type S3ShapeManifest } from '../../src/gen/s3-shape-tree.js';
import { COMMERCIAL_REGIONS } from '../../src/gen/s3-shape-traffic.js';
import { BENCH_ACCOUNTS, BENCH_REGIONS } from '../../src/gen/bench-world.js';
import type { CloudTrailEvent } from '../../src/gen/event-types.js';
import { missingRequiredFields, recordsOfTree } from './records.js';

const FILES = 300;
/** `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_YYYYMMDDTHHmmZ_<16 random>.json.gz` */
const S3_PATH = /^AWSLogs\/(\d{12})\/CloudTrail\/([a-z]{2}-[a-z]+-\d)\/(\d{4})\/(\d\d)\/(\d\d)\/\1_CloudTrail_\2_\3\4\5T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/;

type Delivery = { path: string; account: string; region: string; records: CloudTrailEvent[] };

let root: string;
let manifest: S3ShapeManifest;
let deliveries: Delivery[];

function readDeliveries(dir: string): Delivery[] {
  return recordsOfTree(readFileTree(dir)).map(({ path, records }) => {
    const match = S3_PATH.exec(path);
    if (!match) throw new Error(`not an S3 delivery path: ${path}`);
    return { path, account: match[1]!, region: match[2]!, records };
  });
}

/** Path -> the file's records, as JSON text: what a reader gets, whatever gzip's bytes. */
const contentOf = (dir: string): Map<string, string> => new Map(readDeliveries(dir).map((file) => [file.path, JSON.stringify(file.records)]));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kt-s3-shape-test-'));
  manifest = await generateS3ShapeTree({ files: FILES, seed: 7, outDir: join(root, 'a') });
  deliveries = readDeliveries(join(root, 'a'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the s3-shape bench tree', () => {
  it('writes whole 5-minute rounds: one delivery per account and region, at least the files asked for', () => {
    const streams = BENCH_ACCOUNTS.length * COMMERCIAL_REGIONS.length;
    expect(manifest.files).toBe(Math.ceil(FILES / streams) * streams);
    expect(deliveries.length).toBe(manifest.files);
    expect(COMMERCIAL_REGIONS).toHaveLength(17);
    expect(new Set(deliveries.map((file) => file.region))).toEqual(new Set(COMMERCIAL_REGIONS));
    expect(new Set(deliveries.map((file) => file.account))).toEqual(new Set(BENCH_ACCOUNTS));
    const perStream = new Map<string, number>();
    for (const file of deliveries) perStream.set(`${file.account}/${file.region}`, (perStream.get(`${file.account}/${file.region}`) ?? 0) + 1);
    expect(new Set(perStream.values())).toEqual(new Set([manifest.files / streams]));
  });

  it('puts each event in the delivery of its own account and region, complete and once', () => {
    const events = deliveries.flatMap((file) => file.records);
    expect(events.length).toBe(manifest.events);
    expect(new Set(events.map((event) => event.eventID)).size).toBe(events.length);
    for (const file of deliveries) {
      for (const event of file.records) {
        expect(missingRequiredFields(event)).toEqual([]);
        expect([event.recipientAccountId, event.awsRegion]).toEqual([file.account, file.region]);
      }
    }
  });

  it('is mostly small files: quiet regions hold 0-10 events, a few busy regions hundreds', () => {
    const busy = new Set<string>(BENCH_REGIONS);
    const quietSizes = deliveries.filter((file) => !busy.has(file.region)).map((file) => file.records.length);
    const busySizes = deliveries.filter((file) => busy.has(file.region)).map((file) => file.records.length);
    expect(Math.max(...quietSizes)).toBeLessThanOrEqual(10);
    expect(quietSizes.filter((size) => size === 0).length).toBeGreaterThan(0);
    expect(quietSizes.filter((size) => size === 0).length / quietSizes.length).toBeLessThan(0.15);
    const small = deliveries.filter((file) => file.records.length <= 10).length;
    expect(small / deliveries.length).toBeGreaterThan(0.8);
    expect(busySizes.filter((size) => size >= 100).length).toBeGreaterThan(0);
    expect(Math.max(...busySizes)).toBeLessThan(1000);
    // The manifest's histogram is what the files hold.
    expect(manifest.eventsPerFile.quiet.largest).toBe(Math.max(...quietSizes));
    expect(manifest.eventsPerFile.busy.hundredsOrMore).toBe(busySizes.filter((size) => size >= 100).length);
    expect(manifest.eventsPerFile.quiet.empty).toBe(quietSizes.filter((size) => size === 0).length);
  });

  it('counts the probe values the benchmark asks about as the files hold them', () => {
    const events = deliveries.flatMap((file) => file.records);
    const { hottestKey, principalIp } = manifest.probes;
    expect(events.filter((event) => event.resources?.some((resource) => resource.ARN === hottestKey.arn)).length).toBe(hottestKey.events);
    expect(events.filter((event) => event.userIdentity.arn === principalIp.principal && event.sourceIPAddress === principalIp.ip).length).toBe(principalIp.events);
  });

  it('writes the same files for the same seed and other files for another', async () => {
    await generateS3ShapeTree({ files: FILES, seed: 7, outDir: join(root, 'again') });
    await generateS3ShapeTree({ files: FILES, seed: 8, outDir: join(root, 'other') });
    const first = contentOf(join(root, 'a'));
    expect(contentOf(join(root, 'again'))).toEqual(first);
    const other = contentOf(join(root, 'other'));
    expect(other.size).toBe(first.size);
    expect([...other.keys()].filter((path) => first.has(path))).toEqual([]);
  });
});
