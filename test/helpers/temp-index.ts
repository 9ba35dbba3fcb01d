import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ingestTree, type TreeReport } from '../../src/core/index/ingest-tree.js';
import { openIndex, type IndexDb } from '../../src/core/index/open.js';

/** A scratch folder for logs and an index beside it (never inside the logs). */
export interface Scratch {
  root: string;
  logs: string;
  dbPath: string;
  write(relative: string, content: string | Buffer, options?: { gzip?: boolean }): string;
  index(options?: { final?: boolean }): Promise<{ db: IndexDb; report: TreeReport }>;
  cleanup(): void;
}

export function makeScratch(prefix = 'keytrail-test-'): Scratch {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const logs = join(root, 'logs');
  mkdirSync(logs);
  const dbPath = join(root, 'index', 'keytrail.db');
  const opened: IndexDb[] = [];
  return {
    root, logs, dbPath,
    write(relative, content, options = {}) {
      const path = join(logs, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, options.gzip ? gzipSync(content) : content);
      return path;
    },
    async index(options = {}) {
      const db = openIndex(dbPath);
      opened.push(db);
      const report = await ingestTree(db, logs, { final: options.final ?? true });
      return { db, report };
    },
    cleanup() {
      for (const db of opened) if (db.open) db.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function copyInto(scratch: Scratch, source: string, target = ''): void {
  cpSync(source, join(scratch.logs, target), { recursive: true });
}

/** A minimal valid CloudTrail KMS event; override any field. */
export function kmsEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', accessKeyId: 'AKIAEXAMPLE' },
    eventTime: '2026-11-20T10:00:00Z',
    eventSource: 'kms.amazonaws.com',
    eventName: 'Decrypt',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15',
    requestParameters: { keyId: 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555' },
    responseElements: null,
    requestID: 'req-1',
    eventID: 'evt-1',
    readOnly: true,
    resources: [{ ARN: 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555', accountId: '111122223333', type: 'AWS::KMS::Key' }],
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333',
    ...overrides,
  };
}

export function recordsFile(events: unknown[]): string {
  return JSON.stringify({ Records: events });
}
