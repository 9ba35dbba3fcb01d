import type { BenchResults } from './results.js';

/**
 * Why a target is missed, as profiling found it (the issue 9 report has the numbers and
 * reproductions). Shown under the targets table only for the targets this run missed;
 * when the code changes, the profile behind a note must be taken again.
 */
const INGEST = 'the writer is the bottleneck and runs on one thread. A CPU profile of `keytrail index` on 200k events'
  + ' (commit d4c90bb, load ~2) has 57% of the time in SQLite: 21% inserting every event\'s unique requestID into'
  + ' entity_values (one random-key unique-index insert per event), 13% COMMIT (WAL writes and checkpoints), 9% the event'
  + ' row with its unique uid and hash indexes, 9% entity rows, 5% per-value counts; then 9% Brotli on raw blocks, 6% the'
  + ' byte-at-a-time record scanner, 4% JSON.parse, 4% GC. The rate also falls as the index outgrows the page cache'
  + ' (7,700 ev/s for 200k events, under 4,000 ev/s for 1M).';

const WHY: Record<string, string> = {
  'ingest-rate': INGEST,
  'ingest-vs-duckdb': 'see the cold ingest: DuckDB parses on both cores into one JSON column with no index.',
  'ingest-vs-parse': 'see the cold ingest: parsing is a tenth of the work; the SQLite writes are the rest.',
  'index-plus-answer': 'follows from the ingest rate: building the index takes several jq passes.',
  'question-vs-jq': 'each answer reads every matching event (15-24k rows at 1M, a thousand per query) or groups them by'
    + ' principal; the key in the grouped question is named by 58 aliases, so it takes the slow many-values path below.'
    + ' A question that needs one page is milliseconds.',
  page: 'filters that expand to more than 32 values (a key named by 57 one-off aliases, principal:*user* with 464 values,'
    + ' ip:100.0.0.0/8 with 1,763) take pageKeys\' `value_id IN json_each(?)` + DISTINCT + ORDER BY path, which sorts every'
    + ' matching entity row before the LIMIT: 40-110 ms, 0.2-1 s and 19-45 s per page at 1M (a cursor in the middle of the'
    + ' list is faster than either end). Single-value filters stay under 5 ms.',
  facets: 'facet counts read every matching event: 0.6-1 s per kind under event:Decrypt (a quarter of the index) and'
    + ' 170-370 ms under the hottest key (67k events) at 1M.',
  'first-frame': '`keytrail --version` (node start-up and parsing the 2.3 MB bundle) already takes 150-170 ms here; the rest'
    + ' is evaluating ink, React and yoga\'s WebAssembly layout engine, then drawing the first frame.',
  keypress: 'typed keys are fast (p99 25 ms at 1M); the tail is keys that wait: moving or paging the hottest-key list runs'
    + ' the slow many-values page query above, and switching facets or applying a filter starts counts and facets that hold'
    + ' the next key for up to a second. Each frame also redraws the whole 120x40 screen: ink\'s output stage (string-width,'
    + ' ANSI tokenizing) is about half of the busy CPU in a profile of the keypress session, garbage collection a fifth.',
  'db-size': 'by dbstat at 1M events: the events table is 379 B/event (40%: display columns as text, ARNs and ids repeated'
    + ' in every row), raw Brotli blocks 204 B (22%), entity rows 175 B (19%), entity_values and its unique index 126 B'
    + ' (13%, nearly all of it one requestID per event), the event indexes 61 B.',
};

export function missExplanations(results: BenchResults): string[] {
  return results.targets
    .filter((target) => target.met === false)
    .map((target) => `${target.what}: ${WHY[target.id] ?? 'not analysed yet.'}`);
}
