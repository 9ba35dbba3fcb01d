import type { TargetVerdict } from './targets.js';

/**
 * Why a target is missed, as profiling found it (docs/PERFORMANCE.md has the run's
 * figures). Shown under the targets table only for the targets this run missed;
 * when the code changes, the profile behind a note must be taken again.
 */
const INGEST = 'the writer\'s thread is the bottleneck. Files are read, gunzipped, scanned, parsed and normalized ahead of'
  + ' it on a second thread (src/indexer/file-preparer.ts) and handed over as one flat array per file, the records as one'
  + ' moved buffer. A CPU profile of the writer\'s thread on the 200k-event bench tree (commit 52e1b63, in process) has'
  + ' about 45% in SQLite (the event row and its indexes 19%, entity rows 16%, COMMIT 10%), 22% Brotli, 7% value ids and'
  + ' counts, 9% taking and decoding the prepared files, 2% the duplicate check and 2% GC; the second thread waits for the'
  + ' writer a quarter of its time. Measured against the run before (commit 85bb2f0: 16,862 ev/s at 1M, 13,349 at 5M, the'
  + ' same machine): reading ahead on the second thread, new entity values inserted sorted at commit, and Brotli back on'
  + ' the writer\'s thread (on the thread pool it competed with the second thread for the two cores and was slower). What'
  + ' is left is one thread writing every row into SQLite\'s B-trees. Next steps: a bulk first scan (append rows, then'
  + ' build the entity ranges and indexes in sorted passes) and Brotli moved off the writer\'s thread.';

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
  'db-size': 'by dbstat at 200k events: the events table is 412 B/event (display columns as text, ARNs and ids repeated'
    + ' in every row), raw Brotli blocks 192 B, entity rows 156 B (8 per event), the four event indexes 74 B, entity_values 24 B.'
    + ' Dictionary-encoding the repeated columns was tried on a copy of that index: the rows fall to 169 B/event (with a'
    + ' 14 B/event dictionary), about 630 B/event in all, but SQLite keeps every LEFT JOIN of a view in an aggregate query, so'
    + ' a facet counted through such a view took 4.6x as long. It needs every count to group by the ids first; not done.',
  memory: 'a first scan in the workbench holds three V8 heaps (the UI thread, the indexer and the read-ahead thread,'
    + ' about 50 MiB), SQLite\'s 64 MiB page cache and the writer\'s value caches. The writer\'s heap swings to 200-350 MiB'
    + ' during a scan of 1M-5M events, but little of it is kept: at 1M, a full collection forced at 160 MiB used left a heap'
    + ' whose snapshot is a 26 MB file. The peak is garbage V8 lets accumulate at the writer\'s allocation rate. Reading ahead raised the peak from 377'
    + ' to 477 MiB at 1M and from 445 to 777 at 5M (the same machine); allowing glibc fewer malloc arenas did not lower it.'
    + ' Allocating less per event on the writer\'s thread is the lever. The workbench\'s peak also varies (176-325 MiB seen'
    + ' at 1M): V8 lets its heap grow with the garbage of drawing frames and of counting.',
  's3-ingest-vs-parse': 'the writer\'s thread is the bottleneck here too, and a small file costs about as much to write as'
    + ' tens of events. A CPU profile of the writer\'s thread on a 3,061-file s3 tree (49.6k events, 16 per file; commit'
    + ' 23de880, in process) has 17% Brotli, 15% event rows, 9% entity rows, 7% COMMIT, 7% value ids and counts, 6% taking'
    + ' and decoding the prepared files, 4% waiting for them and 3% GC; the read-ahead thread is idle a third of the time.'
    + ' Measured against the run before (commit 85bb2f0: 41.2 s, 730 files/s, the same machine): files read and parsed ahead on'
    + ' the second thread, taken synchronously (an event-loop turn per file left both threads idle a fifth of the time),'
    + ' and new entity values inserted sorted at commit. What the floor measures is still about a seventh of the writer\'s work.',
};

export function missExplanations(results: { targets: readonly TargetVerdict[] }): string[] {
  return results.targets
    .filter((target) => target.met === false)
    .map((target) => `${target.what}: ${WHY[target.id] ?? 'not analysed yet.'}`);
}
