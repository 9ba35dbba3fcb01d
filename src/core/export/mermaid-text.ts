import { sanitizeForTerminal } from '../text/sanitize.js';

/** Characters a quoted mermaid label shows as they are; everything else becomes an entity code. */
const PLAIN = /[A-Za-z0-9 ,.:/_=+-]/;

/**
 * A mermaid label body for `["..."]` and `|"..."|`: quotes, brackets, pipes, `;`,
 * `#`, HTML and backticks are written as `#<code>;` entity codes, which mermaid
 * renders as the character and never parses, so a label cannot end early, add
 * nodes or close the markdown fence around the diagram.
 */
export function mermaidText(value: string | null | undefined): string {
  let out = '';
  for (const ch of sanitizeForTerminal(value ?? '')) out += PLAIN.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

/** Several label lines, each escaped, joined by mermaid's line break. */
export function mermaidLabel(lines: ReadonlyArray<string | null | undefined>): string {
  return `"${lines.filter((line): line is string => Boolean(line)).map(mermaidText).join('<br/>')}"`;
}
