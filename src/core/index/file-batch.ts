import type { NormalizedEvent } from '../normalize/types.js';
import type { RecordPlace } from './prepared-item.js';
import type { EventWriter } from './event-writer.js';
import type { FileRow, FileStat } from './file-state.js';
import { adjustEventCount } from './event-count.js';
import type { BatchReport, FileKind, FileReport, RejectedRecord } from './reports.js';
import type { IndexDb } from './open.js';
import { cachedStatement } from './statement-cache.js';

type Pending =
  | { type: 'event'; event: NormalizedEvent; position: number }
  | { type: 'reject'; position: number; line: number; reason: string };

interface Finish {
  kind: FileKind;
  stat: FileStat;
  head: { hash: string; length: number };
  gzip: boolean;
  complete: boolean;
}

/** Records before the first event are held back: a file of no events is "not a log", not N rejects. */
const MAX_HELD_BACK = 10_000;

/**
 * The records of one file on their way into the index. Each commit is one
 * transaction holding the events, the rejected records and the file's progress,
 * so a kill between commits resumes exactly where the last one ended.
 */
export class FileBatch {
  private pending: Pending[] = [];
  private heldBack: Pending[] = [];
  private nonEventKinds = new Set<FileKind>();
  private sawEvent: boolean;
  private sawTopLevel = false;
  private firstItemNotJson = false;
  private itemsSeen = 0;
  private resumeOffset: number;
  private resumeLine: number;
  private finishing: Finish | null = null;
  private readonly totals = { added: 0, duplicates: 0 };
  private readonly rejected: RejectedRecord[] = [];

  constructor(private readonly db: IndexDb, private readonly writer: EventWriter, private readonly file: string,
    private readonly fileId: number, resumeFrom: FileRow | null) {
    this.sawEvent = resumeFrom !== null && (resumeFrom.kind === 'jsonl' || resumeFrom.kind === 'document');
    this.sawTopLevel = resumeFrom?.kind === 'jsonl';
    this.resumeOffset = resumeFrom?.resumeOffset ?? 0;
    this.resumeLine = resumeFrom?.resumeLine ?? 1;
  }

  get size(): number {
    return this.pending.length;
  }

  addEvent(event: NormalizedEvent, record: RecordPlace): void {
    this.noteItem(record.container === 'top', false);
    if (!this.sawEvent) {
      this.sawEvent = true;
      this.pending.push(...this.heldBack);
      this.heldBack = [];
    }
    this.pending.push({ type: 'event', event, position: record.offset });
    this.advance(record.end, record.endLine);
  }

  addNonEvent(record: RecordPlace, kind: FileKind, reason: string): void {
    this.noteItem(record.container === 'top', false);
    this.nonEventKinds.add(kind);
    this.hold({ type: 'reject', position: record.offset, line: record.line, reason: `not a CloudTrail event: ${reason}` });
    this.advance(record.end, record.endLine);
  }

  reject(position: number, line: number, reason: string, resumeOffset: number, resumeLine: number): void {
    this.noteItem(false, reason.startsWith('not JSON'));
    this.hold({ type: 'reject', position, line, reason });
    this.advance(resumeOffset, resumeLine);
  }

  private noteItem(topLevel: boolean, notJson: boolean): void {
    if (this.itemsSeen++ === 0 && this.resumeOffset === 0) this.firstItemNotJson = notJson;
    if (topLevel) this.sawTopLevel = true;
  }

  private hold(item: Pending): void {
    if (this.sawEvent) this.pending.push(item);
    else if (this.heldBack.length < MAX_HELD_BACK) this.heldBack.push(item);
  }

  private advance(offset: number, line: number): void {
    this.resumeOffset = offset;
    this.resumeLine = line;
  }

  /** The kind the file has shown so far. */
  kind(): FileKind {
    if (this.sawEvent) return this.sawTopLevel ? 'jsonl' : 'document';
    // Nothing in it but a container of no records (`{"Records":[]}`) or white space.
    if (this.itemsSeen === 0 && this.resumeOffset === 0) return 'empty';
    if (this.firstItemNotJson || this.nonEventKinds.has('not-log')) return 'not-log';
    if (this.nonEventKinds.has('digest')) return 'digest';
    if (this.nonEventKinds.has('public-keys')) return 'public-keys';
    // Only broken records and no event: a damaged log, whose records are reported.
    return this.heldBack.length > 0 ? 'document' : 'not-log';
  }

  finish(finish: Finish): void {
    this.finishing = finish;
    if (!this.sawEvent && finish.kind === 'document') this.pending.push(...this.heldBack);
    this.heldBack = [];
  }

  /**
   * One transaction (or, inside the caller's, one savepoint): events, rejected records and the
   * file's progress. The writer is flushed by whoever commits the outermost transaction.
   */
  commit(onBatch?: (batch: BatchReport) => void): void {
    const items = this.pending;
    this.pending = [];
    const counts = { added: 0, duplicates: 0, rejected: 0 };
    const outermost = !this.db.inTransaction;
    try {
      this.db.transaction(() => {
        for (const item of items) this.writeItem(item, counts);
        if (outermost) this.writer.flush();
        this.saveProgress(items.length, counts);
        adjustEventCount(this.db, counts.added);
      })();
    } catch (error) {
      // Inside the caller's transaction, the caller rolls back and restores the writer.
      if (outermost) this.writer.reset();
      throw error;
    }
    this.totals.added += counts.added;
    this.totals.duplicates += counts.duplicates;
    onBatch?.({ file: this.file, ...counts });
  }

  private writeItem(item: Pending, counts: { added: number; duplicates: number; rejected: number }): void {
    if (item.type === 'event') {
      const outcome = this.writer.write(item.event, this.fileId, item.position);
      counts[outcome === 'added' ? 'added' : 'duplicates']++;
      return;
    }
    cachedStatement(this.db, 'INSERT INTO rejected (file_id, position, line, reason) VALUES (?, ?, ?, ?)')
      .run(this.fileId, item.position, item.line, item.reason);
    this.rejected.push({ file: this.file, position: item.position, line: item.line, reason: item.reason });
    counts.rejected++;
  }

  private saveProgress(records: number, counts: { added: number; duplicates: number; rejected: number }): void {
    const finish = this.finishing;
    cachedStatement(this.db, `UPDATE files SET resume_offset = ?, resume_line = ?, records = records + ?, events_added = events_added + ?,
      duplicates = duplicates + ?, rejected = rejected + ?, kind = ? WHERE id = ?`)
      .run(this.resumeOffset, this.resumeLine, records, counts.added, counts.duplicates, counts.rejected, finish?.kind ?? this.kind(), this.fileId);
    if (!finish) return;
    const status = finish.complete ? (finish.kind === 'jsonl' || finish.kind === 'document' ? 'indexed' : finish.kind) : 'incomplete';
    cachedStatement(this.db, `UPDATE files SET status = ?, size = ?, mtime_ms = ?, head_hash = ?, head_length = ?, gzip = ?, indexed_at = ?,
      error = ? WHERE id = ?`).run(status, finish.stat.size, finish.stat.mtimeMs, finish.head.hash, finish.head.length,
      Number(finish.gzip), Date.now(), finish.complete ? null : 'waiting for the rest of the file', this.fileId);
  }

  report(outcome: FileReport['outcome']): FileReport {
    const kind = this.finishing?.kind ?? this.kind();
    return { file: this.file, outcome, kind, ...this.totals, rejected: this.rejected };
  }
}
