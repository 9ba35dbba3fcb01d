import { watch as fsWatch, type FSWatcher, type Stats } from 'node:fs';
import { lstat, readdir, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { relativeLogPath, type PathFilter } from './ignore-paths.js';

export interface WatcherListener {
  /** A regular file was created or written (path relative to the log folder). */
  changed(file: string): void;
  removed(file: string): void;
  /** A folder below the log folder went (removed, moved away or replaced): whatever was under it went too. */
  removedFolder(folder: string): void;
  /** The log folder itself went away: the watcher is dead until it is started again. */
  rootGone(): void;
  problem(path: string, reason: string): void;
}

export interface FileWatcher {
  close(): Promise<void>;
}

function describeWatchError(error: Error & { code?: string }): string {
  if (error.code === 'ENOSPC' || error.code === 'EMFILE') {
    return 'the system limit on watched folders is reached (fs.inotify.max_user_watches): '
      + 'new files are still found by the periodic rescan, but later';
  }
  return `watcher error: ${error.message}`;
}

/**
 * Watches the log folder and reports regular files by their relative path. Resolves once every
 * folder is watched, so a walk started afterwards cannot miss a file created in between.
 *
 * One watch per folder, none per file: a folder's watch already reports its files being created,
 * written, renamed and removed. chokidar, and Node's own recursive `fs.watch` on Linux, add a watch
 * for every file: on a 30,000-file `aws s3 sync` tree that was 30,407 inotify watches, 176 MiB of
 * memory and a fifth of the first scan's time, and an organization's trail would pass the system's
 * limit on watches. Symlinks are not followed (a loop would never end); the tree walk finds the
 * files behind them.
 */
export async function startFileWatcher(logDir: string, skip: PathFilter, listener: WatcherListener): Promise<FileWatcher> {
  // Unfollowed, a log folder given as a symlink would be watched as the link, not the folder.
  const root = await realpath(logDir).catch(() => logDir);
  const watcher = new FolderWatches(root, skip, listener);
  await watcher.add(root, false);
  return watcher;
}

interface FolderWatch {
  watch: FSWatcher;
  /** A folder replaced under the same name is another folder, and its old watch follows the old one. */
  identity: string;
}

/**
 * What tells one folder from another made later under its name: the inode number alone does not
 * (a file system reuses a freed one at once), with its birth time it does where the system keeps one.
 * Where it keeps none (0: inode alone) or gives the change time instead (no statx), a folder changed
 * may pass for one replaced: its files are then reported again, and unchanged ones are skipped by
 * their stat when read.
 */
function identityOf(info: Stats): string {
  return `${info.ino}@${info.birthtimeMs}`;
}

class FolderWatches implements FileWatcher {
  /** Watched folders by absolute path. */
  private readonly watches = new Map<string, FolderWatch>();
  private closed = false;
  private limitReported = false;

  constructor(private readonly root: string, private readonly skip: PathFilter, private readonly listener: WatcherListener) {}

  /**
   * Watches `folder` and every folder below it. Watched first, listed after: a file created
   * meanwhile is in the listing or in an event. `report`: its files are news (a folder that appeared).
   */
  async add(folder: string, report: boolean): Promise<void> {
    const info = await lstat(folder).catch(() => null);
    if (this.closed || !info?.isDirectory()) return;
    const known = this.watches.get(folder);
    if (known?.identity === identityOf(info)) return;
    if (known) this.forget(folder);
    if (!this.watchOne(folder, identityOf(info))) return;
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    const folders: string[] = [];
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (this.closed) return;
      if (this.skipped(path)) continue;
      if (entry.isDirectory()) folders.push(path);
      else if (report && entry.isFile()) this.listener.changed(relativeLogPath(this.root, path));
    }
    // Side by side: a trail's folders (account, region, day) run to the hundreds of thousands.
    await Promise.all(folders.map((path) => this.add(path, report)));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const { watch } of this.watches.values()) watch.close();
    this.watches.clear();
  }

  private skipped(path: string): boolean {
    const file = relativeLogPath(this.root, path);
    return !file.startsWith('..') && this.skip(file);
  }

  private watchOne(folder: string, identity: string): boolean {
    try {
      const watch = fsWatch(folder, (_type, name) => {
        void this.examine(folder, name === null ? null : join(folder, name.toString()));
      });
      watch.on('error', (error) => {
        // A removed folder's watch may end with an error: only another cause is news.
        void lstat(folder).then((info) => {
          if (!this.closed && info.isDirectory()) this.listener.problem(relativeLogPath(this.root, folder) || '.', describeWatchError(error));
        }, () => undefined);
        if (this.watches.get(folder)?.watch === watch) this.forget(folder);
      });
      this.watches.set(folder, { watch, identity });
      return true;
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Gone already, or unreadable: the tree walk reports unreadable folders.
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM') return false;
      if (code === 'ENOSPC' || code === 'EMFILE') {
        if (!this.limitReported) this.listener.problem('.', describeWatchError(error as Error));
        this.limitReported = true;
        return false;
      }
      this.listener.problem(relativeLogPath(this.root, folder) || '.', describeWatchError(error as Error));
      return false;
    }
  }

  /** Something changed at `path` in `folder` (null: the system did not say what). */
  private async examine(folder: string, path: string | null): Promise<void> {
    if (this.closed) return;
    if (path === null) return this.add(folder, true).then(() => this.relist(folder));
    if (this.skipped(path)) return;
    const info = await lstat(path).catch(() => null);
    if (this.closed) return;
    if (info === null) {
      if (this.watches.has(path)) this.forget(path);
      else this.listener.removed(relativeLogPath(this.root, path));
      await this.recheck(folder);
    } else if (info.isDirectory()) {
      await this.add(path, true);
    } else if (info.isFile()) {
      this.listener.changed(relativeLogPath(this.root, path));
    }
  }

  /** After a removal in `folder`: it may have gone itself (its own watch names it after itself), or been replaced. */
  private async recheck(folder: string): Promise<void> {
    const info = await lstat(folder).catch(() => null);
    const known = this.watches.get(folder);
    if (this.closed || !known || (info?.isDirectory() && identityOf(info) === known.identity)) return;
    this.forget(folder);
    if (folder !== this.root) await this.add(folder, true);
  }

  /** Every file of a folder as news: after an event that named nothing. */
  private async relist(folder: string): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (!this.closed && entry.isFile() && !this.skipped(path)) this.listener.changed(relativeLogPath(this.root, path));
    }
  }

  /** A folder is gone: its watch and those below it end, and the listener hears of it (the log folder's as its end). */
  private forget(folder: string): void {
    for (const [path, { watch }] of this.watches) {
      if (path === folder || path.startsWith(`${folder}${sep}`)) {
        watch.close();
        this.watches.delete(path);
      }
    }
    if (this.closed) return;
    if (folder === this.root) this.listener.rootGone();
    else this.listener.removedFolder(relativeLogPath(this.root, folder));
  }
}
