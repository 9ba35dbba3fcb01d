/** What indexing tells its callers (CLI JSON, watcher messages, the UI's status line). */

/** What a file turned out to hold. `jsonl`: top-level values, resumable at a byte offset. */
export type FileKind = 'document' | 'jsonl' | 'digest' | 'public-keys' | 'not-log' | 'empty' | 'pending';

export interface RejectedRecord {
  file: string;
  position: number;
  line: number;
  reason: string;
}

export interface FileReport {
  file: string;
  /** What happened this time: `skipped` files were unchanged since the last run. */
  outcome: 'indexed' | 'skipped' | 'incomplete' | 'failed';
  kind: FileKind | 'unknown';
  added: number;
  duplicates: number;
  rejected: RejectedRecord[];
  error?: string;
}

export interface BatchReport {
  file: string;
  added: number;
  duplicates: number;
  rejected: number;
}

