import { stat } from 'node:fs/promises';
import { walkTree } from '../core/index/walk.js';
import { startFileWatcher, type FileWatcher, type WatcherListener } from './file-watcher.js';
import type { PathFilter } from './ignore-paths.js';

/** Which walk found the files: the first, the periodic one (for what the watcher missed), or one after the folder came back. */
export type WalkKind = 'first' | 'periodic' | 'returned';

export interface TreeListener extends Omit<WatcherListener, 'rootGone'> {
  /** Every file found by a walk of the tree. */
  scanned(files: string[], walk: WalkKind): void;
  /** A problem reported for this path is over (the log folder came back). */
  resolved(path: string): void;
}

export interface ObserverTiming {
  retryMs: number;
  rescanMs: number;
}

/**
 * Everything the indexer learns about the log folder: the first walk, live changes
 * from the watcher, a walk every few minutes for what the watcher missed (full
 * inotify queues, folders behind symlinks), and the folder vanishing and coming back.
 */
export class TreeObserver {
  private watcher: FileWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Checks every retryMs that the folder is still there: a watch does not always report its own folder's removal (a parent renamed, say). */
  private probe: NodeJS.Timeout | null = null;
  private stopped = false;
  private rootMissing = false;

  constructor(private readonly root: string, private readonly skip: PathFilter, private readonly timing: ObserverTiming,
    private readonly live: boolean, private readonly listener: TreeListener) {}

  /**
   * Starts watching (when live), then walks the tree once; resolves after that walk. The watcher is
   * ready first so that a file changed after the walk read it is always seen: a walk after the
   * watcher is ready would find new files, but not files changed in between.
   */
  async start(): Promise<void> {
    if (this.live) await this.startWatcher();
    await this.walk('first');
    if (this.live && !this.stopped) {
      this.schedule(this.rootMissing ? this.timing.retryMs : this.timing.rescanMs);
      this.startProbe();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.probe) clearInterval(this.probe);
    await this.watcher?.close();
    this.watcher = null;
  }

  private async startWatcher(): Promise<void> {
    if (!(await isDirectory(this.root))) return;
    this.watcher = await startFileWatcher(this.root, this.skip, { ...this.listener, rootGone: () => this.rootGone() });
    if (this.stopped) await this.watcher.close();
  }

  /** The watches of the gone folder end; a walk after it returns starts new ones. */
  private rootGone(): void {
    void this.watcher?.close();
    this.watcher = null;
    this.markMissing();
    this.schedule(this.timing.retryMs);
  }

  private startProbe(): void {
    if (this.timing.retryMs <= 0) return;
    this.probe = setInterval(() => {
      if (this.rootMissing || this.stopped) return;
      void isDirectory(this.root).then((present) => {
        if (!present && !this.rootMissing && !this.stopped) this.rootGone();
      });
    }, this.timing.retryMs);
    this.probe.unref();
  }

  private markMissing(): void {
    if (!this.rootMissing) this.listener.problem('.', 'the log folder is gone: waiting for it to come back (nothing indexed is lost)');
    this.rootMissing = true;
  }

  private async walk(kind: WalkKind): Promise<void> {
    if (!(await isDirectory(this.root))) {
      this.markMissing();
      if (kind === 'first') this.listener.scanned([], kind);
      return;
    }
    const returned = this.rootMissing;
    if (returned) {
      // The old watcher watched a folder that is gone: start afresh on the new one.
      await this.watcher?.close();
      this.watcher = null;
      if (this.live) await this.startWatcher();
      this.listener.resolved('.');
    }
    this.rootMissing = false;
    const { files, problems } = await walkTree(this.root, this.skip);
    if (this.stopped) return;
    for (const problem of problems) this.listener.problem(problem.path || '.', problem.reason);
    this.listener.scanned(files, returned && kind === 'periodic' ? 'returned' : kind);
  }

  /** The next walk: soon while the folder is missing, else at the rescan interval. */
  private schedule(delayMs: number): void {
    if (this.stopped || delayMs <= 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.walk('periodic').then(() => this.schedule(this.rootMissing ? this.timing.retryMs : this.timing.rescanMs));
    }, delayMs);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() === true;
}
