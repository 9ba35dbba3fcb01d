import { createHash } from 'node:crypto';
import type { NormalizedEvent } from '../normalize/types.js';
import type { IndexDb } from './open.js';
import { RawBlockWriter } from './raw-store.js';

export type WriteOutcome = 'added' | 'duplicate';

const VALUE_CACHE_LIMIT = 200_000;
/** Request ids are nearly unique per event: caching them would only evict useful values. */
const UNCACHED_KIND = 'request';

/** Same event delivered twice must match; doc examples that reuse an eventID must not. */
function fingerprintOf(event: NormalizedEvent): string {
  const f = event.fields;
  return createHash('sha1').update(`${f.time}|${f.name}|${f.source}|${f.requestId}|${f.principal}`).digest('hex').slice(0, 16);
}

/** Events without an eventID get a stable id from their content. */
function contentId(raw: string): string {
  let canonical = raw;
  try {
    canonical = JSON.stringify(JSON.parse(raw));
  } catch {
    // keep the raw text: still stable for the same bytes
  }
  return `nid-${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}`;
}

/**
 * Inserts normalized events: one row per event (deduplicated by eventID and a
 * content fingerprint), its entities, and what it teaches about keys and aliases.
 * Call inside a transaction; `flush()` before that transaction commits.
 */
export class EventWriter {
  private readonly raw: RawBlockWriter;
  private readonly valueIds = new Map<string, number>();
  private readonly pendingCounts = new Map<number, number>();
  /** Entity rows of the open transaction as (value_id, time, seq) triples, inserted sorted at flush. */
  private pendingEntities: number[] = [];
  private readonly statements;

  constructor(private readonly db: IndexDb) {
    this.raw = new RawBlockWriter(db);
    this.statements = {
      insertEvent: db.prepare(`INSERT INTO events (uid, event_id, fingerprint, time, account, region, source, name, read_only,
        error_code, error_message, ip, user_agent, principal, role, principal_type, access_key, invoked_by, request_id,
        shared_event_id, event_type, actor, key_ref, file_id, position, raw_block, raw_offset, raw_length)
        VALUES (@uid, @eventId, @fingerprint, @time, @account, @region, @source, @name, @readOnly, @errorCode, @errorMessage,
        @ip, @userAgent, @principal, @role, @principalType, @accessKey, @invokedBy, @requestId, @sharedEventId, @eventType,
        @actor, @keyRef, @fileId, @position, @rawBlock, @rawOffset, @rawLength) ON CONFLICT (uid) DO NOTHING`),
      findByUid: db.prepare('SELECT seq, fingerprint, file_id AS fileId FROM events WHERE uid = ?'),
      addSource: db.prepare('INSERT OR IGNORE INTO event_sources (seq, file_id, position) VALUES (?, ?, ?)'),
      findValue: db.prepare('SELECT id FROM entity_values WHERE kind = ? AND value = ?').pluck(),
      insertValue: db.prepare('INSERT INTO entity_values (kind, value, events) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id').pluck(),
      insertEntity: db.prepare('INSERT OR IGNORE INTO entities (value_id, time, seq) VALUES (?, ?, ?)'),
      addCount: db.prepare('UPDATE entity_values SET events = events + ? WHERE id = ?'),
      insertAlias: db.prepare('INSERT OR IGNORE INTO aliases (alias, key_id, account, region) VALUES (?, ?, ?, ?)'),
      insertKeyArn: db.prepare('INSERT OR IGNORE INTO key_arns (key_id, arn) VALUES (?, ?)'),
    };
  }

  write(event: NormalizedEvent, fileId: number, position: number): WriteOutcome {
    const fingerprint = fingerprintOf(event);
    const baseUid = event.fields.eventId ?? contentId(event.raw);
    for (const uid of [baseUid, `${baseUid}~${fingerprint.slice(0, 8)}`]) {
      if (this.insert(event, uid, fingerprint, fileId, position)) return 'added';
      const existing = this.statements.findByUid.get(uid) as { seq: number; fingerprint: string; fileId: number };
      if (existing.fingerprint === fingerprint) {
        if (existing.fileId !== fileId) this.statements.addSource.run(existing.seq, fileId, position);
        return 'duplicate';
      }
    }
    // Two different events colliding on both forms of the id cannot come from CloudTrail.
    return 'duplicate';
  }

  /** Inserts the event unless its uid is taken; false on conflict (nothing written). */
  private insert(event: NormalizedEvent, uid: string, fingerprint: string, fileId: number, position: number): boolean {
    const f = event.fields;
    const bytes = Buffer.from(event.raw, 'utf8');
    const location = this.raw.nextLocation(bytes.length);
    const time = f.time ?? 0;
    const { changes, lastInsertRowid } = this.statements.insertEvent.run({
      ...f, uid, fingerprint, time, readOnly: f.readOnly === null ? null : Number(f.readOnly),
      fileId, position, rawBlock: location.block, rawOffset: location.offset, rawLength: location.length,
    });
    if (changes === 0) return false;
    this.raw.append(bytes);
    const seq = Number(lastInsertRowid);
    for (const entity of event.entities) {
      const valueId = this.valueId(entity.kind, entity.value);
      this.pendingEntities.push(valueId, time, seq);
    }
    for (const { keyId, arn } of event.keyArns) this.statements.insertKeyArn.run(keyId, arn);
    for (const link of event.aliasLinks) {
      this.statements.insertAlias.run(link.alias, link.keyId, link.account ?? '', link.region ?? '');
    }
    return true;
  }

  private valueId(kind: string, value: string): number {
    if (kind === UNCACHED_KIND) {
      // Counted once on insert: a request id shared by two events (RunInstances and its CreateGrant) is rare.
      const inserted = this.statements.insertValue.get(kind, value, 1) as number | undefined;
      return inserted ?? (this.statements.findValue.get(kind, value) as number);
    }
    const cacheKey = `${kind}\u0000${value}`;
    let id = this.valueIds.get(cacheKey);
    if (id === undefined) {
      // Insert first: most values missing from the cache are new; a conflict falls back to the lookup.
      id = (this.statements.insertValue.get(kind, value, 0) as number | undefined) ?? (this.statements.findValue.get(kind, value) as number);
      if (this.valueIds.size >= VALUE_CACHE_LIMIT) this.valueIds.clear();
      this.valueIds.set(cacheKey, id);
    }
    this.pendingCounts.set(id, (this.pendingCounts.get(id) ?? 0) + 1);
    return id;
  }

  /** Sorted by (value_id, time, seq): each value's rows land together in the index's pages. */
  private insertPendingEntities(): void {
    const rows = this.pendingEntities;
    const order = Array.from({ length: rows.length / 3 }, (_, i) => i * 3);
    order.sort((a, b) => rows[a]! - rows[b]! || rows[a + 1]! - rows[b + 1]! || rows[a + 2]! - rows[b + 2]!);
    for (const i of order) this.statements.insertEntity.run(rows[i], rows[i + 1], rows[i + 2]);
    this.pendingEntities = [];
  }

  /** Writes the open raw block and the per-value counts: the end of every transaction. */
  flush(): void {
    this.raw.flush();
    this.insertPendingEntities();
    for (const [valueId, count] of this.pendingCounts) this.statements.addCount.run(count, valueId);
    this.pendingCounts.clear();
  }

  /** After a rollback the caches may name rows that were never committed. */
  reset(): void {
    this.raw.reset();
    this.valueIds.clear();
    this.pendingCounts.clear();
    this.pendingEntities = [];
  }
}
