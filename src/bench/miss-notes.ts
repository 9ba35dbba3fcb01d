import type { TargetVerdict } from './targets.js';

/**
 * Why a target is missed, as profiling found it (docs/PERFORMANCE.md has the run's
 * figures). Shown under the targets table only for the targets this run missed;
 * when the code changes, the profile behind a note must be taken again.
 */
const INGEST = 'the writer is the bottleneck and runs on one thread. A CPU profile of a 1M-event cold ingest (commit fa2f802,'
  + ' in-process ingestTree, 5 s transactions) has 21% in the event row and its four indexes (two of them on random keys: the'
  + ' eventID hash for deduplication, the requestID hash, since deferred to the end of the scan), 15% in entity rows (8 per event, each appended to its'
  + ' value\'s range, so a commit touches pages all over that index), 9% Brotli on raw blocks, 7% the record scanner (since made'
  + ' 1.4x faster), 6% value-id lookups, 5% COMMIT, 4% the duplicate check, 4% JSON.parse, 4% SHA-1 of ids, 4% GC.'
  + ' A second thread for parsing does not pay as things are: handing a parsed event to another thread (structured clone)'
  + ' costs 20-35 us, as much as reading, parsing and normalizing it (24-36 us, measured on the same 21k events); it would need a'
  + ' compact encoding of normalized events. The rest is SQLite B-tree writes, which a single writer cannot spread. Changes'
  + ' measured here: requestIDs out of entity_values (1M unique values there made every commit rewrite pages across the table),'
  + ' transactions that grow with the backlog, the requestID index built in one sorted pass at the end of the scan, and the'
  + ' faster scanner: 214 s -> 100-130 s for 1M events (runs under different load); the rate still falls as the index grows.';

const WHY: Record<string, string> = {
  'ingest-rate': INGEST,
  'ingest-vs-duckdb': 'see the cold ingest: DuckDB reads the files on both cores into one JSON column and builds no index.',
  'ingest-vs-parse': 'see the cold ingest: gunzip, scanning and JSON.parse are a fifth of the writer\'s time; SQLite writes are most of the rest.',
  'index-plus-answer': 'follows from the ingest rate: building the index takes several jq passes.',
  'newest-hour': 'the scan reads the newest deliveries first, but "every file delivered since the hour began" is claimed only once'
    + ' those files are committed, and a backlog\'s transactions grow to 5 s; large files (hundreds of events each) also take'
    + ' longer to reach the hour than small S3 deliveries.',
  'question-vs-jq': 'each of these answers reads the row of every event it returns (thousands to tens of thousands at 1M)'
    + ' or counts tens of thousands of events by principal, so it takes tens to hundreds of milliseconds, where jq reads'
    + ' all 1.5 GB of JSON once per question. A question answered by one page takes about 1 ms (see the pages).',
  page: 'single filters page in 1-7 ms at p99. A filter that merges several values (error:*) reads the busiest value first'
    + ' and the others only up to the page\'s last key, and checks principal, role, IP, event and error on the row.',
  facets: 'a facet count reads the row of every matching event (principal, IP, event, error, role, key) or probes every'
    + ' value of the kind (instance, encryption context: 21k and 44k values at 1M). Under event:Decrypt, a quarter of the index,'
    + ' that is 170-350 ms per kind at 1M (0.5-0.9 s before counts read the term\'s entity rows without joining events rows they'
    + ' do not test). The workbench counts in time slices between keys; per-value totals kept at ingest would answer the'
    + ' unfiltered and single-term cases, at a cost to the ingest rate.',
  'first-frame': '`keytrail --version` (node start-up and parsing the 2.3 MB bundle) already takes 150-170 ms here; the rest'
    + ' is evaluating ink, React and yoga\'s WebAssembly layout engine, then drawing the first frame.',
  keypress: 'ink draws the whole 120x40 screen on every frame; the bundle gives it string widths and ANSI tokens remembered'
    + ' for the lines of recent frames (src/ui/render-caches/), so a key that changes a line or two (a move, a typed character)'
    + ' is drawn in 1-2 ms of CPU and one that changes every row (a page, a new filter) in 4-8 ms (200k events). The rest of'
    + ' the tail is keys that arrive during a step of the counting run between keys (counts, histogram, facets): each step is'
    + ' meant to take about 5 ms and time slices start at the thinnest, but events come in bursts, so a slice sized on a quiet'
    + ' stretch can take several times that; facets of instances and encryption contexts probe their values in chunks of 2,000.',
  'db-size': 'by dbstat at 1M events: the events table is 388 B/event (46%: display columns as text, ARNs and ids repeated'
    + ' in every row), raw Brotli blocks 204 B (24%), entity rows 154 B (18%, 8 per event), the four event indexes 80 B'
    + ' (eventID hash 28, time 21, requestID hash 18, file 12), entity_values 13 B. Dictionary-encoding the repeated'
    + ' columns (principal, role, key, source, name) is the next step; it is not done.',
  memory: 'the ingest holds two V8 heaps (the UI thread and the indexer worker), SQLite\'s 64 MiB page cache, the'
    + ' writer\'s value caches and chokidar\'s view of the tree. Its peak moves from run to run: at 5M events two runs of'
    + ' the same code peaked at 364 and 476 MiB (360 at 1M). An in-process ingest of 1M peaks at 248 MiB, the bundled'
    + ' worker at about 340: where the worker\'s extra 60-90 MiB goes is not found yet. The workbench\'s peak also varies'
    + ' (176-325 MiB seen at 1M): V8 lets its heap grow with the garbage of drawing frames and of counting.',
  's3-ingest-vs-parse': 'the writer thread is the bottleneck here too; the main thread idles. A CPU profile of the worker on a'
    + ' 3,061-file s3 tree (commit 7e53108, 49.6k events, 16 per file) has 47% in the write transaction (event rows and their'
    + ' indexes 20%, entity rows and value ids 17%, Brotli of raw blocks 11%), 5% COMMIT, 6% reading each file whole (read,'
    + ' gunzip, hash), 6% normalizing, 4% scanning and JSON.parse, 3% a stat per file, 5% GC, 11% idle. What the floor measures'
    + ' is about a tenth of the writer\'s time; the rest is per-event writing on one thread, which runs at a third of the 1M'
    + ' tree\'s events/s when files hold a few events each.',
};

export function missExplanations(results: { targets: readonly TargetVerdict[] }): string[] {
  return results.targets
    .filter((target) => target.met === false)
    .map((target) => `${target.what}: ${WHY[target.id] ?? 'not analysed yet.'}`);
}
