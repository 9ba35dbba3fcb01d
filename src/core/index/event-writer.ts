import type { NormalizedEvent } from '../normalize/types.js';
import { ReceivedEvent } from './prepared-file.js';
import { AliasLedger, type AliasMark, type AliasUse } from './alias-ledger.js';
import type { IndexDb } from './open.js';
import { eventHash as eventHashOf, missingEventIdUid, packedId, requestHash, variantUid } from './event-id.js';
import { ROW_ONLY_KINDS, TEXT_COLUMNS, TEXT_FIELDS } from './schema.js';
import { RawBlockWriter, type BlockCompressor, type RawMark } from './raw-store.js';
import { contentHash } from '../normalize/content-hash.js';
import { fingerprintOf, StoredRecords } from './stored-records.js';
import type { AliasTakenBack } from './remove-file.js';
import { TextIds } from './text-ids.js';
import { ValueIds, type ValuesMark } from './value-ids.js';

export type WriteOutcome = 'added' | 'duplicate';

const RADIX_BITS = 16;
const RADIX_MASK = (1 << RADIX_BITS) - 1;

/**
 * Row offsets (`order`, into `rows` of (value_id, time, seq)) stably sorted by value id: two counting
 * passes of 16 bits each, so the cost follows the rows, never the largest id in the index.
 */
export function sortByValueId(rows: readonly number[], order: Uint32Array): Uint32Array {
  let from = order;
  let to: Uint32Array = new Uint32Array(order.length);
  const starts = new Uint32Array(RADIX_MASK + 1);
  for (let shift = 0; shift < 2 * RADIX_BITS; shift += RADIX_BITS) {
    starts.fill(0);
    for (const i of from) starts[(rows[i]! >>> shift) & RADIX_MASK]!++;
    let at = 0;
    for (let digit = 0; digit <= RADIX_MASK; digit++) {
      const count = starts[digit]!;
      starts[digit] = at;
      at += count;
    }
    for (const i of from) to[starts[(rows[i]! >>> shift) & RADIX_MASK]!++] = i;
    [from, to] = [to, from];
  }
  return from;
}

/** What the writer holds for its transaction when a file's savepoint begins. */
export interface WriterMark {
  flushes: number;
  entities: number;
  raw: RawMark;
  aliases: AliasMark;
  values: ValuesMark;
}

/** The columns `insert` binds, in its order. */
const EVENT_ROW_COLUMNS = ['seq', 'time', ...TEXT_COLUMNS.map((column) => `${column}_id`), 'read_only', 'uid', 'event_hash', 'fingerprint',
  'error_message', 'request_id', 'request_hash', 'shared_event_id', 'file_id', 'position', 'raw_block', 'raw_offset', 'raw_length'];

/** Entity rows per INSERT statement: one call into SQLite per run instead of per row. */
const ENTITY_RUN = 64;

/**
 * Inserts normalized events: one row per record content (deduplicated by eventID and a
 * content fingerprint), its entities, and what it teaches about keys and aliases.
 * Call inside a transaction; `flush()` before that transaction commits. Entity rows, counts
 * and the open raw block wait for that flush, so the small files of one transaction share
 * one sorted entity insert and one compressed block (a block per 2 KiB file compressed worse
 * and cost a Brotli setup each); `mark()` and `restore()` take back one file of them.
 */
export class EventWriter {
  private readonly raw: RawBlockWriter;
  private readonly stored: StoredRecords;
  private readonly values: ValueIds;
  private readonly texts: TextIds;
  /** Entity rows of the open transaction as (value_id, time, seq) triples, inserted sorted at flush. */
  private pendingEntities: number[] = [];
  /** Event counts per value id moved by the flush under way. */
  private readonly flushCounts = new Map<number, number>();
  private readonly statements;
  private readonly aliases: AliasLedger;

  /**
   * Seqs are never reused, even after a replaced file's events are deleted: "newer than
   * seq N" stays true. Read at the first write of each transaction, so several writers
   * on one index (one at a time) never hand out the same seq.
   */
  private nextSeq: number | null = null;
  /** Flushes so far: a mark taken before the last flush cannot be restored in memory. */
  private flushes = 0;
  /**
   * Moves on whenever a rollback may have freed ids this writer handed out: ids a received file
   * remembered for its strings (WireDictionary) hold only within one generation.
   */
  private generation = 0;
  /** The parameters of one events row, in EVENT_ROW_COLUMNS order: filled anew for each row. */
  private readonly row: unknown[] = new Array(EVENT_ROW_COLUMNS.length);
  private readonly textIdOf = (text: string): number => this.texts.idOf(text);
  private readonly valueIdOf = (kind: string, value: string): number => this.values.idOf(kind, value);

