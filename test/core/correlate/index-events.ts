import type { IndexDb } from '../../../src/core/index/open.js';
import { makeScratch, recordsFile, type Scratch } from '../../helpers/temp-index.js';

/** Indexes generated events as one Records file in a fresh scratch folder; the caller cleans it up. */
export async function indexEvents(events: unknown[]): Promise<{ scratch: Scratch; db: IndexDb }> {
  const scratch = makeScratch();
  scratch.write('events.json', recordsFile(events));
  return { scratch, db: (await scratch.index()).db };
}
