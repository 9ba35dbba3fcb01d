import { isObject, type JsonObject } from '../../parse/classify.js';

/** What an event-selector change does to KMS logging. */
export type KmsLogging = 'dropped' | 'reads-dropped' | 'kept';

const KMS = 'kms.amazonaws.com';
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const field = (object: JsonObject, name: string): unknown => object[name] ?? object[name.charAt(0).toUpperCase() + name.slice(1)];
const strings = (value: unknown): string[] => list(value).filter((item): item is string => typeof item === 'string');

/** Basic selectors: KMS is logged when one selector includes management events and does not exclude KMS. */
export function basicSelectorsKms(selectors: unknown): KmsLogging {
  const all = list(selectors).filter(isObject);
  const logging = all.filter((selector) => field(selector, 'includeManagementEvents') !== false && !strings(field(selector, 'excludeManagementEventSources')).includes(KMS));
  if (logging.length === 0) return 'dropped';
  return logging.some((selector) => field(selector, 'readWriteType') !== 'WriteOnly') ? 'kept' : 'reads-dropped';
}

/** Advanced selectors: KMS is logged when a management selector neither excludes KMS nor picks other sources only. */
export function advancedSelectorsKms(selectors: unknown): KmsLogging {
  const management = list(selectors).filter(isObject).filter((selector) => {
    const fields = list(field(selector, 'fieldSelectors')).filter(isObject);
    return fields.some((item) => field(item, 'field') === 'eventCategory' && strings(field(item, 'equals')).includes('Management'));
  });
  const logging = management.filter((selector) => {
    const fields = list(field(selector, 'fieldSelectors')).filter(isObject);
    const source = fields.find((item) => field(item, 'field') === 'eventSource');
    if (!source) return true;
    const equals = strings(field(source, 'equals'));
    return !strings(field(source, 'notEquals')).includes(KMS) && (equals.length === 0 || equals.includes(KMS));
  });
  if (logging.length === 0) return 'dropped';
  const writesOnly = (selector: JsonObject) => list(field(selector, 'fieldSelectors')).filter(isObject)
    .some((item) => field(item, 'field') === 'readOnly' && strings(field(item, 'equals')).includes('false'));
  return logging.every(writesOnly) ? 'reads-dropped' : 'kept';
}
