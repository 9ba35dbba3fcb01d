import { realpath, stat } from 'node:fs/promises';
import { watch, type FSWatcher } from 'chokidar';
import { relativeLogPath, type PathFilter } from './ignore-paths.js';

export interface WatcherListener {
  /** A regular file was created or written (path relative to the log folder). */
  changed(file: string): void;
  removed(file: string): void;
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
 * Watches the log folder with chokidar and reports regular files by their relative
 * path. Symlinks are not followed (a symlink loop would never finish the setup); files
 * behind them are found by the tree walk. Resolves once the initial setup is done, so
 * a walk started afterwards cannot miss a file created in between.
 */
export async function startFileWatcher(logDir: string, skip: PathFilter, listener: WatcherListener): Promise<FileWatcher> {
  // Unfollowed, a log folder given as a symlink would be watched as the link, not the folder.
  const root = await realpath(logDir).catch(() => logDir);
  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    followSymlinks: false,
    // Unreadable files must reach the indexer, which reports them; unreadable folders are reported by the walk.
    ignorePermissionErrors: true,
    ignored: (path: string) => {
      const file = relativeLogPath(root, path);
      return !file.startsWith('..') && skip(file);
    },
  });
  const reportFile = (path: string) => {
    // chokidar also reports symlinks and special files; only regular files are logs.
    void stat(path).then((info) => {
      if (info.isFile()) listener.changed(relativeLogPath(root, path));
    }, () => undefined);
  };
  watcher.on('add', reportFile);
  watcher.on('change', reportFile);
  watcher.on('unlink', (path) => listener.removed(relativeLogPath(root, path)));
  watcher.on('unlinkDir', (path) => {
    if (relativeLogPath(root, path) === '') listener.rootGone();
  });
  watcher.on('error', (error) => listener.problem('.', describeWatchError(error as Error)));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { close: () => watcher.close() };
}
