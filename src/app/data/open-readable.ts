import { existsSync } from 'node:fs';
import { openIndex } from '../../core/index/open.js';
import { createWorkbenchData, type WorkbenchData } from './workbench-data.js';

/** The index read-only, once the indexer has created it and its schema; null until then. */
export function openReadable(path: string): WorkbenchData | null {
  if (!existsSync(path)) return null;
  let db;
  try {
    db = openIndex(path, { readonly: true });
    const data = createWorkbenchData(db);
    data.totalEvents();
    return data;
  } catch {
    db?.close();
    return null;
  }
}
