import type { IndexDb } from '../index/open.js';
import { RawBlockReader } from '../index/raw-store.js';
import { isObject, type JsonObject } from '../parse/classify.js';
import { normalizeEvent } from '../normalize/normalize.js';
import type { Entity } from '../normalize/types.js';
import { isFolded, type Caller } from './folding.js';

/** One event as a chain reads it: the raw JSON (for link reasons), its entities (for links), whether it is folded. */
export interface RawEvent {
  json: JsonObject;
  entities: Entity[];
  folded: boolean;
}

const EMPTY: RawEvent = { json: {}, entities: [], folded: false };

/**
 * Reads chain members' raw events once each. The index keeps entities by value,
 * not by event, so an event's own entities are recomputed from its raw JSON (as entitiesOf does).
 */
export class RawEvents {
  private readonly cache = new Map<number, RawEvent>();
  private readonly reader: RawBlockReader;
  private readonly location;

  constructor(db: IndexDb) {
    this.reader = new RawBlockReader(db, 16);
    this.location = db.prepare('SELECT raw_block AS block, raw_offset AS offset, raw_length AS length FROM events WHERE seq = ?');
  }

  get(seq: number): RawEvent {
    const cached = this.cache.get(seq);
    if (cached) return cached;
    const event = this.load(seq);
    this.cache.set(seq, event);
    return event;
  }

  private load(seq: number): RawEvent {
    const at = this.location.get(seq) as { block: number; offset: number; length: number } | undefined;
    const raw = at ? this.reader.read(at.block, at.offset, at.length) : null;
    if (!raw) return EMPTY;
    try {
      const json = JSON.parse(raw) as unknown;
      if (!isObject(json)) return EMPTY;
      const { fields, entities } = normalizeEvent(json, raw);
      const caller: Caller = { ...fields, eventSource: fields.source };
      return { json, entities, folded: isFolded(caller, entities) };
    } catch {
      return EMPTY;
    }
  }
}
