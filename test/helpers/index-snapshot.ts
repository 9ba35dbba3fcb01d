import type { IndexDb } from '../../src/core/index/open.js';

/** Everything a responder could see of an index, in a stable order: equal snapshots, equal indexes. */
export function snapshotIndex(db: IndexDb): unknown {
  return {
    events: db.prepare(`SELECT e.uid, e.time, e.name, e.principal, e.key_ref, f.path, e.position,
      (SELECT group_concat(f2.path, ',') FROM event_sources s JOIN files f2 ON f2.id = s.file_id WHERE s.seq = e.seq) AS others
      FROM events e JOIN files f ON f.id = e.file_id ORDER BY e.uid`).all(),
    entities: db.prepare(`SELECT v.kind, v.value, v.events, (SELECT count(*) FROM entities x WHERE x.value_id = v.id) AS rows
      FROM entity_values v WHERE v.events > 0 ORDER BY v.kind, v.value`).all(),
    rejected: db.prepare('SELECT f.path, r.position, r.line, r.reason FROM rejected r JOIN files f ON f.id = r.file_id ORDER BY f.path, r.position').all(),
    files: db.prepare('SELECT path, status, kind, records, events_added, duplicates, rejected FROM files ORDER BY path').all(),
    count: db.prepare("SELECT value FROM meta WHERE key = 'event_count'").pluck().get(),
  };
}
