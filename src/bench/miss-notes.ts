import type { TargetVerdict } from './targets.js';

/**
 * Why a target is missed, as profiling found it (docs/PERFORMANCE.md has the run's
 * figures). Shown under the targets table only for the targets this run missed;
 * when the code changes, the profile behind a note must be taken again.
 */
const INGEST = 'both cores are busy: the writer\'s thread writes the index while a second thread (src/indexer/file-preparer.ts)'
  + ' reads, gunzips, scans, parses and normalizes the next files, hashes and packs their ids, and compresses the writer\'s'
  + ' full raw blocks. CPU profiles on the 200k-event bench tree (commit 1efa8aa, `keytrail index`): the writer\'s thread has'
  + ' 20% in the event rows and their indexes, 13% entity rows, 9% COMMIT, 10% text and value ids, 9% Brotli (blocks it'
  + ' compressed itself while the other thread was busy), 8% taking and decoding the prepared files, 3% the duplicate check,'
  + ' 6% GC, and waits for the other thread 10% of its time; the second thread has 20% compression (Brotli and gunzip), 12%'
  + ' JSON.parse, 7% scanning, 14% encoding the hand-off, 6% GC, and waits on its budget 8% of its time. The two threads'
  + ' together use 1.7 to 1.8 cores, so moving work between them gains little more: what is left is the work itself, and'
  + ' SQLite\'s part of it alone (about 22 us per event on the writer\'s thread) exceeds the 20 us of CPU per event that'
  + ' 100,000 events/s on two cores allow. This stop took 6.5% of the CPU out (same session, 200k tree, 8 runs each: 8.64 s'
  + ' before, 8.14 s after): the scanner\'s inner loop, ids hashed on the second thread, texts and values named once per'
  + ' file. Late in a large build the index\'s B-trees outgrow the page cache: on the 5M tree, from 3.7M to 5M events'
  + ' (schema 5, `keytrail index` resumed), the writer has 23% in COMMIT, 21% in event rows, 12% in the duplicate check (a'
  + ' probe of events_by_id per record), 11% in entity rows, 5% in value ids and 4% in the ids of repeated texts. At 1M'
  + ' (commit 7927ace, `keytrail index`, 41.5 s) the writer has 27% in the event-row insert, 11% entity rows, 9% COMMIT,'
  + ' 8% Brotli of the blocks past the 4 the other thread may hold, and waits for files 9% of its time; the second thread'
  + ' waits on its budget 15% of its time. The insert statement alone costs 5.9 us per row inside the writer (200k tree),'
  + ' 4.8 us in isolation with the three event indexes and 3.4 us without. Tried and not kept: letting 16 blocks wait for'
  + ' the second thread (1M, 3 runs each: 2.5% slower for 3% less CPU); no savepoint per file (200k tree, 5 runs each:'
  + ' 0.999; s3 tree, 3 runs each: no change); several rows per INSERT (15 us per row in isolation) or a file\'s rows as one'
  + ' JSON array through json_each (23 us): one statement run per row is the cheapest way in. Deferring the three event'
  + ' indexes saves at most 1.3 us per event (1M rows copied in memory: 0.71 s without them, 2.05 s with), less than building'
  + ' them at the end gives back. What a bulk first scan could give at most, measured by taking the largest randomly'
  + ' written index away (events_by_id gone and the duplicate check skipped: not a correct index, an upper bound; commit'
  + ' 4b49946, `keytrail index`): the 1M build took 0.99x the time (39.9 s against 40.5 s, 3 runs each; 0.91x the CPU) and'
  + ' the 5M build 0.945x (213.8 s against 226.2 s, one run each; 0.83x the CPU). At 1M the build then waits on the second'
  + ' thread: profiled at the same commit (42.0 s), each thread is busy about 85% of the time, the writer with about 37 us'
  + ' of CPU per event and the second thread with about 35 us (zlib 18%, JSON.parse 12%, scanning 10%, packing the'
  + ' hand-off 12%), so even a writer that cost nothing would leave the build near 29,000 events/s. 100,000 events/s on two'
  + ' cores leaves 20 us of CPU per event for both threads together, where read+gunzip+parse alone takes 7.3 us: the'
  + ' target needs far less work per event on both threads, not a cheaper way to write the same index.';

