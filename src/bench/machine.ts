import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import Database from 'better-sqlite3';
import { partTimer } from './stats.js';

/** What the numbers were measured on. The machine may be shared: the load average says how busy it was. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  sqlite: string;
  jq: string | null;
  kernel: string;
  loadAverageAtStart: [number, number, number];
}

/** The commit the figures belong to (`+changes` when the tree had uncommitted edits), or null outside git. */
export function sourceCommit(): string | null {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  if (head.status !== 0) return null;
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? '+changes' : ''}`;
}

function jqVersion(): string | null {
  const result = spawnSync('jq', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return db.prepare('SELECT sqlite_version()').pluck().get() as string;
  } finally {
    db.close();
  }
}

export function describeMachine(): MachineInfo {
  const [one, five, fifteen] = loadavg();
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    sqlite: sqliteVersion(),
    jq: jqVersion(),
    kernel: release(),
    loadAverageAtStart: [one ?? 0, five ?? 0, fifteen ?? 0].map((value) => Math.round(value * 100) / 100) as [number, number, number],
  };
}

/** Load average now, for the report's "how busy was the machine" during each phase. */
export function loadNow(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

/**
 * What every run records from its start: the commit (taken now: the code under test is what was
 * built at the start, whatever is committed during the run), the machine, the load per part
 * (`loadAverage[part] = loadNow()`) and the wall time of each part (`endPart`).
 */
export function startRun() {
  const started = performance.now();
  const machine = describeMachine();
  const { seconds: partSeconds, end: endPart } = partTimer();
  return { started, commit: sourceCommit(), machine, loadAverage: { start: machine.loadAverageAtStart[0] } as Record<string, number>, partSeconds, endPart };
}
