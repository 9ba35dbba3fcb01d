import type { BenchResults } from './results.js';

/**
 * Why a target is missed, as profiling found it (the issue 9 report has the numbers and
 * reproductions). Shown under the targets table only for the targets this run missed;
 * when the code changes, the profile behind a note must be taken again.
 */
const INGEST = 'the writer is the bottleneck and runs on one thread. A CPU profile of `keytrail index` on 200k events'
  + ' (commit d4c90bb, load ~2) has 57% of the time in SQLite: 21% inserting every event\'s unique requestID into'
  + ' entity_values (one random-key unique-index insert per event), 13% COMMIT (WAL writes and checkpoints), 9% the event'
  + ' row with its indexes, 9% entity rows, 5% per-value counts; then 9% Brotli on raw blocks, 6% the byte-at-a-time'
  + ' record scanner, 4% JSON.parse, 4% GC. The rate falls as the index outgrows the page cache: about 7,600 ev/s for'
  + ' 200k events, 4,700 for 1M, 2,600 for 5M.';

const WHY: Record<string, string> = {
  'ingest-rate': INGEST,
  'ingest-vs-duckdb': 'see the cold ingest: DuckDB reads the files on both cores into one JSON column and builds no index.',
  'ingest-vs-parse': 'see the cold ingest: reading and parsing are a tenth of the work; the SQLite writes are most of the rest.',
  'index-plus-answer': 'follows from the ingest rate: building the index takes several jq passes.',
  'question-vs-jq': 'each answer reads every matching event in full (4k-24k events at 1M, a thousand rows per query) or counts'
    + ' 24k events by principal, so it takes 57-230 ms; jq takes 24-50 s. A question answered by one page takes about 1 ms'
    + ' (see the pages).',
  page: 'single filters page in 1-9 ms at p99; the misses are `error:*` (seven error codes merged, p99 about 20 ms) and'
    + ' `event:Decrypt error:*`, which is driven by the smaller term (the errors) and tests every error row for Decrypt:'
    + ' the error codes that are rarely Decrypt are read to the end of their range looking for 50 matches (20-60 ms).',
  facets: 'a facet count reads every matching event: 0.5-0.9 s per kind under event:Decrypt (a quarter of the index) and'
    + ' 0.14-0.66 s under the hottest key (67k events) at 1M. The workbench counts in time slices between keys, but each'
    + ' whole count, as measured here, grows with the matches.',
  'first-frame': '`keytrail --version` (node start-up and parsing the 2.3 MB bundle) already takes 150-170 ms here; the rest'
    + ' is evaluating ink, React and yoga\'s WebAssembly layout engine, then drawing the first frame.',
  keypress: 'typed keys are fast (p99 about 20 ms); the tail is keys that arrive while a new filter or pane is still being'
    + ' counted (counts, histogram and facets: up to a second of work under the broad filters here, run between keys), and'
    + ' every frame redraws the whole 120x40 screen: ink\'s output stage (string-width, ANSI tokenizing) is about half of'
    + ' the busy CPU in a profile of the keypress session (50k events), garbage collection a fifth.',
  'db-size': 'by dbstat at 1M events: the events table is 379 B/event (40%: display columns as text, ARNs and ids repeated'
    + ' in every row), raw Brotli blocks 204 B (22%), entity rows 175 B (19%, 8.6 per event), entity_values and its unique'
    + ' index 126 B (13%: 992k of its 1.1M values are requestIDs, one per event), the event indexes 61 B.',
  memory: 'the ingest\'s peak grows with the index: 214 MiB at 200k events (reached during the scan, not in the detections'
    + ' after it), 330 MiB at 1M, 455 MiB at 5M; where the growth goes (SQLite page cache, the writer\'s value caches,'
    + ' chokidar) is not analysed yet.',
};

export function missExplanations(results: BenchResults): string[] {
  return results.targets
    .filter((target) => target.met === false)
    .map((target) => `${target.what}: ${WHY[target.id] ?? 'not analysed yet.'}`);
}
