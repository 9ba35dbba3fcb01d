import type { FileProbe } from '../parse/read-file.js';
import type { Container } from '../parse/scanner.js';
import type { AliasFact, Entity, EntityKind, EventFields, NormalizedEvent } from '../normalize/types.js';
import type { HeadHash } from './file-state.js';
import { prepareItem, type PreparedItem, type RecordPlace } from './prepared-item.js';
import { readWholeFile } from './whole-file.js';
import { TEXT_COLUMNS, TEXT_FIELDS } from './schema.js';
import { eventHash, packedId, requestHash } from './event-id.js';

/** A small file read, scanned, classified and normalized: what `ingestFile` needs of it besides the index. */
export interface PreparedFile {
  /** The stat of what was read: a file that changed since is read again. */
  size: number;
  mtimeMs: number;
  probe: FileProbe;
  head: HeadHash;
  items: PreparedItem[];
}

/** Null when the file needs the streaming reader (a damaged gzip stream: it indexes what precedes the damage). */
export function prepareFile(path: string, size: number, mtimeMs: number): PreparedFile | null {
  const whole = readWholeFile(path);
  if (!whole) return null;
  return { size, mtimeMs, probe: whole.probe, head: whole.head, items: whole.items.map(prepareItem) };
}

/*
 * The wire form between threads: one flat array of strings, numbers, booleans and nulls. A
 * structured clone of nested event objects writes every property name of every event and
 * costs about as much as parsing the record again; a flat array costs its values. Values
 * that repeat (accounts, ARNs, entity values) are sent once per file and referred to by
 * number: fewer strings to copy, and on the writer's side one string per value, whose hash
 * its lookups compute once. The records themselves cross as one buffer of UTF-8, moved rather
 * than copied: the writer stores those bytes as they are and decodes a record to text only when it
 * compares it with another (a re-delivery), as it parses the record only then.
 */

const FIELDS: ReadonlyArray<keyof EventFields> = ['eventId', 'time', 'account', 'region', 'source', 'name', 'readOnly',
  'errorCode', 'errorMessage', 'ip', 'userAgent', 'principal', 'role', 'principalType', 'accessKey', 'invokedBy',
  'requestId', 'sharedEventId', 'eventType', 'kind', 'actor', 'keyRef'];
/** Fields sent as they are: numbers, booleans, and ids that never repeat. */
const AS_IS = new Set<keyof EventFields>(['eventId', 'time', 'readOnly', 'requestId']);

const TAGS = ['error', 'event', 'digest', 'public-keys', 'not-event', 'invalid'] as const;
type Value = string | number | boolean | null;
export interface PreparedWire {
  strings: string[];
  values: Value[];
  /** Every event's raw record, UTF-8, back to back; its buffer is transferable (not Node's shared pool). */
  raw: Uint8Array;
  /** The 16 bytes of each event and request id stored packed (`packedId`), back to back; transferable too. */
  ids: Uint8Array;
}

/**
 * What the reading thread works out for the writer from an event's ids: their hashes and stored
 * forms (event-id.ts). On the writer's thread they took 7% of its time.
 */
export interface EventIdKeys {
  eventHash: number;
  packedEventId: string | Buffer;
  requestHash: number | null;
  packedRequestId: string | Buffer | null;
}

const PACKED_BYTES = 16;