  constructor(private readonly db: IndexDb) {
    this.raw = new RawBlockWriter(db);
    this.stored = new StoredRecords(db, this.raw);
    this.aliases = new AliasLedger(db);
    this.values = new ValueIds(db);
    this.texts = new TextIds(db);
    this.statements = {
      insertEvent: db.prepare(`INSERT INTO event_rows (${EVENT_ROW_COLUMNS.join(', ')}) VALUES (${EVENT_ROW_COLUMNS.map(() => '?').join(', ')})`),
      lastSeq: db.prepare("SELECT max(coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_seq'), 0), coalesce((SELECT max(seq) FROM events), 0))").pluck(),
      saveLastSeq: db.prepare("INSERT INTO meta (key, value) VALUES ('last_seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
      addSource: db.prepare('INSERT OR IGNORE INTO event_sources (seq, file_id, position) VALUES (?, ?, ?)'),
      insertEntity: db.prepare('INSERT OR IGNORE INTO entities (value_id, time, seq) VALUES (?, ?, ?)'),
      insertEntityRun: db.prepare(`INSERT OR IGNORE INTO entities (value_id, time, seq) VALUES ${Array(ENTITY_RUN).fill('(?, ?, ?)').join(', ')}`),
      deleteEntity: db.prepare('DELETE FROM entities WHERE value_id = ? AND time = ? AND seq = ?'),
      setKeyRef: db.prepare('UPDATE event_rows SET key_ref_id = ? WHERE seq = ?'),
    };
  }

  /**
   * One event per record content: a record whose eventID is already indexed is compared with the
   * records of that eventID (as text, then as parsed JSON, so key order and spacing do not count).
   * A re-delivery (org trail and account trail, a file sent twice) is the same event with one more
   * source file; a record that differs in anything is another, `eventID~fingerprint`. Comparing only
   * on a shared eventID keeps hashing off the path of every other record.
   */
  write(event: NormalizedEvent, fileId: number, position: number): WriteOutcome {
    // Records without an eventID get a stable id from their content.
    const eventId = event.fields.eventId ?? missingEventIdUid(contentHash(event.record, event.raw));
    const idKeys = event instanceof ReceivedEvent ? event.idKeys : null;
    const eventHash = idKeys?.eventHash ?? eventHashOf(eventId);
    const sameId = this.stored.withEventId(eventId, eventHash);
    if (sameId.length === 0) {
      this.insert(event, eventId, eventHash, 0, fileId, position, idKeys?.packedEventId);
      return 'added';
    }
    const same = this.stored.same(sameId, event);
    if (same) {
      if (same.fileId !== fileId) this.statements.addSource.run(same.seq, fileId, position);
      return 'duplicate';
    }
    this.stored.fingerprintAll(sameId);
    const fingerprint = fingerprintOf(event.record, event.raw);
    this.insert(event, variantUid(eventId, fingerprint), eventHash, fingerprint, fileId, position);
    return 'added';
  }

  /** `packedUid`: `packedId(uid)` when the reading thread already worked it out. */
  private insert(event: NormalizedEvent, uid: string, eventHash: number, fingerprint: number, fileId: number, position: number,
    packedUid?: string | Buffer): void {
    const f = event.fields;
    const bytes = event.rawBytes ?? Buffer.from(event.raw, 'utf8');
    const location = this.raw.nextLocation(bytes.length);
    const time = f.time ?? 0;
    this.nextSeq ??= (this.statements.lastSeq.get() as number) + 1;
    const seq = this.nextSeq++;
    const row = this.row;
    row[0] = seq;
    row[1] = time;
    const received = event instanceof ReceivedEvent ? event : null;
    const refs = received?.refs;
    if (refs) {
      refs.dictionary.claim(this.generation);
      refs.dictionary.textIdsInto(refs, this.textIdOf, row, 2);
    } else {
      for (let column = 0; column < TEXT_COLUMNS.length; column++) row[2 + column] = this.texts.idOf(f[TEXT_FIELDS[TEXT_COLUMNS[column]!]]);
    }
    let at = 2 + TEXT_COLUMNS.length;
    row[at++] = f.readOnly === null ? null : Number(f.readOnly);
    row[at++] = packedUid ?? packedId(uid);
    row[at++] = eventHash;
    row[at++] = fingerprint;
    row[at++] = f.errorMessage;
    const idKeys = received?.idKeys;
    row[at++] = idKeys ? idKeys.packedRequestId : f.requestId === null ? null : packedId(f.requestId);
    row[at++] = idKeys ? idKeys.requestHash : f.requestId === null ? null : requestHash(f.requestId);
    row[at++] = f.sharedEventId;
    row[at++] = fileId;
    row[at++] = position;
    row[at++] = location.block;
    row[at++] = location.offset;
    row[at++] = location.length;
    this.statements.insertEvent.run(row);
    this.raw.append(bytes);
    const entities = event.entities;
    for (let index = 0; index < entities.length; index++) {
      const entity = entities[index]!;
      if (ROW_ONLY_KINDS.has(entity.kind)) continue;
      const valueId = refs ? refs.dictionary.valueId(refs, index, this.valueIdOf) : this.values.idOf(entity.kind, entity.value);
      this.pendingEntities.push(valueId, time, seq);
    }
    this.aliases.record(event.keys.aliasFacts, time, seq);
    if (event.keys.aliasOnly) this.aliases.use(event.keys.aliasOnly, time, seq);
  }

  /** Files an alias-only event under the key its alias is now known to have named (or back under the alias). */
  private readonly retarget = (use: AliasUse, to: string): void => {
    const from = this.values.idOf('key', use.keyRef);
    const toId = this.values.idOf('key', to);
    this.statements.deleteEntity.run(from, use.time, use.seq);
    this.statements.insertEntity.run(toId, use.time, use.seq);
    this.flushCounts.set(from, (this.flushCounts.get(from) ?? 0) - 1);
    this.flushCounts.set(toId, (this.flushCounts.get(toId) ?? 0) + 1);
    this.statements.setKeyRef.run(this.texts.idOf(to), use.seq);
  };

  /**
   * In key order (value_id, time, seq), so each value's rows are appended to its range rather than
   * split into it (rows in arrival order left the entity pages a tenth emptier). An event's rows are
   * contiguous: the events are sorted by (time, seq), then their rows by value id with a stable radix
   * sort. A comparison sort of all the rows took a tenth of the writer's time.
   */
  private insertPendingEntities(): void {
    const rows = this.pendingEntities;
    const eventStarts: number[] = [];
    for (let i = 0; i < rows.length; i += 3) if (i === 0 || rows[i + 2] !== rows[i - 1]) eventStarts.push(i);
    const at = (event: number, column: number) => rows[eventStarts[event]! + column]!;
    const eventsInTime = Uint32Array.from(eventStarts.keys()).sort((a, b) => at(a, 1) - at(b, 1) || at(a, 2) - at(b, 2));
    const inTime = new Uint32Array(rows.length / 3);
    let next = 0;
    for (const event of eventsInTime) {
      const end = eventStarts[event + 1] ?? rows.length;
      for (let i = eventStarts[event]!; i < end; i += 3) inTime[next++] = i;
    }
    const counts = this.flushCounts;
    const addCount = (id: number, rowsOfId: number) => counts.set(id, (counts.get(id) ?? 0) + rowsOfId);
    const run: number[] = [];
    // Sorted: each id's rows are one stretch, counted once.
    let id = -1;
    let rowsOfId = 0;
    for (const i of sortByValueId(rows, inTime)) {
      if (rows[i] !== id) {
        if (rowsOfId > 0) addCount(id, rowsOfId);
        id = rows[i]!;
        rowsOfId = 0;
      }
      rowsOfId++;
      run.push(rows[i]!, rows[i + 1]!, rows[i + 2]!);
      if (run.length === ENTITY_RUN * 3) {
        this.statements.insertEntityRun.run(run);
        run.length = 0;
      }
    }
    if (rowsOfId > 0) addCount(id, rowsOfId);
    for (let i = 0; i < run.length; i += 3) this.statements.insertEntity.run(run[i], run[i + 1], run[i + 2]);
    this.pendingEntities = [];
  }

  /** Where full raw blocks are compressed from now on: another thread, or here (null). */
  compressBlocksWith(compressor: BlockCompressor | null): void {
    this.raw.compressWith(compressor);
  }

  /** Writes the raw blocks compressed so far; call between files, outside a file's savepoint. */
  writeFinishedBlocks(): void {
    this.raw.writeSealed();
  }

  /** Writes the raw blocks (full and open), the entity rows, alias changes and per-value counts: the end of every transaction. */
  flush(): void {
    if (this.pendingEntities.length === 0 && this.nextSeq === null && !this.raw.holdsAny() && !this.aliases.holdsAny() && !this.values.holdsAny()) return;
    this.flushes++;
    this.raw.flush();
    this.insertPendingEntities();
    this.aliases.flush(this.retarget);
    if (this.nextSeq !== null) this.statements.saveLastSeq.run(String(this.nextSeq - 1));
    this.nextSeq = null;
    this.values.flush(this.flushCounts);
    this.flushCounts.clear();
  }

  /** After a file's events were taken back (removeFileContribution): their aliases' uses resolved again from what is left. */
  aliasesTakenBack(aliases: readonly AliasTakenBack[]): void {
    for (const { alias, time } of aliases) this.aliases.takenBack(alias, time);
    this.flush();
  }

  mark(): WriterMark {
    return { flushes: this.flushes, entities: this.pendingEntities.length, raw: this.raw.mark(), aliases: this.aliases.mark(), values: this.values.mark() };
  }

  /** False when rows held at `mark` were written since: rolling back to it lost them, so only the whole transaction can go. */
  canRestore(mark: WriterMark): boolean {
    return this.flushes === mark.flushes;
  }

  /** After ROLLBACK TO the savepoint taken with `mark`: what the writer held then, caches emptied. */
  restore(mark: WriterMark): void {
    this.generation++;
    this.pendingEntities.length = mark.entities;
    this.raw.restore(mark.raw);
    this.aliases.restore(mark.aliases);
    this.stored.reset();
    this.nextSeq = null;
    this.values.restore(mark.values);
    this.texts.forget();
  }

  /** After a rollback the caches may name rows that were never committed. */
  reset(): void {
    this.generation++;
    this.raw.reset();
    this.stored.reset();
    this.aliases.reset();
    this.nextSeq = null;
    this.values.reset();
    this.texts.forget();
    this.pendingEntities = [];
    this.flushCounts.clear();
  }
}
