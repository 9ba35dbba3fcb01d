import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentReport } from '../../../src/core/export/build-report.js';
import { renderMarkdown } from '../../../src/core/export/render-markdown.js';
import { GENERATED_AT, makeIncidentFixture, type IncidentFixture } from './incident-fixture.js';

const GOLDEN = join(import.meta.dirname, 'golden', 'incident-note.md');

describe('the incident note', () => {
  let fixture: IncidentFixture;
  beforeAll(async () => {
    fixture = await makeIncidentFixture();
  });
  afterAll(() => fixture.cleanup());

  it('matches the golden note for the fixed findings (UPDATE_GOLDEN=1 rewrites it)', () => {
    const report = buildIncidentReport(fixture.db, {
      title: 'Golden incident | seeds', now: GENERATED_AT, logDirectory: 'test/fixtures/seeds', evidenceFile: 'incident-note.md.evidence.jsonl',
    });
    const note = renderMarkdown(report);
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, note);
    expect(note).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});
