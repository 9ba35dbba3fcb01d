import { existsSync } from 'node:fs';
import { openIndex, readMeta } from '../../core/index/open.js';
import { SCHEMA_VERSION } from '../../core/index/schema.js';
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
    const version = readMeta(db, 'schema_version');
    if (version !== null && Number(version) !== SCHEMA_VERSION) {
      db.close();
      onError?.(`${path} was built by another keytrail (schema ${version}, this one reads ${SCHEMA_VERSION}): delete it and index again`);
      return null;
    }
    const data = createWorkbenchData(db);
    data.totalEvents();
    return data;
  } catch (error) {
    db?.close();
    onError?.(`cannot read ${path}: ${(error as Error).message}`);
    return null;
  }
}
