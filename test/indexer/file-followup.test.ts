import { describe, expect, it } from 'vitest';
import { FileFollowup } from '../../src/indexer/file-followup.js';

const timing = { recheckMs: 100, settleMs: 1000, retryMs: 500 };

describe('FileFollowup', () => {
  it('waits for a cut-short file while it changes and gives up only after it stopped changing for settleMs', () => {
    const followup = new FileFollowup(timing);
    expect(followup.leftIncomplete('a.gz', { size: 10, mtimeMs: 1 }, false, 0)).toBe(100);
    expect(followup.recheck('a.gz', { size: 10, mtimeMs: 1 }, 500)).toBe('wait');
    expect(followup.recheck('a.gz', { size: 20, mtimeMs: 2 }, 600)).toBe('read');
    followup.leftIncomplete('a.gz', { size: 20, mtimeMs: 2 }, false, 600);
    expect(followup.recheck('a.gz', { size: 20, mtimeMs: 2 }, 1500)).toBe('wait');
    expect(followup.recheck('a.gz', { size: 20, mtimeMs: 2 }, 1600)).toBe('stale-document');
  });

  it('keeps the time a file stopped changing across reads that found it unchanged, and tells a JSON Lines file apart', () => {
    const followup = new FileFollowup(timing);
    followup.leftIncomplete('a.jsonl', { size: 10, mtimeMs: 1 }, true, 0);
    followup.leftIncomplete('a.jsonl', { size: 10, mtimeMs: 1 }, true, 900);
    expect(followup.recheck('a.jsonl', { size: 10, mtimeMs: 1 }, 1000)).toBe('stale-line');
  });

  it('tries an unreadable file again later and later, up to a minute, and from the start once it worked', () => {
    const followup = new FileFollowup(timing);
    const delays = Array.from({ length: 10 }, () => followup.failed('x', 0));
    expect(delays.slice(0, 4)).toEqual([500, 1000, 2000, 4000]);
    expect(delays.at(-1)).toBe(60_000);
    followup.clear('x');
    expect(followup.failed('x', 0)).toBe(500);
  });
});
