import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EventWriter } from '../core/index/event-writer.js';
import { openIndex, type IndexDb } from '../core/index/open.js';
import { GroupedIngest, type GroupedIngestOptions } from '../core/index/grouped-ingest.js';
import { acquireWriterLock } from './writer-lock.js';

/** The index's only write connection, with what writes through it. */
export interface IndexWriter {
  db: IndexDb;
  files: GroupedIngest;
  /** Commits what is open, closes the index and releases the writer lock. */
  close(): void;
}

/** Locks the index against a second writer, then opens (or creates) it for writing. */
export function openIndexWriter(path: string, options: GroupedIngestOptions, onRebuild?: (message: string) => void): IndexWriter {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const lock = acquireWriterLock(path);
  let db: IndexDb;
  try {
    db = openIndex(path, { onRebuild });
  } catch (error) {
    lock.release();
    throw error;
  }
  const files = new GroupedIngest(db, new EventWriter(db), options);
  return {
    db,
    files,
    close() {
      try {
        files.commit();
      } finally {
        void files.stopPreparing();
        db.close();
        lock.release();
      }
    },
  };
}
