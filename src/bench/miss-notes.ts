import type { TargetVerdict } from './targets.js';

/**
 * Why a target is missed, as profiling found it (docs/PERFORMANCE.md has the run's
 * figures). Shown under the targets table only for the targets this run missed;
 * when the code changes, the profile behind a note must be taken again.
 */
const INGEST = 'the writer is the bottleneck and runs on one thread. A CPU profile of an in-process cold ingest of the'
  + ' 200k-event bench tree (commit 2c9f9c1) has about 40% in SQLite (the event row and its indexes 13%, entity rows 10%,'
  + ' COMMIT 9%, value-id lookups and inserts 8%, the duplicate check 3%), about 20% reading, scanning, parsing and'
  + ' normalizing, 5-10% Brotli still on the writer\'s thread (the rest of it runs on the thread pool) and 5-7% GC.'
  + ' Measured against the run before (commit 57efd93: 9,843 ev/s at 1M, 7,061 at 5M): one transaction driver for every'
  + ' path, a transaction\'s entity rows inserted sorted once and its value counts written in one statement (they were'
  + ' written per file), raw blocks shared by the files of a transaction and compressed on the thread pool, one-shot'
  + ' hashes. What is left is structural: eight entity rows per event inserted into one B-tree by one thread. The next'
  + ' steps are a bulk first scan (append rows, then build the entity ranges and indexes in sorted passes) and parsing on'
  + ' the other core with a compact hand-off (a structured clone of a parsed event costs as much as parsing it).';

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
  's3-ingest-vs-parse': 'the writer thread is the bottleneck here too, and a small file costs about as much to write as'
    + ' tens of events. A CPU profile of the indexer on a 3,060-file s3 tree (49.6k events, 16 per file; commit b2ce5cc, in'
    + ' process, loaded machine) has 12% in COMMIT and the per-file savepoints, 8% value-id lookups and inserts, 8% event rows,'
    + ' 4% entity rows, 4% handing raw blocks to the thread pool, 4% JSON.parse, 3% scanning, 3% chokidar\'s stat of every file,'
    + ' 5% GC and 15% idle (waiting on stats, reads and compressions). Measured against the run before (commit 7e53108: 142 s, 211 files/s):'
    + ' the files of a transaction now share its entity insert, value counts and raw blocks instead of writing each per file,'
    + ' and the writer no longer waits for the thread pool\'s compressions before each file. What the floor measures is still'
    + ' about a tenth of the writer\'s work.',
};

export function missExplanations(results: { targets: readonly TargetVerdict[] }): string[] {
  return results.targets
    .filter((target) => target.met === false)
    .map((target) => `${target.what}: ${WHY[target.id] ?? 'not analysed yet.'}`);
}
