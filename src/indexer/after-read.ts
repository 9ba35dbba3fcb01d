import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileReport } from '../core/index/reports.js';
import type { FileFollowup } from './file-followup.js';
import type { FileQueue } from './file-queue.js';
import type { ProblemLog } from './problem-log.js';
import type { ProgressMeter } from './progress-meter.js';

export interface AfterReadParts {
  dir: string;
  recheckMs: number;
  queue: FileQueue;
  followup: FileFollowup;
  problems: ProblemLog;
  meter: ProgressMeter;
  signal: AbortSignal;
  /** Whether files just read wait in a transaction not yet committed. */
  transactionOpen: () => boolean;
}

const STALE: Record<'stale-line' | 'stale-document', string> = {
  'stale-line': 'stopped changing with an unfinished last line: the lines before it are indexed, the last one waits for the rest',
  'stale-document': 'stopped changing but ends inside a record (a truncated gzip or JSON document): '
    + 'indexed as it is, its broken end reported as rejected; it is indexed again if it changes',
};

/** After a second look at a file cut short: skip it, read it (waiting for the rest), or read it as final. */
export type RecheckAction = 'skip' | 'read' | 'read-as-is';

/** What happens to a file after the indexer read it: done, wait for the rest, or try again later. */
export class AfterRead {
  constructor(private readonly parts: AfterReadParts) {}

  async settle(file: string, report: FileReport): Promise<void> {
    const { queue, followup, problems, meter } = this.parts;
    if (report.outcome === 'indexed' || report.outcome === 'skipped') {
      followup.clear(file);
      problems.resolved(file);
      meter.finished(file, this.parts.transactionOpen());
      return;
    }
    if (this.parts.signal.aborted) return;
    const shape = await this.shapeOf(file);
    if (!shape) {
      if (report.outcome === 'failed') problems.report(file, 'the file disappeared while being read; what was indexed from it stays');
      this.forget(file);
    } else if (report.outcome === 'incomplete') {
      queue.later(file, followup.leftIncomplete(file, shape, report.kind === 'jsonl', Date.now()), 'recheck');
    } else {
      this.failed(file, `${report.error ?? 'could not be read'}; trying again later`);
    }
  }

  /** The read threw (the index, not the file, is at fault): report it and try again later. */
  failed(file: string, reason: string): void {
    this.parts.problems.report(file, reason);
    this.parts.meter.failed(file);
    this.parts.queue.later(file, this.parts.followup.failed(file, Date.now()), 'retry');
  }

  /** A file that ended inside a record: read it if it changed; once it stopped changing, say so (and read a document as it is). */
  async recheck(file: string): Promise<RecheckAction> {
    const verdict = this.parts.followup.recheck(file, await this.shapeOf(file), Date.now());
    if (verdict === 'read') return 'read';
    if (verdict === 'wait') {
      this.parts.queue.later(file, Date.now() + this.parts.recheckMs, 'recheck');
      return 'skip';
    }
    this.parts.problems.report(file, STALE[verdict]);
    if (verdict === 'stale-document') return 'read-as-is';
    this.parts.meter.finished(file, this.parts.transactionOpen());
    return 'skip';
  }

  /** A deleted log keeps its events (the index is the evidence once the file is gone); only its follow-ups end. */
  forget(file: string): void {
    this.parts.queue.forget(file);
    this.parts.followup.clear(file);
    this.parts.meter.forget(file);
    this.parts.problems.resolved(file);
  }

  private async shapeOf(file: string): Promise<{ size: number; mtimeMs: number } | null> {
    const info = await stat(join(this.parts.dir, file)).catch(() => null);
    return info ? { size: info.size, mtimeMs: info.mtimeMs } : null;
  }
}
