import { parseCidr } from '../query/cidr.js';
import { defaultDetectionConfig, WEEKDAYS, type DetectionConfig, type Weekday } from './config.js';
import { parseLearningWindow } from './learning.js';
import { isRuleId, RULE_IDS, type RuleId } from './rule-ids.js';

/** A config problem, naming the file and the field so the user can fix it in one go. */
export class DetectionConfigError extends Error {
  constructor(readonly source: string, readonly field: string, problem: string) {
    super(`${source}: ${field}: ${problem}`);
  }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const shown = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** Reads the config file's fields one by one; every error names the dotted field. */
class Reader {
  constructor(readonly source: string) {}

  fail(field: string, problem: string): never {
    throw new DetectionConfigError(this.source, field, problem);
  }

  object(value: unknown, field: string, known: readonly string[]): Json {
    if (!isObject(value)) this.fail(field, `must be an object, not ${shown(value)}`);
    for (const name of Object.keys(value)) {
      if (!known.includes(name)) this.fail(field ? `${field}.${name}` : name, `unknown field (known: ${known.join(', ')})`);
    }
    return value;
  }

  number(value: unknown, field: string, options: { integer: boolean; min: number }): number {
    const ok = typeof value === 'number' && Number.isFinite(value) && value >= options.min && (!options.integer || Number.isInteger(value));
    if (!ok) this.fail(field, `must be a ${options.integer ? 'whole ' : ''}number of at least ${options.min}, not ${shown(value)}`);
    return value as number;
  }

  strings(value: unknown, field: string, check?: (item: string) => string | null): string[] {
    if (!Array.isArray(value)) this.fail(field, `must be a list of strings, not ${shown(value)}`);
    return value.map((item, index) => {
      if (typeof item !== 'string' || item.length === 0) this.fail(`${field}[${index}]`, `must be a non-empty string, not ${shown(item)}`);
      const problem = check?.(item);
      if (problem) this.fail(`${field}[${index}]`, problem);
      return item;
    });
  }

  time(value: unknown, field: string): string {
    const match = typeof value === 'string' ? /^(\d{2}):(\d{2})$/.exec(value) : null;
    if (!match || Number(match[1]) > 24 || Number(match[2]) > 59 || (Number(match[1]) === 24 && match[2] !== '00')) {
      this.fail(field, `must be a time "HH:MM" (24-hour clock), not ${shown(value)}`);
    }
    return value as string;
  }
}

function timeZone(reader: Reader, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) reader.fail('timeZone', `must be an IANA time zone such as "Europe/Amsterdam", not ${shown(value)}`);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    reader.fail('timeZone', `unknown time zone ${shown(value)} (use an IANA name such as "Europe/Amsterdam" or "UTC")`);
  }
  return value;
}

function learningWindow(reader: Reader, value: unknown): string {
  if (typeof value !== 'string' || !parseLearningWindow(value)) {
    reader.fail('learningWindow', `must be a share of the time range ("25%") or a length ("24h", "7d"), not ${shown(value)}`);
  }
  return value;
}

function businessHours(reader: Reader, value: unknown, into: DetectionConfig['businessHours']): void {
  const hours = reader.object(value, 'businessHours', ['days', 'start', 'end']);
  if (hours.days !== undefined) {
    into.days = reader.strings(hours.days, 'businessHours.days', (day) => (WEEKDAYS.includes(day as Weekday) ? null : `must be one of ${WEEKDAYS.join(', ')}, not "${day}"`)) as Weekday[];
  }
  if (hours.start !== undefined) into.start = reader.time(hours.start, 'businessHours.start');
  if (hours.end !== undefined) into.end = reader.time(hours.end, 'businessHours.end');
  if (into.start >= into.end) reader.fail('businessHours', `start (${into.start}) must be before end (${into.end})`);
}

