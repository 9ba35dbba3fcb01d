import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { decodePreparedFile, encodePreparedFile, prepareFile, type PreparedFile } from '../../../src/core/index/prepared-file.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

/** What the writer reads of a prepared file, as plain data (the record parsed where it is asked for). */
function asRead(file: PreparedFile): unknown {
  return {
    ...file,
    items: file.items.map((item) => (item.type === 'event'
      ? { ...item, event: { fields: item.event.fields, entities: item.event.entities, keys: item.event.keys, raw: item.event.raw, record: item.event.record } }
      : item)),
  };
}

/** Across a thread boundary, as the preparing thread sends it. */
function sentAcross(file: PreparedFile): PreparedFile {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(encodePreparedFile(file));
  const wire = receiveMessageOnPort(port2)!.message;
  port1.close();
  return decodePreparedFile(wire);
}

function prepare(path: string): PreparedFile {
  const info = statSync(path);
  return prepareFile(path, info.size, Math.trunc(info.mtimeMs))!;
}

describe('a file prepared on another thread', () => {
  it('reaches the writer as it was read: events, entities, aliases, rejects and their places', () => {
    scratch = makeScratch();
    const hostile = kmsEvent({ eventID: 'h-1', userAgent: 'curl\u001b[2J\u202e\u0000', encryptionContext: undefined,
      requestParameters: { keyId: 'alias/prod\u0007', encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::b/\u2028k' } } });
    const files = [
      scratch.write('records.json.gz', recordsFile([kmsEvent({ eventID: 'a-1' }), hostile, kmsEvent({ eventID: 'a-2', eventName: 'CreateAlias',
        requestParameters: { aliasName: 'alias/prod', targetKeyId: '11111111-2222-3333-4444-555555555555' } })]), { gzip: true }),
      scratch.write('lines.jsonl', `${JSON.stringify(kmsEvent({ eventID: 'l-1' }))}\n{"broken": tru}\n{"not": "an event"}\n${JSON.stringify(kmsEvent({ eventID: 'l-2' })).slice(0, 40)}`),
      scratch.write('lookup.json', JSON.stringify({ Events: [{ EventId: 'x', CloudTrailEvent: JSON.stringify(kmsEvent({ eventID: 'lk-1' })) }] })),
      scratch.write('digest.json', JSON.stringify({ digestStartTime: '2026-11-20T00:00:00Z', digestEndTime: 'x', logFiles: [] })),
      // A lone surrogate inside an embedded event string: UTF-8 cannot carry it across.
      scratch.write('lone.json', JSON.stringify({ Events: [{ EventId: 'y', CloudTrailEvent: JSON.stringify(kmsEvent({ eventID: undefined, userAgent: 'x\ud800y' }))
        .replace('\\ud800', '\ud800') }] })),
      // An EventBridge record is rebuilt by JSON.stringify, where -0 becomes 0.
      scratch.write('bridge.json', JSON.stringify({ 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.kms',
        detail: { ...kmsEvent({ eventID: 'eb-1' }), additionalEventData: { offset: 1 } } }).replace('"offset":1', '"offset":-0')),
    ];
    for (const path of files) {
      const prepared = prepare(path);
      expect(prepared.items.length).toBeGreaterThan(0);
      expect(asRead(sentAcross(prepared))).toEqual(asRead(prepared));
    }
  });

  it('is the same for every file of the shipped sample', () => {
    scratch = makeScratch();
    const root = join(import.meta.dirname, '../../../sample-logs');
    const paths = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
    expect(paths.length).toBeGreaterThan(100);
    let events = 0;
    for (const path of paths) {
      const prepared = prepare(path);
      events += prepared.items.filter((item) => item.type === 'event').length;
      expect(asRead(sentAcross(prepared))).toEqual(asRead(prepared));
    }
    expect(events).toBeGreaterThan(1000);
  });

  it('is left to the streaming reader when its gzip stream is damaged', () => {
    scratch = makeScratch();
    const path = scratch.write('cut.json.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]));
    const info = statSync(path);
    expect(prepareFile(path, info.size, info.mtimeMs)).toBeNull();
  });
});
