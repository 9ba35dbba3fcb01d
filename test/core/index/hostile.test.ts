import { chmodSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { compileFilter } from '../../../src/core/query/filter-compile.js';
import { iterateEvents } from '../../../src/core/query/query-events.js';
import { loadEventDetail } from '../../../src/core/query/event-detail.js';
import { kmsEvent, makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

const good = (id: string) => kmsEvent({ eventID: id, requestID: `req-${id}` });

describe('hostile input', () => {
  it('keeps control and escape characters as data, byte for byte', async () => {
    scratch = makeScratch();
    const userAgent = '\u001b]0;pwned\u0007\u001b[2J\u009b31m';
    scratch.write('a.json', recordsFile([kmsEvent({ userAgent, eventID: 'esc' })]));
    const { db } = await scratch.index();
    const detail = loadEventDetail(db, 'esc');
    expect(detail?.row.userAgent).toBe(userAgent);
    expect(JSON.parse(detail?.raw ?? '{}').userAgent).toBe(userAgent);
  });

  it('indexes events with invalid UTF-8 (replacement characters), and the good ones beside them', async () => {
    scratch = makeScratch();
    const before = Buffer.from(JSON.stringify(kmsEvent({ eventID: 'bad-utf8', userAgent: 'XX' })).replace('"XX"', '"\u0001\u0001"'));
    before[before.indexOf(1)] = 0xff;
    before[before.indexOf(1)] = 0xfe;
    scratch.write('a.jsonl', Buffer.concat([before, Buffer.from(`\n${JSON.stringify(good('ok'))}\n`)]));
    const { db, report } = await scratch.index();
    expect(report.events).toBe(2);
    expect(loadEventDetail(db, 'bad-utf8')?.row.userAgent).toBe('\ufffd\ufffd');
  });

  it('indexes a 10 MB field and 10,000 levels of nesting without crashing', async () => {
    scratch = makeScratch();
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    scratch.write('big.json', recordsFile([kmsEvent({ eventID: 'big', errorMessage: 'x'.repeat(10 * 1024 * 1024) }), good('after-big')]));
    const deepEvent = JSON.stringify(kmsEvent({ eventID: 'deep', additionalEventData: 'DEEP' })).replace('"DEEP"', deep);
    scratch.write('deep.jsonl', `${deepEvent}\n${JSON.stringify(good('after-deep'))}\n`);
    const { db, report } = await scratch.index();
    const ids = [...iterateEvents(db, compileFilter(db, ''))].map((row) => row.uid).sort();
    expect(ids).toEqual(['after-big', 'after-deep', 'big', 'deep']);
    expect(report.rejected).toEqual([]);
    expect(loadEventDetail(db, 'big')?.row.errorMessage).toHaveLength(10 * 1024 * 1024);
  });

  it('reports a truncated gzip and still indexes the events before the cut', async () => {
    scratch = makeScratch();
    const events = Array.from({ length: 200 }, (_, i) => good(`t-${i}`));
    const whole = gzipSync(recordsFile(events));
    scratch.write('cut.json.gz', whole.subarray(0, Math.floor(whole.length * 0.7)));
    const { report } = await scratch.index();
    expect(report.events).toBeGreaterThan(0);
    expect(report.events).toBeLessThan(200);
    expect(report.rejected.some((item) => item.file === 'cut.json.gz' && /truncated/.test(item.reason))).toBe(true);
  });

  it('says what zero-byte files, binary junk and unreadable files are, and indexes the rest', async () => {
    scratch = makeScratch();
    scratch.write('empty.json', '');
    // A delivery of no records is an empty log, not "not a log".
    scratch.write('no-records.json.gz', gzipSync('{"Records":[]}'));
    scratch.write('junk.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const locked = scratch.write('locked.json', recordsFile([good('locked')]));
    scratch.write('ok.json', recordsFile([good('ok')]));
    chmodSync(locked, 0o000);
    const { report } = await scratch.index();
    const kinds = Object.fromEntries(report.notLogs.map((item) => [item.file, item.kind]));
    expect(kinds['empty.json']).toBe('empty');
    expect(kinds['no-records.json.gz']).toBe('empty');
    expect(kinds['junk.bin']).toBe('not-log');
    expect(report.events).toBeGreaterThanOrEqual(1);
    // root can read a 000 file; anyone else gets a clear failure instead of a crash
    if (process.getuid?.() !== 0) expect(report.failed).toEqual([{ file: 'locked.json', reason: 'permission denied' }]);
  });

  it('treats SQL-looking filter values as plain values', async () => {
    scratch = makeScratch();
    scratch.write('a.json', recordsFile([good('a'), kmsEvent({ eventID: "x' OR 1=1 --", userIdentity: { type: 'IAMUser', arn: "arn:aws:iam::1:user/x' OR '1'='1" } })]));
    const { db } = await scratch.index();
    const find = (filter: string) => [...iterateEvents(db, compileFilter(db, filter))].map((row) => row.uid);
    expect(find("principal:\"x' OR '1'='1\"")).toEqual(["x' OR 1=1 --"]);
    expect(find("event:Decrypt');DROP TABLE events;--")).toEqual([]);
    expect(find('')).toHaveLength(2);
  });
});
