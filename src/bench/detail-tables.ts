import { FACET_KINDS } from '../app/store.js';
import { formatMs } from './format.js';
import { POSITIONS } from './page-latency.js';
import { isSkipped, type BenchResults } from './results.js';
import { markdownTable } from './table.js';

const cell = (summary: { p50: number; p99: number }) => `${formatMs(summary.p50)} / ${formatMs(summary.p99)}`;

interface GridCase<Column> {
  label: string;
  filter: string;
  column: Column;
  latency: { p50: number; p99: number };
}

/** One row per filter, one "p50 / p99" column per place or kind. */
function latencyGrid<Column extends string>(cases: readonly GridCase<Column>[], columns: readonly Column[], withText: boolean): string {
  const labels = [...new Set(cases.map((item) => item.label))];
  const rows = labels.map((label) => {
    const own = cases.filter((item) => item.label === label);
    const text = withText ? [`\`${own[0]!.filter || '(none)'}\``] : [];
    return [label, ...text, ...columns.map((column) => {
      const found = own.find((item) => item.column === column);
      return found ? cell(found.latency) : '-';
    })];
  });
  return markdownTable(['filter', ...(withText ? ['text'] : []), ...columns.map((column) => `${column} p50 / p99`)], rows);
}

/** Page latency for each filter at the newest, middle and oldest place of its list. */
export function pagesTable(results: BenchResults): string {
  const pages = results.pages;
  if (isSkipped(pages)) return pages.skipped;
  return latencyGrid(pages.cases.map((item) => ({ ...item, column: item.position })), POSITIONS, true);
}

/** Facet count latency for each filter and kind. */
export function facetsTable(results: BenchResults): string {
  const facets = results.facets;
  if (isSkipped(facets)) return facets.skipped;
  return latencyGrid(facets.cases.map((item) => ({ ...item, column: item.kind })), FACET_KINDS, false);
}

/** Keypress to frame by the kind of key (moving, paging, jumping, typing, applying a filter, switching panes). */
export function keysTable(results: BenchResults): string {
  if (isSkipped(results.workbench)) return results.workbench.skipped;
  const rows = Object.entries(results.workbench.keys.byKind)
    .map(([kind, summary]) => [kind, String(summary.n), formatMs(summary.p50), formatMs(summary.p99), formatMs(summary.max)]);
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
