import { describe, expect, it } from 'vitest';
import { FileQueue } from '../../src/indexer/file-queue.js';

const timing = { quietMs: 50, maxDelayMs: 500 };
const delivery = (stamp: string) => `AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/21/111122223333_CloudTrail_us-east-1_${stamp}_Abc.json.gz`;

/** Every file the queue hands out now, in order. */
function drain(queue: FileQueue, now = 0): string[] {
  const read: string[] = [];
  for (let next = queue.next(now); 'file' in next; next = queue.next(now)) read.push(next.file);
  return read;
}

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

  it('reads the backlog newest delivery first, and a later walk\'s newer files before the older ones still waiting', () => {
    const queue = new FileQueue(timing);
    queue.addBacklog(['exports/lookup.json', delivery('20261121T0100Z'), delivery('20261121T0300Z'), delivery('20261121T0200Z')]);
    expect(queue.next(0)).toEqual({ file: delivery('20261121T0300Z'), reason: 'scan' });
    // A periodic walk finds a delivery the watcher missed, and one still waiting (read once).
    queue.addBacklog([delivery('20261121T0400Z'), delivery('20261121T0200Z')]);
    expect(drain(queue)).toEqual([delivery('20261121T0400Z'), delivery('20261121T0200Z'), delivery('20261121T0100Z'), 'exports/lookup.json']);
  });

  it('names the backlog files it will hand out next, so they can be read ahead, and not those a change will bring first', () => {
    const queue = new FileQueue(timing);
    queue.addBacklog(['1.json', '2.json', '3.json', '4.json', '5.json']);
    expect(queue.next(0)).toEqual({ file: '1.json', reason: 'scan' });
    queue.changed('3.json', 0);
    queue.forget('4.json');
    expect([...queue.upcoming(2)]).toEqual(['2.json', '5.json']);
    expect(queue.backlogSize).toBe(3);
    expect(drain(queue, 100)).toEqual(['3.json', '2.json', '5.json']);
    expect([...queue.upcoming(2)]).toEqual([]);
  });
});
