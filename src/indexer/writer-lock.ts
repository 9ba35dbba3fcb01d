import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WriterLock {
  release(): void;
}

export class IndexBusyError extends Error {}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !hasExited(pid);
}

/**
 * A process killed a moment ago still answers signals until its parent reaps it (a zombie,
 * state Z in /proc on Linux); it writes nothing. Elsewhere there is no /proc and it counts as running.
 */
function hasExited(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state ...": the command may itself hold spaces and parentheses.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}

function readOwner(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Links a complete pid file into place: a reader never sees the lock half-written. */
function tryCreate(lockPath: string): boolean {
  const draft = `${lockPath}.${process.pid}.${Date.now()}`;
  writeFileSync(draft, String(process.pid), { mode: 0o600 });
  try {
    linkSync(draft, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

/**
 * Clears a lock its dead owner left. Two reruns may both find it stale: the first takes it over
 * and writes its own, which the second must not delete. So a lock is only removed under a second,
 * short-lived lock (`.break`), and only if it still names `staleOwner`; a `.break` left by a
 * breaker that died is itself cleared, and the caller tries again.
 */
export function takeOverStale(lockPath: string, staleOwner: number | null): void {
  const breakPath = `${lockPath}.break`;
  if (!tryCreate(breakPath)) {
    const breaker = readOwner(breakPath);
    if (breaker !== null && breaker !== process.pid && !isRunning(breaker)) rmSync(breakPath, { force: true });
    return;
  }
  try {
    if (readOwner(lockPath) === staleOwner) rmSync(lockPath, { force: true });
  } finally {
    rmSync(breakPath, { force: true });
  }
}

/** Removes the lock only while it names this process: a lock another writer took over is theirs. */
function releaseOwn(lockPath: string): void {
  if (readOwner(lockPath) === process.pid) rmSync(lockPath, { force: true });
}

/**
 * One writer per index: a second one would interleave raw blocks and resume points.
 * The lock file names the writing process; a lock left by a process that died (kill -9)
 * is taken over.
 */
export function acquireWriterLock(indexPath: string): WriterLock {
  const lockPath = `${indexPath}.lock`;
  // The lock comes before the index is opened: on a fresh state folder its directory does not exist yet.
  mkdirSync(dirname(indexPath), { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(lockPath)) {
      return { release: () => releaseOwn(lockPath) };
    }
    const owner = readOwner(lockPath);
    if (owner !== null && owner !== process.pid && isRunning(owner)) {
      throw new IndexBusyError(`another keytrail (pid ${owner}) is writing ${indexPath}; stop it first `
        + `(if no keytrail runs as pid ${owner}, remove ${lockPath})`);
    }
    takeOverStale(lockPath, owner);
  }
  throw new IndexBusyError(`could not lock ${indexPath} (${lockPath} keeps coming back)`);
}
