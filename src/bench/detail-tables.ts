import { FACET_KINDS } from './aggregate-latency.js';
import { formatMs } from './format.js';
import { POSITIONS } from './page-latency.js';
import { isSkipped, type BenchResults } from './results.js';
import { markdownTable } from './table.js';

const cell = (summary: { p50: number; p99: number }) => `${formatMs(summary.p50)} / ${formatMs(summary.p99)}`;

/** Page latency (p50 / p99) for each filter at the newest, middle and oldest place of its list. */
export function pagesTable(results: BenchResults): string {
  const pages = results.pages;
  if (isSkipped(pages)) return pages.skipped;
  const labels = [...new Set(pages.cases.map((item) => item.label))];
  const rows = labels.map((label) => {
    const cases = pages.cases.filter((item) => item.label === label);
    return [label, `\`${cases[0]!.filter || '(none)'}\``, ...POSITIONS.map((position) => cell(cases.find((item) => item.position === position)!.latency))];
  });
  return markdownTable(['filter', 'text', ...POSITIONS.map((position) => `${position} p50 / p99`)], rows);
}

/** Facet count latency (p50 / p99) for each filter and kind. */
export function facetsTable(results: BenchResults): string {
  const facets = results.facets;
  if (isSkipped(facets)) return facets.skipped;
  const labels = [...new Set(facets.cases.map((item) => item.label))];
  const rows = labels.map((label) => {
    const cases = facets.cases.filter((item) => item.label === label);
    return [label, ...FACET_KINDS.map((kind) => cell(cases.find((item) => item.kind === kind)!.latency))];
  });
  return markdownTable(['filter', ...FACET_KINDS.map((kind) => `${kind} p50 / p99`)], rows);
}

/** Keypress to frame by the kind of key (moving, paging, jumping, typing, applying a filter, switching panes). */
export function keysTable(results: BenchResults): string {
  if (isSkipped(results.workbench)) return results.workbench.skipped;
  const rows = Object.entries(results.workbench.keys.byKind).map(([kind, summary]) => [kind, String(summary.n), formatMs(summary.p50), formatMs(summary.p99), formatMs(summary.max)]);
  return markdownTable(['keys', 'n', 'p50', 'p99', 'max'], rows);
}

/** The filters, jq programs and DuckDB SQL behind the questions table, so anyone can rerun one by hand. */
export function questionCommands(results: BenchResults): string {
  if (isSkipped(results.questions)) return '';
  return results.questions.map((question) => [
    `- **${question.title}**`,
    `  - keytrail: \`${question.keytrailProcess.command}\``,
    `  - jq: \`${question.jqCommand}\``,
  ].join('\n')).join('\n');
}
