/**
 * Writes docs/example-incident.md and its evidence file from sample-logs:
 *   npx tsx scripts/gen-example-incident.ts
 * Indexes into a temporary folder; the note names the logs as `sample-logs`, so its
 * reproduce commands run from the repository root after `keytrail index sample-logs`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportIncident } from '../src/core/export/export-incident.js';
import { buildExampleIndex, EXAMPLE_GENERATED_AT, EXAMPLE_TITLE } from './example-incident.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'keytrail-example-'));
try {
  const db = await buildExampleIndex(repoRoot, join(scratch, 'example.db'));
  const written = exportIncident(db, {
    title: EXAMPLE_TITLE, notePath: join(repoRoot, 'docs', 'example-incident.md'), logsDir: 'sample-logs', now: EXAMPLE_GENERATED_AT, force: true,
  });
  db.close();
  console.log(`wrote ${written.notePath} (${written.lines} lines, ${written.bytes} bytes) and ${written.evidencePath} (${written.events} events)`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
