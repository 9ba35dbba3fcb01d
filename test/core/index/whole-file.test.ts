import { afterEach, describe, expect, it } from 'vitest';
import { WHOLE_READ_BYTES } from '../../../src/core/index/whole-file.js';
import { eventCount } from '../../../src/core/index/event-count.js';
import { kmsEvent, makeScratch, type Scratch } from '../../helpers/temp-index.js';

let scratch: Scratch;
afterEach(() => scratch.cleanup());

const line = (id: string) => JSON.stringify(kmsEvent({ eventID: id, requestID: `r-${id}` }));

/** JSON Lines with a broken third line, then `extra` more events. */
function jsonLines(prefix: string, extra: number): string {
  const lines = [line(`${prefix}-1`), line(`${prefix}-2`), '{"broken": tru}', line(`${prefix}-3`)];
  for (let i = 0; i < extra; i++) lines.push(line(`${prefix}-more-${i}`));
  return `${lines.join('\n')}\n`;
}

describe('small files read in one call and large files streamed', () => {
  it('index the same records and report a broken one at the same line and byte', async () => {
    scratch = makeScratch();
    const perLine = line('large-more-0').length + 1;
    const extra = Math.ceil(WHOLE_READ_BYTES / perLine) + 10;
    const files: Record<string, string> = {
      'small.jsonl': jsonLines('small', 0),
      'small.jsonl.gz': jsonLines('smallgz', 0),
      'large.jsonl': jsonLines('large', extra),
      'large.jsonl.gz': jsonLines('largegz', extra * 8),
    };
    for (const [name, content] of Object.entries(files)) scratch.write(name, content, { gzip: name.endsWith('.gz') });
    const { db, report } = await scratch.index();
    expect(report.indexedFiles).toBe(4);
    expect(report.events).toBe(3 * 4 + extra * 9);
    expect(eventCount(db)).toBe(report.events);
    const where = report.rejected.map((reject) => `${reject.file}:${reject.line}@${reject.position}`).sort();
    const expected = Object.entries(files).map(([name, content]) => `${name}:3@${content.indexOf('{"broken"')}`);
    expect(where).toEqual(expected.sort());
  });
});
