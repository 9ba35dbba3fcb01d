import { lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteExistsError, writeNote } from '../../../src/core/export/write-note.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keytrail-note-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeNote', () => {
  it('writes the note readable by its owner only', () => {
    writeNote(join(dir, 'note.md'), '# note\n');
    expect(statSync(join(dir, 'note.md')).mode & 0o777).toBe(0o600);
  });

  it('never overwrites an existing file unless forced', () => {
    const path = join(dir, 'note.md');
    writeFileSync(path, 'keep me');
    expect(() => writeNote(path, 'new')).toThrow(NoteExistsError);
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    writeNote(path, 'new', true);
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('replaces a symlink at the target instead of writing through it', () => {
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'untouched');
    symlinkSync(victim, join(dir, 'note.md'));
    expect(() => writeNote(join(dir, 'note.md'), 'x')).toThrow(NoteExistsError);
    writeNote(join(dir, 'note.md'), 'x', true);
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(lstatSync(join(dir, 'note.md')).isSymbolicLink()).toBe(false);
  });
});
