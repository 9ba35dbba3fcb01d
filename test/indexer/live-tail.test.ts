import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordsFile } from '../helpers/temp-index.js';
import { eventCountIn, numberedEvents, onceEach, pause, readIndex, tallyIndex, useLiveTest, waitFor } from './live-helpers.js';

const live = useLiveTest();

describe('files arriving while the indexer watches', () => {
  it('makes files dropped one by one searchable, each event once', async () => {
    const { scratch } = live;
    const watching = await live.watch();
    for (let file = 0; file < 20; file++) {
      const events = numberedEvents(`one-${file}`, 3);
      scratch.write(`AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/f${file}.json`, recordsFile(events));
      await waitFor(`file ${file} to be searchable`, () => eventCountIn(scratch.dbPath) === (file + 1) * 3);
    }
    expect(tallyIndex(scratch.dbPath)).toEqual(onceEach(60));
    const batches = watching.batches();
    expect(batches.reduce((sum, batch) => sum + batch.added, 0)).toBe(60);
    expect(batches.every((batch) => batch.duplicates === 0 && batch.rejected === 0)).toBe(true);
    expect(watching.problems()).toEqual([]);
  });

  it('picks up files in folders created after the start', async () => {
    const { scratch } = live;
    await live.watch();
    scratch.write('AWSLogs/999988887777/CloudTrail/eu-west-1/2026/11/21/new.json', recordsFile(numberedEvents('late-folder', 4)));
    await waitFor('the file in the new folder', () => eventCountIn(scratch.dbPath) === 4);
  });

  it('counts the files of a folder moved out of the log folder out of the progress, and keeps their events', async () => {
    const { scratch } = live;
    const watching = await live.watch();
    scratch.write('us-east-1/a.json', recordsFile(numberedEvents('gone-a', 2)));
    scratch.write('us-east-1/2026/b.json', recordsFile(numberedEvents('gone-b', 2)));
    scratch.write('eu-west-1/c.json', recordsFile(numberedEvents('kept', 1)));
    await waitFor('the three files', () => eventCountIn(scratch.dbPath) === 5 && watching.lastProgress()?.filesDone === 3);
    // Moved away, its files send no event of their own.
    renameSync(join(scratch.logs, 'us-east-1'), join(scratch.root, 'moved-away'));
    await waitFor('the folder counted out', () => watching.lastProgress()?.filesSeen === 1);
    expect(watching.lastProgress()).toMatchObject({ filesSeen: 1, filesDone: 1 });
    expect(eventCountIn(scratch.dbPath)).toBe(5);
    expect(watching.problems()).toEqual([]);
  });

  it('finds on its periodic walk a file the watcher cannot see (behind a symlinked folder), without reading the others again', async () => {
    const { scratch } = live;
    const elsewhere = join(scratch.root, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(scratch.logs, 'linked'));
    scratch.write('here.json', recordsFile(numberedEvents('here', 2)));
    const watching = await live.watch({ timing: { rescanMs: 200 } });
    await waitFor('the file there at the start', () => eventCountIn(scratch.dbPath) === 2);
    writeFileSync(join(elsewhere, 'behind-link.json'), recordsFile(numberedEvents('behind', 3)));
    await waitFor('the file behind the link', () => eventCountIn(scratch.dbPath) === 5);
    const settled = watching.events.length;
    await pause(600);
    expect(watching.batches().map((batch) => batch.file)).toEqual(['here.json', 'linked/behind-link.json']);
    // Later walks queue nothing known: progress never shows a file waiting again.
    const later = watching.events.slice(settled).filter((event) => event.type === 'progress');
    expect(later.filter((progress) => progress.filesDone < progress.filesSeen)).toEqual([]);
  });

  it('ignores digest files, hidden and temporary files, and keeps quiet about them', async () => {
    const { scratch } = live;
    const watching = await live.watch();
    const events = recordsFile(numberedEvents('ignored', 2));
    scratch.write('AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/20/d.json', events);
    scratch.write('.partial-copy.json', events);
    scratch.write('logs.json.gz.1a2B3c4D', events);
    scratch.write('download.json.part', events);
    scratch.write('real.json', recordsFile(numberedEvents('real', 1)));
    await waitFor('the real file', () => eventCountIn(scratch.dbPath) === 1);
    await pause(200);
    expect(readIndex(scratch.dbPath, (db) => db.prepare('SELECT path FROM files').pluck().all())).toEqual(['real.json']);
    expect(watching.problems()).toEqual([]);
  });
});
