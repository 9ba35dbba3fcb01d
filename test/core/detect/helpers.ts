import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ingestTree } from '../../../src/core/index/ingest-tree.js';
import { openIndex, type IndexDb } from '../../../src/core/index/open.js';
import { defaultDetectionConfig, type DetectionConfig } from '../../../src/core/detect/config.js';
import { listHits } from '../../../src/core/detect/hits-read.js';
import type { DetectionHit } from '../../../src/core/detect/types.js';

/** Crafted CloudTrail events for the detection tests: only the fields the rules read. */
export const PROD = '111122223333';
export const OTHER = '999988887777';
export const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const KEY_ARN = `arn:aws:kms:us-east-1:${PROD}:key/${KEY_ID}`;
export const OTHER_KEY_ID = '0987dcba-09ab-87cd-65ef-0987654321ba';
export const OTHER_KEY_ARN = `arn:aws:kms:us-east-1:${PROD}:key/${OTHER_KEY_ID}`;

export type Identity = Record<string, unknown>;

export const user = (name: string, account = PROD): Identity => ({
  type: 'IAMUser', principalId: `AIDA${name.toUpperCase()}`, arn: `arn:aws:iam::${account}:user/${name}`, accountId: account, userName: name,
});

export const roleSession = (role: string, session: string, account = PROD): Identity => ({
  type: 'AssumedRole', principalId: `AROA${role.toUpperCase()}:${session}`, arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`, accountId: account,
  sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${account}:role/${role}`, accountId: account, userName: role } },
});

/** An AWS service calling on a role's behalf (invokedBy): folded, never the role's own habit. */
export const viaService = (identity: Identity, service: string): Identity => ({ ...identity, invokedBy: service });

export interface EventSpec {
  name: string;
  time: string | number;
  identity?: Identity;
  ip?: string;
  keyArn?: string | null;
  error?: string;
  request?: Record<string, unknown>;
  response?: Record<string, unknown>;
  additional?: Record<string, unknown>;
  source?: string;
  region?: string;
  account?: string;
  userAgent?: string;
}

let counter = 0;

export function event(spec: EventSpec): Record<string, unknown> {
  counter++;
  const keyArn = spec.keyArn === undefined ? KEY_ARN : spec.keyArn;
  const time = typeof spec.time === 'number' ? new Date(spec.time).toISOString().replace('.000Z', 'Z') : spec.time;
  return {
    eventVersion: '1.08', eventID: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`, eventTime: time,
    eventSource: spec.source ?? 'kms.amazonaws.com', eventName: spec.name, awsRegion: spec.region ?? 'us-east-1',
    sourceIPAddress: spec.ip ?? '198.51.100.10', userAgent: spec.userAgent ?? 'aws-cli/2.15.0',
    userIdentity: spec.identity ?? user('alice'), recipientAccountId: spec.account ?? PROD,
    requestParameters: { ...(keyArn ? { keyId: keyArn } : {}), ...spec.request }, responseElements: spec.response ?? null,
    ...(spec.error ? { errorCode: spec.error, errorMessage: 'refused' } : {}),
    ...(spec.additional ? { additionalEventData: spec.additional } : {}),
    ...(keyArn ? { resources: [{ ARN: keyArn, accountId: PROD, type: 'AWS::KMS::Key' }] } : {}),
    requestID: `req-${counter}`, eventType: 'AwsApiCall', readOnly: true,
  };
}

/** `count` calls every `stepMillis` from `start`. */
export function repeat(count: number, start: number, stepMillis: number, make: (time: number, index: number) => Record<string, unknown>): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => make(start + index * stepMillis, index));
}

export interface TestIndex {
  db: IndexDb;
  dir: string;
  /** Adds a file of events (JSON Lines, or any relative path) and indexes what is new. */
  add(file: string, events: Record<string, unknown>[]): Promise<void>;
  close(): void;
}

export async function buildIndex(files: Record<string, Record<string, unknown>[]>): Promise<TestIndex> {
  const root = mkdtempSync(join(tmpdir(), 'kt-detect-'));
  const logs = join(root, 'logs');
  mkdirSync(logs);
  const db = openIndex(join(root, 'index.db'));
  const write = (file: string, events: Record<string, unknown>[]): void => {
    const path = join(logs, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, events.map((item) => JSON.stringify(item)).join('\n'));
  };
  const add = async (file: string, events: Record<string, unknown>[]): Promise<void> => {
    write(file, events);
    await ingestTree(db, logs, { final: true });
  };
  for (const [file, events] of Object.entries(files)) write(file, events);
  await ingestTree(db, logs, { final: true });
  return { db, dir: root, add, close: () => { db.close(); rmSync(root, { recursive: true, force: true }); } };
}

export function config(overrides: Partial<DetectionConfig> = {}): DetectionConfig {
  return { ...defaultDetectionConfig(), ...overrides };
}

export function hitsOf(db: IndexDb, rule: string): DetectionHit[] {
  return listHits(db, { rules: [rule] });
}

/** A quiet baseline: alice's ordinary calls over the first day, so the learning window has something in it. */
export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const T0 = Date.UTC(2026, 10, 16, 9, 0, 0); // a Monday, 09:00 UTC

/**
 * Four days of ordinary use: alice (a person) in business hours from one address, and
 * the app-server role decrypting around the clock. The learning window (25%) is day one.
 */
export function background(): Record<string, unknown>[] {
  const app = (time: number, index: number) => event({ name: 'Decrypt', time, identity: roleSession('app-server', `i-0${index % 3}abcdef01234567`), ip: '10.0.0.5' });
  const alice = (time: number) => event({ name: 'DescribeKey', time, identity: user('alice'), ip: '198.51.100.10' });
  return [
    ...repeat(4 * 24, T0, HOUR, app),
    ...[0, 1, 2, 3].flatMap((day) => repeat(4, T0 + day * DAY + HOUR, 2 * HOUR, alice)),
  ];
}

export const VPC_ENDPOINT = 'vpce-0a1b2c3d4e5f67890';

/**
 * A VPC endpoint's network-activity record of a call (as the endpoint owner receives it): the
 * shape of CloudTrail's network activity events, refused by the endpoint policy unless `allowed`.
 */
export function networkActivity(spec: EventSpec & { allowed?: boolean; endpointAccount?: string }): Record<string, unknown> {
  return {
    ...event({ ...spec, error: undefined }), eventVersion: '1.11', eventType: 'AwsVpceEvent', eventCategory: 'NetworkActivity', managementEvent: false,
    ...(spec.allowed ? {} : { errorCode: 'VpceAccessDenied', errorMessage: 'The request was denied due to a VPC endpoint policy' }),
    vpcEndpointId: VPC_ENDPOINT, vpcEndpointAccountId: spec.endpointAccount ?? PROD,
  };
}
