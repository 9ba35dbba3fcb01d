import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import Database from 'better-sqlite3';

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
