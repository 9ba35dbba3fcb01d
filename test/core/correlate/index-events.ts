import { onTestFinished } from 'vitest';
import type { IndexDb } from '../../../src/core/index/open.js';
import { makeScratch, recordsFile } from '../../helpers/temp-index.js';

/** Indexes generated events as one Records file in a scratch folder removed when the test ends. */
export async function indexEvents(events: unknown[]): Promise<IndexDb> {
  const scratch = makeScratch();
  onTestFinished(() => scratch.cleanup());
  scratch.write('events.json', recordsFile(events));
  return (await scratch.index()).db;
}
