import { describe, expect, it } from 'vitest';
import { FileQueue } from '../../src/indexer/file-queue.js';

const timing = { quietMs: 50, maxDelayMs: 500 };

describe('FileQueue', () => {
  it('reads a changed file once it has been quiet, and a file that keeps changing no later than maxDelay', () => {
    const queue = new FileQueue(timing);
    queue.changed('a.json', 1000);
    expect(queue.next(1040)).toEqual({ waitMs: 10 });
    expect(queue.next(1050)).toEqual({ file: 'a.json', reason: 'change' });
    for (let now = 2000; now < 2500; now += 40) {
      queue.changed('b.jsonl', now);
      expect(queue.next(now)).toHaveProperty('waitMs');
    }
    expect(queue.next(2500)).toEqual({ file: 'b.jsonl', reason: 'change' });
  });

  it('puts changes seen live before the backlog of the first scan, and reads the backlog in order', () => {
    const queue = new FileQueue(timing);
    queue.addBacklog(['1.json', '2.json', '3.json']);
    expect(queue.next(0)).toEqual({ file: '1.json', reason: 'scan' });
    queue.changed('new.json', 0);
    expect(queue.next(50)).toEqual({ file: 'new.json', reason: 'change' });
    expect(queue.next(50)).toEqual({ file: '2.json', reason: 'scan' });
    expect(queue.next(50)).toEqual({ file: '3.json', reason: 'scan' });
    expect(queue.next(50)).toEqual({ waitMs: null });
  });

  it('reads a file once when both the scan and the watcher report it, and forgets deleted files', () => {
    const queue = new FileQueue(timing);
    queue.addBacklog(['a.json', 'b.json', 'a.json']);
    queue.changed('a.json', 0);
    queue.forget('b.json');
    const read: string[] = [];
    for (let now = 0; now < 200; now += 10) {
      const next = queue.next(now);
      if ('file' in next) read.push(next.file);
    }
    expect(read).toEqual(['a.json']);
    expect(queue.size).toBe(0);
  });

  it('keeps the sooner of a scheduled second look and a change', () => {
    const queue = new FileQueue(timing);
    queue.later('a.json', 1000, 'recheck');
    queue.later('a.json', 5000, 'retry');
    expect(queue.next(0)).toEqual({ waitMs: 1000 });
    queue.changed('a.json', 100);
    expect(queue.next(150)).toEqual({ file: 'a.json', reason: 'change' });
  });
});
