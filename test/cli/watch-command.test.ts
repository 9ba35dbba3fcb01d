import { describe, expect, it } from 'vitest';
import { watchPrinter } from '../../src/cli/commands/watch-command.js';
import { formatProgress } from '../../src/cli/progress-line.js';
import type { IndexerProgress } from '../../src/indexer/types.js';

const progress = (filesSeen: number, filesDone: number): IndexerProgress => ({
  type: 'progress', filesSeen, filesDone, eventsAdded: 0, totalEvents: 0, rejected: 0, rate: 0, currentFile: null,
  initialScanDone: false, deliveredSince: null, filesFailing: 0,
});

describe('keytrail watch on a terminal', () => {
  it('clears its progress line before a message of its own, so "Watching" starts a line', () => {
    let terminal = '';
    const io = { stdout: (text: string) => (terminal += text), stderr: (text: string) => (terminal += text), stdoutIsTTY: true };
    const print = watchPrinter(io, false, true, (text) => (terminal += text));
    print.event(progress(3, 1));
    print.say('Watching logs (index: x.db). Ctrl-C stops.\n');
    const shown = terminal.split(/\r/).at(-1)!;
    expect(shown).toBe('\u001b[KWatching logs (index: x.db). Ctrl-C stops.\n');
  });

  it('shows an empty bar while no file is found yet, not a full one', () => {
    const tree = (filesDone: number, filesTotal: number) => ({ filesDone, filesTotal, eventsAdded: 0, rejected: 0, currentFile: null });
    expect(formatProgress(tree(0, 0), 0, 1000)).toMatch(/^\[\.{24}\] 0\/0 files/);
    expect(formatProgress(tree(2, 2), 0, 1000)).toMatch(/^\[#{24}\] 2\/2 files/);
  });
});
