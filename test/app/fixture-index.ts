import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkbenchData } from '../../src/app/data/workbench-data.js';
import { createWorkbenchStore } from '../../src/app/create-store.js';
import { patch } from '../../src/app/store.js';
import { Workbench } from '../../src/app/workbench.js';
import { ingestTree } from '../../src/core/index/ingest-tree.js';
import { openIndex, type IndexDb } from '../../src/core/index/open.js';

export const BASE_TIME = Date.parse('2026-11-21T03:00:00Z');
export const PROD_KEY = 'arn:aws:kms:us-east-1:111122223333:key/083f9483-f71a-4b7c-b7c7-637de1605c75';
export const PAYMENTS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/300f7a06-e0e2-4fd3-80a3-e7eff13ac833';
export const ALICE = 'arn:aws:iam::111122223333:user/alice';
export const BOT = 'arn:aws:iam::111122223333:user/deploy-bot';
/** An OSC title change and a clear-screen: must reach the screen as inert text only. */
export const HOSTILE = '\u001b]0;PWNED\u0007\u001b[2J\u001b[3J';

export interface EventSpec {
  at: number;
  name?: string;
  principal?: string;
  key?: string;
  ip?: string;
  error?: string;
  userAgent?: string;
  context?: Record<string, string>;
  id?: string;
}

let counter = 0;

/** A KMS CloudTrail event as delivered, with just the fields the specs name. */
export function kmsEvent(spec: EventSpec): Record<string, unknown> {
  counter++;
  const principal = spec.principal ?? ALICE;
  const key = spec.key ?? PROD_KEY;
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: principal, accountId: '111122223333', accessKeyId: 'AKIAEXAMPLE0000001' },
    eventTime: new Date(spec.at).toISOString().replace('.000Z', 'Z'),
    eventSource: 'kms.amazonaws.com',
    eventName: spec.name ?? 'Decrypt',
    awsRegion: 'us-east-1',
    sourceIPAddress: spec.ip ?? '192.0.2.10',
    userAgent: spec.userAgent ?? 'aws-cli/2.15.0',
    ...(spec.error ? { errorCode: spec.error, errorMessage: 'denied' } : {}),
    requestParameters: { keyId: key, ...(spec.context ? { encryptionContext: spec.context } : {}) },
    responseElements: null,
    requestID: `req-${counter}`,
    eventID: spec.id ?? `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    readOnly: true,
    resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: key }],
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333',
  };
}

/** `count` events ten seconds apart: alternating principals, every fifth an error, every seventh on the payments key. */
export function eventSeries(count: number, start = BASE_TIME): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, index) => kmsEvent({
    at: start + index * 10_000,
    name: index % 3 === 0 ? 'GenerateDataKey' : 'Decrypt',
    principal: index % 2 === 0 ? ALICE : BOT,
    key: index % 7 === 0 ? PAYMENTS_KEY : PROD_KEY,
    ip: index % 2 === 0 ? '192.0.2.10' : '203.0.113.66',
    error: index % 5 === 4 ? 'AccessDeniedException' : undefined,
    context: index % 4 === 0 ? { customerId: `cust-${index}` } : undefined,
  }));
}

export interface FixtureIndex {
  dir: string;
  logs: string;
  dbPath: string;
  writer: IndexDb;
  /** Writes events as one JSON Lines file and indexes it. */
  add(file: string, events: Array<Record<string, unknown>>): Promise<void>;
  cleanup(): void;
}

export async function fixtureIndex(events: Array<Record<string, unknown>>): Promise<FixtureIndex> {
  const dir = mkdtempSync(join(tmpdir(), 'keytrail-ui-'));
  const logs = join(dir, 'logs');
  const dbPath = join(dir, 'index.db');
  const writer = openIndex(dbPath);
  const fixture: FixtureIndex = {
    dir, logs, dbPath, writer,
    async add(file, more) {
      writeFileSync(join(logs, file), `${more.map((event) => JSON.stringify(event)).join('\n')}\n`);
      await ingestTree(writer, logs, { final: true });
    },
    cleanup() {
      writer.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  mkdirSync(logs);
  await fixture.add('first.jsonl', events);
  return fixture;
}

/** A workbench over the fixture's index, read-only like the real one, connected and showing all events. */
export function fixtureWorkbench(fixture: FixtureIndex, size = { columns: 100, rows: 24 }): Workbench {
  const store = createWorkbenchStore({ dir: fixture.logs, dbPath: fixture.dbPath, ...size });
  const workbench = new Workbench({
    store,
    openData: () => createWorkbenchData(openIndex(fixture.dbPath, { readonly: true })),
    refreshMs: 0,
    aggregatesMs: 0,
  });
  // No indexer runs here: the index is as complete as it will get.
  patch(store, 'status', { initialScanDone: true });
  workbench.connect();
  return workbench;
}
