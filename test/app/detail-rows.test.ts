import { describe, expect, it } from 'vitest';
import { detailRows, MAX_FIELD_ROWS } from '../../src/app/data/detail-rows.js';
import { DETAIL_LABEL_WIDTH, type DetailLine } from '../../src/app/data/detail-lines.js';
import { displayWidth } from '../../src/core/text/fit.js';

const field = (label: string, text: string): DetailLine => ({ kind: 'field', label, text });

describe('the detail pane\'s rows', () => {
  it('keeps a huge error message from the logs to a few rows, so the fields after it stay on screen', () => {
    const message = 'denied '.repeat(700);
    const rows = detailRows([field('message', message), field('key', 'arn:aws:kms:us-east-1:111122223333:key/k1'), { kind: 'json', label: '', text: `"errorMessage": "${message}"` }], 80);
    const messageRows = rows.filter((row) => row.label === 'message' || (row.continued && row.kind === 'field' && rows.indexOf(row) < rows.findIndex((other) => other.label === 'key')));
    expect(messageRows).toHaveLength(MAX_FIELD_ROWS);
    expect(messageRows.at(-1)!.text).toMatch(/… \(v: whole\)$/);
    expect(rows.findIndex((row) => row.label === 'key')).toBe(MAX_FIELD_ROWS);
    // The JSON keeps every word.
    expect(rows.filter((row) => row.kind === 'json').map((row) => row.text).join('').split('denied').length - 1).toBe(700);
  });

  it('cuts a long value of wide characters within the pane\'s width, the mark whole', () => {
    const rows = detailRows([field('message', '漢字'.repeat(400))], 60);
    expect(rows).toHaveLength(MAX_FIELD_ROWS);
    expect(rows.at(-1)!.text).toMatch(/… \(v: whole\)$/);
    expect(displayWidth(rows.at(-1)!.text)).toBeLessThanOrEqual(60 - DETAIL_LABEL_WIDTH - 1);
  });

  it('shows a value that fits in a few rows whole', () => {
    const rows = detailRows([field('user agent', 'x'.repeat(150))], 80);
    expect(rows.map((row) => row.text).join('')).toBe('x'.repeat(150));
  });
});