const WHY: Record<string, string> = {
  'ingest-rate': INGEST,
  'ingest-vs-duckdb': 'see the cold ingest: DuckDB reads the files on both cores into one JSON column and builds no index.',
  'ingest-vs-parse': 'see the cold ingest: read, gunzip, scanning and JSON.parse are about a third of the second thread\'s work and none of the'
    + ' writer\'s; normalizing, packing the hand-off and compressing raw blocks are the rest of that thread\'s, and SQLite\'s writes most of the writer\'s.',
  'index-plus-answer': 'follows from the ingest rate: building the index takes several jq passes.',
  'newest-hour': 'the scan reads the newest deliveries first, but "every file delivered since the hour began" is claimed only once'
    + ' those files are committed, and a backlog\'s transactions grow to 5 s; large files (hundreds of events each) also take'
    + ' longer to reach the hour than small S3 deliveries.',
  'question-vs-jq': 'each of these answers reads the row of every event it returns (thousands to tens of thousands at 1M)'
    + ' or counts tens of thousands of events by principal, so it takes tens to hundreds of milliseconds, where jq reads'
    + ' all 1.5 GB of JSON once per question. A question answered by one page takes about 1 ms (see the pages). Rows are'
    + ' read by id and their texts named from what the connection already read (src/core/query/text-lookup.ts): every'
    + ' event of the instance took 275 ms through the events view and 173 ms this way (same session, warm connection);'
    + ' what is left is reading 16,277 rows at random places of the index.',
  page: 'single filters page in 1-7 ms at p99. A filter that merges several values (error:*) reads the busiest value first'
    + ' and the others only up to the page\'s last key, and checks principal, role, IP, event and error on the row.',
  facets: 'a facet count reads every matching event (principal, IP, event, error, role, key: by the text ids on its row,'
    + ' named once counted) or tests every entity row of the kind (instance, encryption context: 684k and 309k rows at 1M)'
    + ' against a bitmap of the matching events (src/core/query/match-bitmap.ts). Under event:Decrypt, a quarter of the'
    + ' index, the row kinds take 110-170 ms at 1M and the probed kinds 120-160 ms (260-360 ms with a temporary table of'
    + ' the matches probed per row). The cost grows with the matching events: at 5M the same filters read five times more.',
  growth: 'a larger index\'s B-trees outgrow SQLite\'s 64 MiB page cache, so each insert reads more pages it does not hold;'
    + ' see the cold ingest for where a late build\'s time goes. Whole 5M builds of one code spread over a sixth here, so'
    + ' compare runs made back to back; 1M builds of one code took from 39.9 to 44.4 s in one day. Taking JavaScript work'
    + ' off both threads helps a 1M build more than a 5M one, whose late part is SQLite\'s B-trees (5M: 235.3 s before the'
    + ' last such changes, 234.9 s after). `keytrail index` alone, back to back at commit 4b49946: 40.5 s for 1M and 226.2 s'
    + ' for 5M, 0.895x; without events_by_id, whose random inserts are most of what outgrows the cache, 0.933x (see the cold'
    + ' ingest: an upper bound, not a correct index).',
  'first-frame': '`keytrail --version` (node start-up and parsing the 2.3 MB bundle) already takes 150-170 ms here; the rest'
    + ' is evaluating ink, React and yoga\'s WebAssembly layout engine, then drawing the first frame.',
  keypress: 'ink draws the whole 120x40 screen on every frame; the bundle gives it string widths and ANSI tokens remembered'
    + ' for the lines of recent frames (src/ui/render-caches/), so a key that changes a line or two (a move, a typed character)'
    + ' is drawn in 1-2 ms of CPU and one that changes every row (a page, a new filter) in 4-8 ms (200k events). The rest of'
    + ' the tail is keys that arrive during a step of the counting run between keys (counts, histogram, facets): each step is'
    + ' meant to take about 5 ms and time slices start at the thinnest, but events come in bursts, so a slice sized on a quiet'
    + ' stretch can take several times that; facets of instances and encryption contexts probe their values in chunks of 2,000.',
  'db-size': 'by dbstat at 1M events: raw Brotli blocks 192 B/event, entity rows 160 B (8 per event), event rows 127 B'
    + ' (repeated texts by id, UUIDs as 16 bytes), the four event indexes 75 B, entity values and texts 17 B. While rows held'
    + ' their texts they were 412 B/event.',
  memory: 'a first scan holds three V8 heaps (the UI or command\'s thread, the indexer and the read-ahead thread), SQLite\'s'
    + ' 64 MiB page cache and the writer\'s transaction (its entity rows and raw blocks until the commit). V8 lets a heap grow'
    + ' well past what it keeps before a full collection, and an index build allocates fast: the command line and the bench'
    + ' now hold growth to 15% past the live heap (src/indexer/heap-growth.ts), which took the 1M build from 529 to 362 MiB'
    + ' at the same speed. A 16 MiB page cache took the 1M build to 305 MiB at the same speed, but made a 5M build a tenth'
    + ' slower (269 s against 245 s with 64 MiB, `keytrail index`, one run each), so the cache stays at 64 MiB. A smaller'
    + ' young generation (8 MiB semi-spaces) took the 1M build to 323 MiB but slowed it by a tenth; for the read-ahead thread'
    + ' alone (16 MiB), it saved 18 MiB for 14% more time. A 32 MiB page cache took the 1M build from 341 to 304 MiB at the'
    + ' same speed (one run each), still above the target, and was not tried at 5M, where 16 MiB had cost a tenth. Shorter'
    + ' transactions (2.5 s) changed nothing. The read-ahead thread may hold 16 MiB of prepared files (8 MiB until commit'
    + ' 8c94f63), so that it lasts through the writer\'s commits: 3 to 5% faster builds for 6 to 12 MiB more at the peak'
    + ' (same session, 3 to 5 runs each). At 1M the indexer\'s V8 heap peaks near 116 MiB (76 MiB live) and the read-ahead'
    + ' thread\'s near 64 MiB (33 MiB live). On the 30,000-file s3 tree, the watcher held 176 MiB: chokidar watched every file (30,407'
    + ' inotify watches); one watch per folder took that peak from 514 to 338 MiB (same session, 3 runs each). The workbench\'s'
    + ' peak also varies with the garbage of drawing frames and of counting.',
  's3-ingest-vs-parse': 'a small file costs about as much to write as tens of events. CPU profiles on a 3,061-file s3 tree'
    + ' (49.6k events, 16 per file, files in the page cache; `keytrail index`, commit 4b3ec32): the writer\'s thread waits for the'
    + ' next file 16% of its time and spends 15% on event rows, 8% on entity rows and 6% on COMMIT; the read-ahead thread spends'
    + ' 22% compressing (gunzip and the writer\'s Brotli blocks), 10% parsing, and is idle 14% of its time. The two wait on'
    + ' each other by turns as busy and quiet files alternate: with 64 files ahead, the read-ahead ran out of files during each'
    + ' of the writer\'s commits. Told of 512 files ahead, and walking the list of next files only once it has taken 64 of them'
    + ' (walking 1,024 per file had made a first try slower), `keytrail index` on the 30,000-file tree went from 23.4 to 22.3 s'
    + ' (same session, 3 runs each) at the same peak memory: the thread\'s budget of what it prepared then bounded it'
    + ' before the count of files did. A profile of the 30,000-file tree at commit a85d625 showed the two threads waiting on'
    + ' each other by turns: the writer for the next file 12% of its time, the read-ahead thread on its 8 MiB budget 13% of'
    + ' its (during each commit the writer takes nothing); its own work was 24% gunzip and Brotli, 11% JSON.parse, 10% scanning.'
    + ' A 16 MiB budget took `keytrail index` on this tree from 23.3 to 22.2 s (same session, 5 runs each, every pair 4-7%'
    + ' faster) for 6 MiB more at the peak; 12 MiB gained half as much. An earlier profile that showed 18% of that thread reading files was taken with the tree out of the page'
    + ' cache: read from the cache, the 3,061 files take 38 ms. What the floor measures is about a seventh of the work both'
    + ' threads do per file. Watching the tree cost a fifth of the watching indexer\'s time until the watcher held one watch'
    + ' per folder instead of one per file: 29.8 s before, 25.2 s after (same session, 3 runs each).',
};

export function missExplanations(results: { targets: readonly TargetVerdict[] }): string[] {
  return results.targets
    .filter((target) => target.met === false)
    .map((target) => `${target.what}: ${WHY[target.id] ?? 'not analysed yet.'}`);
}
