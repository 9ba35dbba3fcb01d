import { randomBytes } from 'node:crypto';
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** `keytrail-incident-20261121T043000Z.md`: where a note goes when no file is named (CLI and workbench). */
export function defaultNoteName(format: 'md' | 'json', now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `keytrail-incident-${stamp}.${format}`;
}

/** The file exists and overwriting was not asked for. */
export class NoteExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists; choose another --out or pass --force to replace it`);
  }
}

/**
 * Writes the note owner-only (it quotes log data). Without `force` an existing file
 * is never touched (O_EXCL). With it, the note goes to a fresh file beside the
 * target and is renamed over it, so a symlink at the target is replaced, never followed.
 */
export function writeNote(path: string, content: string, force = false): void {
  if (!force) {
    try {
      writeFileSync(path, content, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new NoteExistsError(path);
      throw error;
    }
    return;
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, content, { flag: 'wx', mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
