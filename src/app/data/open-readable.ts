import { existsSync } from 'node:fs';
import { asIndexDamage } from '../../core/index/damage.js';
import { IndexOpenError, openIndex } from '../../core/index/open.js';
import { createWorkbenchData, type WorkbenchData } from './workbench-data.js';

/**
 * The index read-only, once the indexer has created it and its schema; null until
 * then, or when it cannot be read (`onError` says why: another keytrail's schema, a
 * damaged file).
 */
export function openReadable(path: string, onError?: (reason: string) => void): WorkbenchData | null {
  if (!existsSync(path)) return null;
  let db;
  try {
    db = openIndex(path, { readonly: true });
    const data = createWorkbenchData(db);
    data.totalEvents();
    return data;
  } catch (error) {
    db?.close();
    // Another keytrail's schema is refused by openIndex with what to do; anything else is a damaged file.
    const damaged = asIndexDamage(error, path, null)?.message.replaceAll('\n', ' ');
    onError?.(error instanceof IndexOpenError ? error.message : damaged ?? `cannot read ${path}: ${(error as Error).message}`);
    return null;
  }
}
