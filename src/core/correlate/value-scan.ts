import type { IndexDb } from '../index/open.js';
import type { EntityKind } from '../normalize/types.js';
import type { Cursor } from '../query/page.js';
import { requestLookup } from '../query/request-ids.js';

/** The events found to share one value; `cut` when the value has more than were read. */
export interface SharedEvents {
  events: Cursor[];
  cut: boolean;
}

/** How far one value is read: `probe` also reads its first events ever (the call that created it); `perValue` 0 reads only those. */
export interface ScanBounds {
  windowMs: number;
  perValue: number;
  probe: boolean;
}

/** The first events of a value come first: its RunInstances, CreateGrant, CreateVolume or AssumeRole, however old. */
const CREATOR_PROBE = 3;

/**
 * Reads the events that share one entity value: its first few ever (the call that
 * created it), then the nearest before and after the origin within the window. Each
 * read is one range of the (value_id, time, seq) index, so a value shared by
 * millions costs no more than one shared by three.
 */
export class ValueScanner {
  private readonly valueOf;
  private readonly earliest;
  private readonly before;
  private readonly after;
  private readonly countUpTo;
  private readonly eventsOfRequest;

  constructor(db: IndexDb) {
    this.eventsOfRequest = requestLookup(db);
    this.valueOf = db.prepare('SELECT id FROM entity_values WHERE kind = ? AND value = ?').pluck();
    this.earliest = db.prepare('SELECT time, seq FROM entities WHERE value_id = ? ORDER BY time, seq LIMIT ?');
    this.before = db.prepare(`SELECT time, seq FROM entities WHERE value_id = ? AND time >= ? AND (time, seq) <= (?, ?)
      ORDER BY time DESC, seq DESC LIMIT ?`);
    this.after = db.prepare(`SELECT time, seq FROM entities WHERE value_id = ? AND time <= ? AND (time, seq) > (?, ?)
      ORDER BY time, seq LIMIT ?`);
    this.countUpTo = db.prepare('SELECT count(*) FROM (SELECT 1 FROM entities WHERE value_id = ? LIMIT ?)').pluck();
  }

  /** Events sharing (kind, value) around `origin`; null when the index does not hold the value. */
  sharing(kind: EntityKind, value: string, origin: Cursor, bounds: ScanBounds): SharedEvents | null {
    if (kind === 'request') return this.sharingRequest(value, bounds);
    const valueId = this.valueOf.get(kind, value) as number | undefined;
    if (valueId === undefined) return null;
    const half = Math.max(1, Math.ceil(bounds.perValue / 2));
    const { windowMs } = bounds;
    const found = new Map<number, Cursor>();
    const add = (cursors: unknown[]) => {
      for (const cursor of cursors as Cursor[]) found.set(cursor.seq, cursor);
    };
    if (bounds.probe) add(this.earliest.all(valueId, CREATOR_PROBE));
    if (bounds.perValue > 0) {
      add(this.before.all(valueId, origin.time - windowMs, origin.time, origin.seq, half));
      add(this.after.all(valueId, origin.time + windowMs, origin.time, origin.seq, half));
    }
    // Counted here, bounded, not from entity_values.events: that count is kept per batch and not exact for every kind.
    const carried = this.countUpTo.get(valueId, found.size + 1) as number;
    return { events: [...found.values()], cut: carried > found.size };
  }

  /** A request id is on a few events at most (a call and the calls made for it), all read at once, oldest first. */
  private sharingRequest(value: string, bounds: ScanBounds): SharedEvents | null {
    const limit = Math.max(bounds.perValue, CREATOR_PROBE);
    const events = this.eventsOfRequest(value, limit + 1);
    if (events.length === 0) return null;
    return { events: events.slice(0, limit), cut: events.length > limit };
  }
}
