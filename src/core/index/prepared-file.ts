import type { FileProbe } from '../parse/read-file.js';
import type { Container } from '../parse/scanner.js';
import type { AliasFact, Entity, EntityKind, EventFields, NormalizedEvent } from '../normalize/types.js';
import type { HeadHash } from './file-state.js';
import { prepareItem, type PreparedItem, type RecordPlace } from './prepared-item.js';
import { readWholeFile } from './whole-file.js';

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
}

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
  }
  return { strings, values: out, raw };
}

export function decodePreparedFile({ strings, values: wire, raw: rawBytes }: PreparedWire): PreparedFile {
  const raw = Buffer.from(rawBytes.buffer, rawBytes.byteOffset, rawBytes.byteLength);
  let at = 0;
  const next = () => wire[at++]!;
  const text = () => wire[at++] as string;
  const count = () => wire[at++] as number;
  const refText = () => strings[wire[at++] as number]!;
  const refOrNull = () => {
    const ref = wire[at++];
    return ref === null ? null : strings[ref as number]!;
  };
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
    const fields = {} as Record<keyof EventFields, unknown>;
    for (const name of FIELDS) fields[name] = AS_IS.has(name) ? next() : refOrNull();
    const entities: Entity[] = new Array(count());
    for (let e = 0; e < entities.length; e++) entities[e] = { kind: refText() as EntityKind, value: refText() };
    const keyArns: string[] = new Array(count());
    for (let k = 0; k < keyArns.length; k++) keyArns[k] = refText();
    const aliasNames: string[] = new Array(count());
    for (let k = 0; k < aliasNames.length; k++) aliasNames[k] = refText();
    const aliasOnly = refOrNull();
    const aliasFacts: AliasFact[] = new Array(count());
    for (let f = 0; f < aliasFacts.length; f++) aliasFacts[f] = { alias: refText(), key: refOrNull(), change: text() as AliasFact['change'] };
    const rawAt = count();
    const event = new ReceivedEvent(fields as unknown as EventFields, entities, { keys: keyArns, aliasNames, aliasOnly, aliasFacts }, raw.subarray(rawAt, rawAt + count()));
    items[i] = { type, place, event };
  }
  return { size, mtimeMs, probe, head, items };
}

/** A normalized event from another thread: its record is decoded from `rawBytes`, and parsed, only if asked for. */
class ReceivedEvent implements NormalizedEvent {
  private text: string | null = null;
  private parsed: NormalizedEvent['record'] | null = null;

  constructor(readonly fields: EventFields, readonly entities: Entity[], readonly keys: NormalizedEvent['keys'], readonly rawBytes: Buffer) {}

  get raw(): string {
    return this.text ??= this.rawBytes.toString('utf8');
  }

  get record(): NormalizedEvent['record'] {
    return this.parsed ??= JSON.parse(this.raw) as NormalizedEvent['record'];
  }
}
