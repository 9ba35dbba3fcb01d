import type { EntityKind, EventFields } from '../normalize/types.js';
import { unpackedIdSql } from './event-id.js';
import { textOfSql } from './text-sql.js';

/**
 * The index schema. Design notes (figures in docs/PERFORMANCE.md):
 * - event rows hold their repeated texts by id (`texts`, read through the `events` view)
 *   and a pointer into a compressed block of raw JSON; secondary indexes are few because
 *   each one costs ingest speed;
 * - every filterable value (key, principal, instance, ctx pair, ...) is an entity
 *   row keyed (value_id, time, seq): one index range per value, already in time
 *   order, so a filtered page is a range scan, never OFFSET and never a sort;
 * - request ids are nearly one per event: kept on the events row with an integer-hash
 *   index, not as entity values (1M unique values in entity_values made every commit
 *   rewrite pages all over that table and halved the ingest rate at 1M events); that
 *   index is one of the DEFERRED_INDEXES_SQL;
 * - files record progress in the same transaction as their events, so a kill at
 *   any moment and a rerun give the same index.
 */
// Moves on whenever what is stored changes, also without a table changing: 6 reads an eventID that
// holds `~` whole, a federated user's session with no role, a console role session as a person, and
// no alias tie from a call naming two keys or before a CreateAlias. An older index is rebuilt.
export const SCHEMA_VERSION = 6;

/**
 * The events columns kept as ids into `texts` (`<column>_id` in event_rows), in the order the
 * writer binds them. The `events` view gives each back as text under its own name.
 */
export const TEXT_COLUMNS = [
  'name', 'principal', 'error_code', 'ip', 'role', 'kind', 'actor', 'access_key', 'key_ref', 'account', 'region', 'source',
  'principal_type', 'invoked_by', 'event_type', 'user_agent',
] as const;
export type TextColumn = typeof TEXT_COLUMNS[number];

/** The event field each text column holds (normalize/types.ts EventFields). */
export const TEXT_FIELDS = {
  name: 'name', principal: 'principal', error_code: 'errorCode', ip: 'ip', role: 'role', kind: 'kind', actor: 'actor',
  access_key: 'accessKey', key_ref: 'keyRef', account: 'account', region: 'region', source: 'source',
  principal_type: 'principalType', invoked_by: 'invokedBy', event_type: 'eventType', user_agent: 'userAgent',
} as const satisfies Record<TextColumn, keyof EventFields>;

export function isTextColumn(column: string): column is TextColumn {
  return (TEXT_COLUMNS as readonly string[]).includes(column);
}

/**
 * Kinds kept only on the events row (request_id, found through events_by_request): nearly
 * unique per event, so as entity values they would cost a value row and an entity row each.
 */
export const ROW_ONLY_KINDS: ReadonlySet<EntityKind> = new Set<EntityKind>(['request']);

/**
 * Events as readers know them: each text column looked up by its id, only where a query reads it.
 * Derived from the code, not from the stored version alone: a writer opening the index replaces a
 * view whose text differs (`ensureEventsView`), so it always matches the rows the code writes.
 */
export const EVENTS_VIEW_SQL = `CREATE VIEW events AS SELECT
  seq, time, ${unpackedIdSql('uid')} AS uid, event_hash, fingerprint, read_only, error_message,
  ${unpackedIdSql('request_id')} AS request_id, request_hash, shared_event_id,
  file_id, position, raw_block, raw_offset, raw_length,
  ${TEXT_COLUMNS.map((column) => `${column}_id`).join(', ')},
${TEXT_COLUMNS.map((column) => `  ${textOfSql(`${column}_id`)} AS ${column}`).join(',\n')}
FROM event_rows`;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS files (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL DEFAULT 0,
  mtime_ms INTEGER NOT NULL DEFAULT 0,
  head_hash TEXT,
  head_length INTEGER NOT NULL DEFAULT 0,
  gzip INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL DEFAULT 'pending',
  status TEXT NOT NULL DEFAULT 'pending',
  error TEXT,
  resume_offset INTEGER NOT NULL DEFAULT 0,
  resume_line INTEGER NOT NULL DEFAULT 1,
  records INTEGER NOT NULL DEFAULT 0,
  events_added INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  indexed_at INTEGER
);

