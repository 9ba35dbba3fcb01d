import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDetectionConfig, resolveDetectionConfig } from '../../../src/core/detect/config-file.js';
import { DetectionConfigError, parseDetectionConfig } from '../../../src/core/detect/config-parse.js';
import { defaultDetectionConfig } from '../../../src/core/detect/config.js';
import { BusinessHours } from '../../../src/core/detect/business-hours.js';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function problem(value: unknown): string {
  try {
    parseDetectionConfig(value, 'keytrail.config.json');
  } catch (error) {
    expect(error).toBeInstanceOf(DetectionConfigError);
    return (error as Error).message;
  }
  throw new Error('the config was accepted');
}

describe('detection config', () => {
  it('fills what a file leaves out with the defaults', () => {
    const parsed = parseDetectionConfig({ timeZone: 'Europe/Amsterdam', dataKeyVolume: { perHour: 500 } });
    expect(parsed.timeZone).toBe('Europe/Amsterdam');
    expect(parsed.dataKeyVolume).toEqual({ perHour: 500, baselineFactor: 3 });
    expect(parseDetectionConfig({ vpcePolicyDenials: { denials: 4 } }).vpcePolicyDenials).toEqual({ denials: 4, windowMinutes: 5 });
    expect(parsed.businessHours).toEqual(defaultDetectionConfig().businessHours);
  });

  it('names the field of every mistake', () => {
    expect(problem({ timeZone: 'Mars/Olympus' })).toBe('keytrail.config.json: timeZone: unknown time zone "Mars/Olympus" (use an IANA name such as "Europe/Amsterdam" or "UTC")');
    expect(problem({ decryptFailureBurst: { failures: 'ten' } })).toMatch(/^keytrail\.config\.json: decryptFailureBurst\.failures: must be a whole number of at least 2, not "ten"$/);
    expect(problem({ vpcePolicyDenials: { windowMinutes: 0 } })).toMatch(/: vpcePolicyDenials\.windowMinutes: must be a whole number of at least 1, not 0$/);
    expect(problem({ timezone: 'UTC' })).toMatch(/: timezone: unknown field \(known: .*timeZone/);
    expect(problem({ allow: { ipRanges: ['10.0.0.0/33'] } })).toMatch(/allow\.ipRanges\[0\]: "10\.0\.0\.0\/33" is not an IP address or CIDR range/);
    expect(problem({ allow: { accounts: ['1234'] } })).toMatch(/allow\.accounts\[0\]: "1234" is not a 12-digit account id/);
    expect(problem({ disabledRules: ['decrypt-failures'] })).toMatch(/disabledRules\[0\]: unknown rule "decrypt-failures" \(rules: decrypt-failure-burst, /);
    expect(problem({ businessHours: { start: '18:00', end: '08:00' } })).toMatch(/businessHours: start \(18:00\) must be before end \(08:00\)/);
    expect(problem({ businessHours: { days: ['Monday'] } })).toMatch(/businessHours\.days\[0\]: must be one of Sun, Mon/);
    expect(problem({ learningWindow: '120%' })).toMatch(/learningWindow: must be a share of the time range/);
    expect(problem({ allow: { principalsPerKey: { 'alias/x': 'arn:aws:iam::1:role/r' } } })).toMatch(/allow\.principalsPerKey\["alias\/x"\]: must be a list of strings/);
    expect(problem([])).toMatch(/must be an object/);
  });

  it('names the file when it cannot be read or is not JSON', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kt-config-'));
    dir = folder;
    const broken = join(folder, 'keytrail.config.json');
    writeFileSync(broken, '{ "timeZone": "UTC", }');
    expect(() => loadDetectionConfig(broken)).toThrow(new RegExp(`^${broken.replace(/[/.]/g, '\\$&')}: \\(file\\): not valid JSON`));
    expect(() => loadDetectionConfig(join(folder, 'missing.json'))).toThrow(/missing\.json: \(file\): cannot read it/);
  });

  it('uses keytrail.config.json in the folder when no file is named, and the defaults when there is none', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kt-config-'));
    dir = folder;
    expect(resolveDetectionConfig(undefined, folder)).toEqual({ config: defaultDetectionConfig(), path: null });
    writeFileSync(join(folder, 'keytrail.config.json'), JSON.stringify({ timeZone: 'Asia/Kolkata' }));
    expect(resolveDetectionConfig(undefined, folder).config.timeZone).toBe('Asia/Kolkata');
  });
});

describe('business hours', () => {
  it('follows the zone\'s daylight saving time and half-hour offsets', () => {
    const amsterdam = new BusinessHours({ timeZone: 'Europe/Amsterdam', businessHours: defaultDetectionConfig().businessHours });
    // 06:30 UTC is 08:30 in Amsterdam in July (UTC+2), 07:30 in January (UTC+1).
    expect(amsterdam.isBusinessTime(Date.UTC(2026, 6, 15, 6, 30))).toBe(true);
    expect(amsterdam.isBusinessTime(Date.UTC(2026, 0, 14, 6, 30))).toBe(false);
    const kolkata = new BusinessHours({ timeZone: 'Asia/Kolkata', businessHours: defaultDetectionConfig().businessHours });
    // 02:29 UTC is 07:59 in Kolkata (UTC+5:30); 02:31 is 08:01.
    expect(kolkata.isBusinessTime(Date.UTC(2026, 0, 14, 2, 29))).toBe(false);
    expect(kolkata.isBusinessTime(Date.UTC(2026, 0, 14, 2, 31))).toBe(true);
    expect(kolkata.label(Date.UTC(2026, 0, 17, 2, 31))).toBe('Sat 08:01');
  });
});
