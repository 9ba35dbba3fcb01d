import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportIncident } from '../../core/export/export-incident.js';
import { defaultNoteName } from '../../core/export/write-note.js';
import { loadEvidence } from '../../core/findings/evidence.js';
import { markFinding } from '../../core/findings/mark.js';
import { reproduceFinding } from '../../core/findings/reproduce.js';
import { DEFAULT_SOURCES } from '../../core/findings/sources.js';
import { editFindingNote, listFindings, moveFinding, removeFinding } from '../../core/findings/store.js';
import type { Finding, FindingTarget } from '../../core/findings/types.js';
import { openIndex, type IndexDb } from '../../core/index/open.js';

/**
 * Findings as the workbench uses them. The workbench reads the index read-only while
 * the indexer writes it; findings are the responder's own writes, so each one opens a
 * short read-write connection (SQLite serializes it with the indexer's batches).
 */
export interface FindingsData {
  list(): Finding[];
  /** Throws FindingTargetError / FilterSyntaxError with a message for the status line. */
  mark(target: FindingTarget, note: string): Finding;
  editNote(id: number, note: string): boolean;
  remove(id: number): boolean;
  move(id: number, beforeId: number | null): boolean;
  /** The filter that shows the finding's events (what `keytrail query` would run). */
  viewFilter(finding: Finding): string;
  /** Where `e` offers to write the note: a new name (its time) in the folder keytrail was started in. */
  defaultNotePath(now: number): string;
  /** Writes the incident note to `path`, never over a file (NoteExistsError); returns the path written. */
  exportNote(options: ExportNoteOptions): string;
}

export interface ExportNoteOptions {
  logDirectory: string | null;
  title: string;
  /** Relative paths are taken from the folder keytrail was started in; `~/` is the home folder. */
  path: string;
  now: number;
}

/** A typed path read as a shell reads it: `~/case/note.md` is under the home folder, a relative path under `noteDir`. */
function notePath(noteDir: string, typed: string): string {
  return typed === '~' || typed.startsWith('~/') ? join(homedir(), typed.slice(1)) : resolve(noteDir, typed);
}

/** `noteDir`: where `e` writes the note (the directory keytrail was started in). */
export function createFindingsData(dbPath: string, noteDir = process.cwd()): FindingsData {
  const withIndex = <T>(use: (db: IndexDb) => T): T => {
    const db = openIndex(dbPath);
    try {
      return use(db);
    } finally {
      db.close();
    }
  };
  return {
    list: () => withIndex(listFindings),
    mark: (target, note) => withIndex((db) => markFinding(db, target, note, DEFAULT_SOURCES)),
    editNote: (id, note) => withIndex((db) => editFindingNote(db, id, note)),
    remove: (id) => withIndex((db) => removeFinding(db, id)),
    move: (id, beforeId) => withIndex((db) => moveFinding(db, id, beforeId)),
    viewFilter: (finding) => withIndex((db) => reproduceFinding(db, loadEvidence(db, finding, DEFAULT_SOURCES)).filter),
    defaultNotePath: (now) => resolve(noteDir, defaultNoteName('md', now)),
    exportNote: ({ logDirectory, title, path, now }) => withIndex((db) => exportIncident(db, {
      title, notePath: notePath(noteDir, path), logsDir: logDirectory, now, sources: DEFAULT_SOURCES,
    }).notePath),
  };
}
