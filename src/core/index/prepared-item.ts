import { classifyRecord, type InputShape, type JsonObject } from '../parse/classify.js';
import type { ScanError, ScannedRecord } from '../parse/scanner.js';
import { normalizeEvent } from '../normalize/normalize.js';
import type { NormalizedEvent } from '../normalize/types.js';

/** Where a scanned record sits in its file: all the index keeps of it besides its content. */
export type RecordPlace = Omit<ScannedRecord, 'text'>;

/**
 * A scanned item, classified and (for an event) normalized: everything of a file's reading that
 * does not touch the index, so it can be done on another thread (see file-preparer.ts).
 */
export type PreparedItem =
  | ScanError
  | { type: 'event'; place: RecordPlace; event: NormalizedEvent }
  | { type: 'digest' | 'public-keys' | 'not-event' | 'invalid'; place: RecordPlace; reason: string };

const NOT_EVENT_REASONS = {
  digest: 'a CloudTrail digest file, not an event',
  'public-keys': 'a public key list, not an event',
} as const;

export function prepareItem(item: ScannedRecord | ScanError): PreparedItem {
  if (item.type === 'error') return item;
  const { text: _text, ...place } = item;
  const classified = classifyRecord(item);
  switch (classified.kind) {
    case 'event': {
      const { event, raw } = sameOnEveryThread(classified.event, classified.raw, classified.shape);
      return { type: 'event', place, event: normalizeEvent(event, raw) };
    }
    case 'digest':
    case 'public-keys':
      return { type: classified.kind, place, reason: NOT_EVENT_REASONS[classified.kind] };
    case 'not-event':
    case 'invalid':
      return { type: classified.kind, place, reason: classified.reason };
  }
}

/**
 * The record and its text as both paths see them: a file read on another thread reaches the writer
 * as UTF-8 and its record is parsed again from that text, so what is hashed and compared must not
 * depend on the thread. An embedded event string may hold a lone surrogate (a `\ud800` escape),
 * which UTF-8 cannot carry: the text is made well-formed and parsed again. A record rebuilt by
 * JSON.stringify (EventBridge, Lake rows) is taken as its text parses (a -0 becomes 0 in the text).
 */
function sameOnEveryThread(event: JsonObject, raw: string, shape: InputShape): { event: JsonObject; raw: string } {
  if (!raw.isWellFormed()) {
    const text = raw.toWellFormed();
    return { event: JSON.parse(text) as JsonObject, raw: text };
  }
  if (shape === 'eventbridge' || shape === 'lake') return { event: JSON.parse(raw) as JsonObject, raw };
  return { event, raw };
}
