import { describe, expect, it } from 'vitest';
import { fitCell } from '../../../src/core/text/fit.js';
import { safeJson } from '../../../src/core/text/safe-json.js';
import { sanitizeForTerminal } from '../../../src/core/text/sanitize.js';

const HOSTILE = 'a\u001b]0;title\u0007b\u001b[2Jc\u009b31md\u202eevil\u2028e\u007f';

describe('log text on a terminal', () => {
  it('makes every control, C1 and bidi character visible and inert', () => {
    const safe = sanitizeForTerminal(HOSTILE);
    expect(safe).toBe('a\\x1b]0;title\\x07b\\x1b[2Jc\\x9b31md\\u202eevil\\u2028e\\x7f');
    expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e\u2028]/);
  });

  it('keeps JSON output parseable and free of raw control and bidi characters', () => {
    const json = safeJson({ userAgent: HOSTILE });
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e\u2028]/);
    expect(JSON.parse(json)).toEqual({ userAgent: HOSTILE });
  });

  it('fits a wide value into its column with an ellipsis instead of wrapping', () => {
    expect(fitCell('arn:aws:iam::111122223333:user/alice', 12)).toBe('arn:aws:iam…');
    expect(fitCell('漢字漢字漢字', 7)).toBe('漢字漢…');
    expect(fitCell('漢字漢字漢字', 8)).toBe('漢字漢… ');
    expect(fitCell('\u001b[2J', 10)).toBe('\\x1b[2J   ');
  });
});
