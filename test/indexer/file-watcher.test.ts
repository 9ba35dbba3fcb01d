import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFileWatcher, type FileWatcher } from '../../src/indexer/file-watcher.js';
import { createPathFilter } from '../../src/indexer/ignore-paths.js';

interface Heard {
  changed: string[];
  removed: string[];
  removedFolders: string[];
  rootGone: number;
  problems: string[];
}

let folder = '';
let watcher: FileWatcher | null = null;

afterEach(async () => {
  await watcher?.close();
  watcher = null;
  rmSync(folder, { recursive: true, force: true });
});

async function watchNew(setup: (logs: string) => void = () => undefined): Promise<{ logs: string; heard: Heard }> {
  folder = mkdtempSync(join(tmpdir(), 'keytrail-watch-'));
  const logs = join(folder, 'logs');
  mkdirSync(logs);
  setup(logs);
  const heard: Heard = { changed: [], removed: [], removedFolders: [], rootGone: 0, problems: [] };
  watcher = await startFileWatcher(logs, createPathFilter(logs, join(folder, 'index.db')), {
    changed: (file) => heard.changed.push(file),
    removed: (file) => heard.removed.push(file),
    removedFolder: (path) => heard.removedFolders.push(path),
    rootGone: () => heard.rootGone++,
    problem: (_path, reason) => heard.problems.push(reason),
  });
  return { logs, heard };
}

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Files written in the folder one after the other are each reported: the folder is watched. */
async function expectWatched(logs: string, heard: Heard, folder: string): Promise<void> {
  for (const name of ['first.json', 'second.json']) {
    writeFileSync(join(logs, folder, name), '{}');
    await until(() => heard.changed.includes(`${folder}/${name}`));
    expect(heard.changed).toContain(`${folder}/${name}`);
  }
}

/** inotify watches this process holds (Linux). */
function inotifyWatches(): number {
  let watches = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    const target = (() => { try { return readlinkSync(`/proc/self/fd/${fd}`); } catch { return ''; } })();
    if (target.includes('inotify')) watches += readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').split('\n').filter((line) => line.startsWith('inotify')).length;
  }
  return watches;
}

describe('the log folder watcher', () => {
  it('reports files created in new nested folders, written, and removed, by their path in the log folder', async () => {
    const { logs, heard } = await watchNew();
    const day = join(logs, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/21');
    mkdirSync(day, { recursive: true });
    writeFileSync(join(day, 'a.json.gz'), 'x');
    await until(() => heard.changed.includes('AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/21/a.json.gz'));
    expect(heard.changed).toContain('AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/21/a.json.gz');

    heard.changed.length = 0;
    appendFileSync(join(day, 'a.json.gz'), 'y');
    await until(() => heard.changed.length > 0);
    expect(new Set(heard.changed)).toEqual(new Set(['AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/21/a.json.gz']));

    rmSync(join(day, 'a.json.gz'));
    await until(() => heard.removed.length > 0);
    expect(heard.removed).toEqual(['AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/21/a.json.gz']);
  });

  it('reports every file of a folder moved in whole, and never what the tree walk skips', async () => {
    const { logs, heard } = await watchNew();
    const outside = join(folder, 'incoming');
    mkdirSync(join(outside, 'us-west-2'), { recursive: true });
    writeFileSync(join(outside, 'us-west-2', 'one.json'), '{}');
    writeFileSync(join(outside, 'us-west-2', 'two.json'), '{}');
    writeFileSync(join(outside, 'us-west-2', 'three.json.gz.1a2b3c4d'), '');
    mkdirSync(join(outside, 'CloudTrail-Digest'));
    writeFileSync(join(outside, 'CloudTrail-Digest', 'digest.json.gz'), '');
    renameSync(outside, join(logs, 'incoming'));
    await until(() => heard.changed.length >= 2);
    writeFileSync(join(logs, 'incoming', 'copy.json.tmp'), '');
    writeFileSync(join(logs, 'incoming', 'last.json'), '{}');
    await until(() => heard.changed.includes('incoming/last.json'));
    writeFileSync(join(logs, 'incoming', 'after.json'), '{}');
    await until(() => heard.changed.includes('incoming/after.json'));
    expect(new Set(heard.changed)).toEqual(new Set(['incoming/us-west-2/one.json', 'incoming/us-west-2/two.json', 'incoming/last.json', 'incoming/after.json']));
  });

  it('reports a file that aws s3 sync downloads under a temporary name by its final name only', async () => {
    const { logs, heard } = await watchNew();
    writeFileSync(join(logs, 'delivery.json.gz.9f8e7d6c'), 'partial');
    appendFileSync(join(logs, 'delivery.json.gz.9f8e7d6c'), 'rest');
    renameSync(join(logs, 'delivery.json.gz.9f8e7d6c'), join(logs, 'delivery.json.gz'));
    await until(() => heard.changed.includes('delivery.json.gz'));
    expect(new Set(heard.changed)).toEqual(new Set(['delivery.json.gz']));
    expect(heard.removed).toEqual([]);
  });

  it('says which folder went with its files, and watches a folder made later under the same name', async () => {
    const { logs, heard } = await watchNew((root) => {
      mkdirSync(join(root, 'us-east-1', '2026'), { recursive: true });
      writeFileSync(join(root, 'us-east-1', '2026', 'old.json'), '{}');
    });
    rmSync(join(logs, 'us-east-1'), { recursive: true });
    await until(() => heard.removedFolders.includes('us-east-1'));
    expect(heard.removedFolders).toContain('us-east-1');
    mkdirSync(join(logs, 'us-east-1'));
    await expectWatched(logs, heard, 'us-east-1');
  });

  it('sees a folder replaced by another of the same name while its watch still stands', async () => {
    const { logs, heard } = await watchNew((root) => mkdirSync(join(root, 'eu-west-1')));
    // Removed and made again before the watcher looks: the old watch followed the old folder.
    rmSync(join(logs, 'eu-west-1'), { recursive: true });
    mkdirSync(join(logs, 'eu-west-1'));
    await expectWatched(logs, heard, 'eu-west-1');
  });

  // macOS reports no event for a watched folder's own removal: the tree observer's probe notices it there.
  it.runIf(process.platform === 'linux')('says when the log folder itself goes', async () => {
    const { logs, heard } = await watchNew();
    rmSync(logs, { recursive: true });
    await until(() => heard.rootGone > 0);
    expect(heard.rootGone).toBeGreaterThan(0);
    expect(heard.problems).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('holds one watch per folder, not one per file, so a large sync stays within the system limit, and frees them when closed', async () => {
    const before = inotifyWatches();
    await watchNew((logs) => {
      for (const region of ['us-east-1', 'eu-west-1']) {
        mkdirSync(join(logs, region));
        for (let i = 0; i < 300; i++) writeFileSync(join(logs, region, `${i}.json.gz`), '');
      }
    });
    expect(inotifyWatches() - before).toBe(3);
    await watcher?.close();
    expect(inotifyWatches()).toBe(before);
  });
});
