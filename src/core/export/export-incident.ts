import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { EvidenceSources } from '../findings/sources.js';
import type { IndexDb } from '../index/open.js';
import { buildIncident } from './build-report.js';
import { evidenceJsonLines } from './evidence-file.js';
import { renderJson, renderMarkdown } from './render-markdown.js';
import { NoteExistsError, writeNote } from './write-note.js';

export type NoteFormat = 'md' | 'json';

export interface ExportOptions {
  title?: string;
  /** Where the note goes; the evidence file goes beside it (evidencePathFor). */
  notePath: string;
  /** The log folder as the responder gave it: reproduce commands name it with `--dir`. */
  logsDir: string | null;
  format?: NoteFormat;
  /** Replace existing files; without it neither file is ever written over. */
  force?: boolean;
  /** The generated-at time (epoch ms); tests pin it. */
  now?: number;
  sources?: EvidenceSources;
}

export interface ExportResult {
  notePath: string;
  evidencePath: string;
  /** The note's size, as the caller reports it. */
  lines: number;
  bytes: number;
  /** Events in the evidence file. */
  events: number;
}

/** `incident.md` -> `incident.md.evidence.jsonl`. */
export function evidencePathFor(notePath: string): string {
  return `${notePath}.evidence.jsonl`;
}

/** The note as text, and the evidence file's content; `evidenceFile` is the name the note gives it (null: none). */
export function renderIncident(db: IndexDb, options: Omit<ExportOptions, 'notePath' | 'force'> & { evidenceFile: string | null }): { note: string; evidence: string; events: number } {
  const { report, evidence } = buildIncident(db, {
    title: options.title, now: options.now, logDirectory: options.logsDir, evidenceFile: options.evidenceFile, sources: options.sources,
  });
  return { note: options.format === 'json' ? renderJson(report) : renderMarkdown(report), evidence: evidenceJsonLines(evidence), events: evidence.length };
}

/**
 * Writes the incident note and its evidence file beside it, both owner-only. Without
 * `force`, an existing note or evidence file stops the export before anything is
 * written (NoteExistsError). The CLI and the workbench both export through here.
 */
export function exportIncident(db: IndexDb, options: ExportOptions): ExportResult {
  const evidencePath = evidencePathFor(options.notePath);
  if (!options.force) {
    for (const path of [options.notePath, evidencePath]) if (existsSync(path)) throw new NoteExistsError(path);
  }
  const { note, evidence, events } = renderIncident(db, { ...options, evidenceFile: basename(evidencePath) });
  writeNote(evidencePath, evidence, options.force === true);
  writeNote(options.notePath, note, options.force === true);
  return { notePath: options.notePath, evidencePath, lines: note.split('\n').length - 1, bytes: Buffer.byteLength(note), events };
}
