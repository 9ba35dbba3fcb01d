import type { IndexDb } from '../index/open.js';
import { RawBlockReader } from '../index/raw-store.js';

/**
 * The records as delivered, kept whole in the index's raw blocks, one line each: a
 * record from a pretty-printed file loses only its line breaks (and the blanks around
 * them), which JSON allows only between tokens, so every value is unchanged.
 */
export function* rawRecords(db: IndexDb, seqs: Iterable<number>): Generator<string> {
  const reader = new RawBlockReader(db, 16);
  const location = db.prepare('SELECT raw_block AS block, raw_offset AS offset, raw_length AS length FROM events WHERE seq = ?');
  for (const seq of seqs) {
    const at = location.get(seq) as { block: number; offset: number; length: number } | undefined;
    const raw = at ? reader.read(at.block, at.offset, at.length) : null;
    if (raw !== null) yield raw.replace(/\s*[\r\n]\s*/g, '');
  }
}