function thresholds(reader: Reader, file: Json, config: DetectionConfig): void {
  if (file.decryptFailureBurst !== undefined) {
    const burst = reader.object(file.decryptFailureBurst, 'decryptFailureBurst', ['failures', 'windowMinutes']);
    if (burst.failures !== undefined) config.decryptFailureBurst.failures = reader.number(burst.failures, 'decryptFailureBurst.failures', { integer: true, min: 2 });
    if (burst.windowMinutes !== undefined) config.decryptFailureBurst.windowMinutes = reader.number(burst.windowMinutes, 'decryptFailureBurst.windowMinutes', { integer: true, min: 1 });
  }
  if (file.vpcePolicyDenials !== undefined) {
    const denials = reader.object(file.vpcePolicyDenials, 'vpcePolicyDenials', ['denials', 'windowMinutes']);
    if (denials.denials !== undefined) config.vpcePolicyDenials.denials = reader.number(denials.denials, 'vpcePolicyDenials.denials', { integer: true, min: 2 });
    if (denials.windowMinutes !== undefined) config.vpcePolicyDenials.windowMinutes = reader.number(denials.windowMinutes, 'vpcePolicyDenials.windowMinutes', { integer: true, min: 1 });
  }
  if (file.dataKeyVolume !== undefined) {
    const volume = reader.object(file.dataKeyVolume, 'dataKeyVolume', ['perHour', 'baselineFactor']);
    if (volume.perHour !== undefined) config.dataKeyVolume.perHour = reader.number(volume.perHour, 'dataKeyVolume.perHour', { integer: true, min: 1 });
    if (volume.baselineFactor !== undefined) config.dataKeyVolume.baselineFactor = reader.number(volume.baselineFactor, 'dataKeyVolume.baselineFactor', { integer: false, min: 1 });
  }
  if (file.deliveryGap !== undefined) {
    const gap = reader.object(file.deliveryGap, 'deliveryGap', ['minimumMinutes', 'usualFactor']);
    if (gap.minimumMinutes !== undefined) config.deliveryGap.minimumMinutes = reader.number(gap.minimumMinutes, 'deliveryGap.minimumMinutes', { integer: true, min: 1 });
    if (gap.usualFactor !== undefined) config.deliveryGap.usualFactor = reader.number(gap.usualFactor, 'deliveryGap.usualFactor', { integer: false, min: 1 });
  }
}

function allowLists(reader: Reader, value: unknown, allow: DetectionConfig['allow']): void {
  const lists = reader.object(value, 'allow', ['ipRanges', 'accounts', 'principalsPerKey', 'enclaveImages']);
  if (lists.ipRanges !== undefined) allow.ipRanges = reader.strings(lists.ipRanges, 'allow.ipRanges', (range) => (parseCidr(range) ? null : `"${range}" is not an IP address or CIDR range`));
  if (lists.accounts !== undefined) allow.accounts = reader.strings(lists.accounts, 'allow.accounts', (account) => (/^\d{12}$/.test(account) ? null : `"${account}" is not a 12-digit account id`));
  if (lists.enclaveImages !== undefined) allow.enclaveImages = reader.strings(lists.enclaveImages, 'allow.enclaveImages').map((digest) => digest.toLowerCase());
  if (lists.principalsPerKey !== undefined) {
    const perKey = reader.object(lists.principalsPerKey, 'allow.principalsPerKey', Object.keys(isObject(lists.principalsPerKey) ? lists.principalsPerKey : {}));
    allow.principalsPerKey = Object.fromEntries(Object.entries(perKey).map(([key, principals]) => [key, reader.strings(principals, `allow.principalsPerKey["${key}"]`)]));
  }
}

const TOP_LEVEL = ['$schema', 'timeZone', 'businessHours', 'learningWindow', 'disabledRules', 'decryptFailureBurst', 'vpcePolicyDenials', 'dataKeyVolume', 'deliveryGap', 'offHours', 'allow'];

/** Validates a parsed config file over the defaults; throws DetectionConfigError naming the field. */
export function parseDetectionConfig(value: unknown, source = 'config'): DetectionConfig {
  const reader = new Reader(source);
  const file = reader.object(value, '', TOP_LEVEL);
  const config = defaultDetectionConfig();
  if (file.timeZone !== undefined) config.timeZone = timeZone(reader, file.timeZone);
  if (file.businessHours !== undefined) businessHours(reader, file.businessHours, config.businessHours);
  if (file.learningWindow !== undefined) config.learningWindow = learningWindow(reader, file.learningWindow);
  if (file.disabledRules !== undefined) {
    config.disabledRules = reader.strings(file.disabledRules, 'disabledRules', (id) => (isRuleId(id) ? null : `unknown rule "${id}" (rules: ${RULE_IDS.join(', ')})`)) as RuleId[];
  }
  thresholds(reader, file, config);
  if (file.offHours !== undefined) {
    const offHours = reader.object(file.offHours, 'offHours', ['alsoPrincipals', 'ignorePrincipals']);
    if (offHours.alsoPrincipals !== undefined) config.offHours.alsoPrincipals = reader.strings(offHours.alsoPrincipals, 'offHours.alsoPrincipals');
    if (offHours.ignorePrincipals !== undefined) config.offHours.ignorePrincipals = reader.strings(offHours.ignorePrincipals, 'offHours.ignorePrincipals');
  }
  if (file.allow !== undefined) allowLists(reader, file.allow, config.allow);
  return config;
}