export function encodePreparedFile(file: PreparedFile): PreparedWire {
  const strings: string[] = [];
  const refs = new Map<string, number>();
  const ref = (text: string | null): number | null => {
    if (text === null) return null;
    let at = refs.get(text);
    if (at === undefined) refs.set(text, at = strings.push(text) - 1);
    return at;
  };
  const records = file.items.flatMap((item) => (item.type === 'event' ? [item.event.raw] : []));
  const raw = Buffer.allocUnsafeSlow(records.reduce((total, record) => total + Buffer.byteLength(record), 0));
  let rawAt = 0;
  const ids = Buffer.allocUnsafeSlow(2 * PACKED_BYTES * records.length);
  let idsAt = 0;
  /** Where the id's packed bytes went, or the id itself when it is stored as text. */
  const packed = (id: string | null): number | string | null => {
    if (id === null) return null;
    const form = packedId(id);
    if (typeof form === 'string') return form;
    ids.set(form, idsAt);
    idsAt += PACKED_BYTES;
    return idsAt - PACKED_BYTES;
  };
  const out: Value[] = [file.size, file.mtimeMs, file.probe.gzip, file.probe.empty, file.head.hash, file.head.length, file.items.length];
  for (const item of file.items) {
    out.push(TAGS.indexOf(item.type));
    if (item.type === 'error') {
      out.push(item.offset, item.line, item.reason, item.truncated === true);
      continue;
    }
    const { place } = item;
    out.push(place.offset, place.line, place.end, place.endLine, place.container);
    if (item.type !== 'event') {
      out.push(item.reason);
      continue;
    }
    const { fields, entities, keys } = item.event;
    for (const name of FIELDS) out.push(AS_IS.has(name) ? fields[name] : ref(fields[name] as string | null));
    out.push(entities.length);
    for (const entity of entities) out.push(ref(entity.kind), ref(entity.value));
    out.push(keys.keys.length, ...keys.keys.map(ref), keys.aliasNames.length, ...keys.aliasNames.map(ref), ref(keys.aliasOnly), keys.aliasFacts.length);
    for (const fact of keys.aliasFacts) out.push(ref(fact.alias), ref(fact.key), fact.change);
    const length = raw.write(item.event.raw, rawAt);
    out.push(rawAt, length);
    rawAt += length;
    const { eventId, requestId } = item.event.fields;
    out.push(eventId === null ? null : eventHash(eventId), packed(eventId), requestId === null ? null : requestHash(requestId), packed(requestId));
  }
  return { strings, values: out, raw, ids };
}

/**
 * About how many KiB a prepared file holds while it waits to be taken: its buffers, strings and values.
 * A file of no events (a large non-log, a damaged one) holds its rejects and reasons, not records.
 */
export function preparedKib(wire: PreparedWire): number {
  let bytes = wire.raw.byteLength + wire.ids.byteLength;
  for (const text of wire.strings) bytes += text.length;
  for (const value of wire.values) bytes += typeof value === 'string' ? value.length : 8;
  return Math.ceil(bytes / 1024);
}

export function decodePreparedFile({ strings, values: wire, raw: rawBytes, ids: idBytes }: PreparedWire): PreparedFile {
  const raw = Buffer.from(rawBytes.buffer, rawBytes.byteOffset, rawBytes.byteLength);
  const ids = Buffer.from(idBytes.buffer, idBytes.byteOffset, idBytes.byteLength);
  const unpacked = (form: Value): string | Buffer | null =>
    typeof form === 'number' ? ids.subarray(form, form + PACKED_BYTES) : form as string | null;
  let at = 0;
  const next = () => wire[at++]!;
  const text = () => wire[at++] as string;
  const count = () => wire[at++] as number;
  const refText = () => strings[wire[at++] as number]!;
  const refOrNull = () => {
    const ref = wire[at++];
    return ref === null ? null : strings[ref as number]!;
  };
  const dictionary = new WireDictionary(strings);
  const size = count();
  const mtimeMs = count();
  const probe = { gzip: next() as boolean, empty: next() as boolean };
  const head = { hash: text(), length: count() };
  const items: PreparedItem[] = new Array(count());
  for (let i = 0; i < items.length; i++) {
    const type = TAGS[count()]!;
    if (type === 'error') {
      const error = { type, offset: count(), line: count(), reason: text() };
      items[i] = next() === true ? { ...error, truncated: true } : error;
      continue;
    }
    const place: RecordPlace = { type: 'record', offset: count(), line: count(), end: count(), endLine: count(), container: text() as Container };
    if (type !== 'event') {
      items[i] = { type, place, reason: text() };
      continue;
    }
    const fieldsAt = at;
    const fields = {} as Record<keyof EventFields, unknown>;
    for (const name of FIELDS) fields[name] = AS_IS.has(name) ? next() : refOrNull();
    const entities: Entity[] = new Array(count());
    const entitiesAt = at;
    for (let e = 0; e < entities.length; e++) entities[e] = { kind: refText() as EntityKind, value: refText() };
    const keyArns: string[] = new Array(count());
    for (let k = 0; k < keyArns.length; k++) keyArns[k] = refText();
    const aliasNames: string[] = new Array(count());
    for (let k = 0; k < aliasNames.length; k++) aliasNames[k] = refText();
    const aliasOnly = refOrNull();
    const aliasFacts: AliasFact[] = new Array(count());
    for (let f = 0; f < aliasFacts.length; f++) aliasFacts[f] = { alias: refText(), key: refOrNull(), change: text() as AliasFact['change'] };
    const rawAt = count();
    const rawEnd = rawAt + count();
    const eventHash = next() as number | null;
    const packedEventId = unpacked(next());
    const requestHash = next() as number | null;
    const packedRequestId = unpacked(next());
    const idKeys = eventHash === null ? null : { eventHash, packedEventId: packedEventId!, requestHash, packedRequestId };
    const event = new ReceivedEvent(fields as unknown as EventFields, entities, { keys: keyArns, aliasNames, aliasOnly, aliasFacts },
      raw.subarray(rawAt, rawEnd), { dictionary, wire, fieldsAt, entitiesAt }, idKeys);
    items[i] = { type, place, event };
  }
  return { size, mtimeMs, probe, head, items };
}