-- uid: the eventID, or eventID~fingerprint when documentation reuses an eventID for another
-- record, or nid-<content hash> when there is none. The fingerprint hashes the record's whole
-- content (canonical JSON: key order and spacing do not count), so a re-delivery is the same
-- event and a record that differs in anything is another. It is taken only once a record with the
-- same eventID and other content arrives (0 until then: hashing every record cost a tenth of the
-- ingest); re-deliveries are recognised by comparing the records themselves.
-- Lookups are by event_hash, a 52-bit integer, smaller and faster to index than the text ids.
--
-- Columns whose values repeat across events (names, ARNs, addresses, regions...) are kept once
-- in \`texts\` and stored here by id (<column>_id): rows are less than half as large, and a count
-- groups by integers. The ids a filter or a facet reads come first in the row: SQLite decodes a
-- row's columns in order, so a scan that reads only those stops early. Readers see the text
-- through the \`events\` view.
CREATE TABLE IF NOT EXISTS event_rows (
  seq INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  name_id INTEGER, principal_id INTEGER, error_code_id INTEGER, ip_id INTEGER, role_id INTEGER,
  -- What the record is (EventKind): api-call, network-activity (VPC endpoint), service-event...
  kind_id INTEGER NOT NULL,
  actor_id INTEGER NOT NULL,
  access_key_id INTEGER,
  -- The event's key ARN; for an event that names its key only by an alias, the key that alias
  -- (of the event's account and region) named at the event's time, else the alias ARN.
  key_ref_id INTEGER,
  account_id INTEGER, region_id INTEGER, source_id INTEGER, principal_type_id INTEGER, invoked_by_id INTEGER,
  event_type_id INTEGER, user_agent_id INTEGER,
  read_only INTEGER,
  -- uid and request_id: a UUID as its 16 bytes, other ids as text (packedId, event-id.ts).
  uid NOT NULL,
  event_hash INTEGER NOT NULL,
  fingerprint INTEGER NOT NULL,
  error_message TEXT,
  request_id, request_hash INTEGER, shared_event_id TEXT,
  file_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  raw_block INTEGER NOT NULL,
  raw_offset INTEGER NOT NULL,
  raw_length INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_id ON event_rows (event_hash, fingerprint);
CREATE INDEX IF NOT EXISTS events_by_time ON event_rows (time, seq);
CREATE INDEX IF NOT EXISTS events_by_file ON event_rows (file_id);

-- Every repeated text of an events column, once (user agents run to ~150 bytes each).
CREATE TABLE IF NOT EXISTS texts (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);

-- Further files an event was also delivered in (duplicate delivery, org + account trail).
CREATE TABLE IF NOT EXISTS event_sources (
  seq INTEGER NOT NULL,
  file_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (seq, file_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_sources_by_file ON event_sources (file_id);

CREATE TABLE IF NOT EXISTS raw_blocks (id INTEGER PRIMARY KEY, data BLOB NOT NULL);

CREATE TABLE IF NOT EXISTS entity_values (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  events INTEGER NOT NULL DEFAULT 0,
  UNIQUE (kind, value)
);

CREATE TABLE IF NOT EXISTS entities (
  value_id INTEGER NOT NULL,
  time INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (value_id, time, seq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS rejected (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  line INTEGER NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rejected_by_file ON rejected (file_id);

-- What the logs show about aliases, each alias by its ARN (one account and region):
-- alias_changes: CreateAlias / UpdateAlias / DeleteAlias that succeeded (key: the key named
--   from then on, or for a delete the key named until then; '' when the event does not say);
-- alias_seen: first and last time an event named the alias and showed its key;
-- alias_uses: events that name their key only by an alias; their key_ref and 'key' entity
--   are re-resolved whenever what is known about the alias changes (learned retroactively).
CREATE TABLE IF NOT EXISTS alias_changes (
  alias TEXT NOT NULL,
  time INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  change TEXT NOT NULL,
  key TEXT NOT NULL,
  PRIMARY KEY (alias, time, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS alias_changes_by_key ON alias_changes (key);

CREATE TABLE IF NOT EXISTS alias_seen (
  alias TEXT NOT NULL,
  key TEXT NOT NULL,
  first INTEGER NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (alias, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS alias_seen_by_key ON alias_seen (key);

CREATE TABLE IF NOT EXISTS alias_uses (
  alias TEXT NOT NULL,
  time INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (alias, time, seq)
) WITHOUT ROWID;

-- Every (alias ARN, key ARN) the logs link, for readers that want "which keys did alias/x name".
CREATE VIEW IF NOT EXISTS alias_keys AS
  SELECT alias, key FROM alias_seen UNION SELECT alias, key FROM alias_changes WHERE key <> '';
-- The same by alias name and key id, in any account and region (what an Athena translation asks).
CREATE VIEW IF NOT EXISTS aliases AS
  SELECT substr(alias, instr(alias, ':alias/') + 1) AS alias, substr(key, instr(key, ':key/') + 5) AS key_id FROM alias_keys;
`;

/**
 * Indexes built once a folder's first scan is in, then kept up to date by every later
 * write: CREATE INDEX sorts once, where inserting a million random keys one at a time
 * cost a quarter of a cold ingest. Until they exist, queries that would use them scan.
 */
export const DEFERRED_INDEXES_SQL = `
CREATE INDEX IF NOT EXISTS events_by_request ON event_rows (request_hash) WHERE request_hash IS NOT NULL;
-- The copies of one cross-account call (detect/event-kinds.ts): built, as the others, on an index of this version made before it.
CREATE INDEX IF NOT EXISTS events_by_shared_id ON event_rows (shared_event_id) WHERE shared_event_id IS NOT NULL;
`;
