import { classifyRecord } from '../parse/classify.js';
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
    case 'event':
      return { type: 'event', place, event: normalizeEvent(classified.event, classified.raw) };
    case 'digest':
    case 'public-keys':
      return { type: classified.kind, place, reason: NOT_EVENT_REASONS[classified.kind] };
    case 'not-event':
    case 'invalid':
      return { type: classified.kind, place, reason: classified.reason };
  }
}