/** Where one received event's values sit in its file's wire array. */
export interface WireRefs {
  dictionary: WireDictionary;
  wire: readonly Value[];
  /** The first of its FIELDS. */
  fieldsAt: number;
  /** Its first entity's kind; each entity is a (kind, value) pair of string numbers. */
  entitiesAt: number;
}

/** Where each text column's field sits among an event's FIELDS on the wire (every one is sent by string number). */
const TEXT_COLUMN_SLOTS = Int32Array.from(TEXT_COLUMNS, (column) => {
  const slot = FIELDS.indexOf(TEXT_FIELDS[column]);
  if (slot < 0 || AS_IS.has(TEXT_FIELDS[column])) throw new Error(`text column ${column} is not sent by string number`);
  return slot;
});

/**
 * The ids a writer gave the distinct strings of one received file. A file names each account, ARN or
 * region once however many of its events repeat it, so the writer looks each text up once per file:
 * 412,000 lookups by string instead of 3.2 million for 200,000 events in files of ~500. The ids hold
 * for one `generation` of the writer: a rollback frees ids it had handed out.
 */
export class WireDictionary {
  private readonly textIds: Int32Array;
  private readonly valueIds = new Map<number, number>();
  private generation = -1;

  constructor(readonly strings: readonly string[]) {
    this.textIds = new Int32Array(strings.length).fill(-1);
  }

  /** Forgets every id when they come from another generation of the writer than the last call. */
  claim(generation: number): void {
    if (generation === this.generation) return;
    this.textIds.fill(-1);
    this.valueIds.clear();
    this.generation = generation;
  }

  /** The text id of each text column of the event, in TEXT_COLUMNS order, into `out` from `from`. */
  textIdsInto(refs: WireRefs, idOf: (text: string) => number, out: unknown[], from: number): void {
    for (let column = 0; column < TEXT_COLUMN_SLOTS.length; column++) {
      const ref = refs.wire[refs.fieldsAt + TEXT_COLUMN_SLOTS[column]!] as number | null;
      if (ref === null) {
        out[from + column] = null;
        continue;
      }
      let id = this.textIds[ref]!;
      if (id < 0) this.textIds[ref] = id = idOf(this.strings[ref]!);
      out[from + column] = id;
    }
  }

  /** The value id of the event's `index`th entity. */
  valueId(refs: WireRefs, index: number, idOf: (kind: string, value: string) => number): number {
    const kindRef = refs.wire[refs.entitiesAt + 2 * index] as number;
    const valueRef = refs.wire[refs.entitiesAt + 2 * index + 1] as number;
    const key = kindRef * this.strings.length + valueRef;
    let id = this.valueIds.get(key);
    if (id === undefined) this.valueIds.set(key, id = idOf(this.strings[kindRef]!, this.strings[valueRef]!));
    return id;
  }
}

/** A normalized event from another thread: its record is decoded from `rawBytes`, and parsed, only if asked for. */
export class ReceivedEvent implements NormalizedEvent {
  private text: string | null = null;
  private parsed: NormalizedEvent['record'] | null = null;

  /** `idKeys`: null for a record without an eventID (the writer names it from its content). */
  constructor(readonly fields: EventFields, readonly entities: Entity[], readonly keys: NormalizedEvent['keys'], readonly rawBytes: Buffer,
    readonly refs: WireRefs, readonly idKeys: EventIdKeys | null) {}

  get raw(): string {
    return this.text ??= this.rawBytes.toString('utf8');
  }

  get record(): NormalizedEvent['record'] {
    return this.parsed ??= JSON.parse(this.raw) as NormalizedEvent['record'];
  }
}
