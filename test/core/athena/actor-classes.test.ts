import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterToAthena } from '../../../src/core/athena/filter-query.js';
import { event, PROD, roleSession, T0, user } from '../detect/helpers.js';
import { writeCraftedTrail } from './crafted-trail.js';
import { duckdb, openParityBench, sortedIds, type ParityBench } from './parity.js';

/** Callers whose class turns on the order of keytrail's checks: identity type first, then the user agent. */
const CALLERS = {
  humanViaAwsInternal: event({ name: 'Decrypt', time: T0, identity: user('alice'), userAgent: 'AWS Internal' }),
  ec2Infrastructure: event({ name: 'Decrypt', time: T0 + 1000, identity: {
    type: 'AssumedRole', principalId: 'AROAEC2:i-0123456789abcdef0', arn: `arn:aws:sts::${PROD}:assumed-role/aws:ec2-infrastructure/i-0123456789abcdef0`, accountId: PROD,
  } }),
  roleViaServiceAgent: event({ name: 'Decrypt', time: T0 + 2000, identity: roleSession('etl', 'job'), userAgent: 's3.amazonaws.com' }),
  roleViaFakeAgent: event({ name: 'Decrypt', time: T0 + 3000, identity: roleSession('etl', 'job'), userAgent: 's3.amazonaws.com\nx' }),
  ssoSession: event({ name: 'Decrypt', time: T0 + 4000, identity: roleSession('AWSReservedSSO_Admin_0123', 'bob@example.com') }),
  otherAccount: event({ name: 'Decrypt', time: T0 + 5000, identity: { type: 'AWSAccount', principalId: 'AROAEXAMPLE:exfil-session', accountId: '999988887777' } }),
  nobody: event({ name: 'Decrypt', time: T0 + 6000, identity: { principalId: 'anonymous' } }),
};

describe.skipIf(duckdb === null)('actor classes on Athena', () => {
  let bench: ParityBench;
  let root = '';
  beforeAll(async () => {
    root = writeCraftedTrail({ [`AWSLogs/${PROD}/CloudTrail/us-east-1/2026/11/16/${PROD}_CloudTrail_us-east-1_20261116T0900Z_actors.json.gz`]: Object.values(CALLERS) });
    bench = await openParityBench(root);
  }, 60_000);
  afterAll(() => {
    bench?.close();
    rmSync(dirname(root), { recursive: true, force: true });
  });

  it('classes each caller as keytrail does', async () => {
    const ids = (...names: Array<keyof typeof CALLERS>) => names.map((name) => String(CALLERS[name].eventID)).sort();
    const expected = {
      human: ids('humanViaAwsInternal', 'ssoSession'),
      service: ids('ec2Infrastructure', 'roleViaServiceAgent'),
      workload: ids('roleViaFakeAgent', 'otherAccount'),
      unknown: ids('nobody'),
    };
    for (const [actor, events] of Object.entries(expected)) {
      expect({ actor, sql: sortedIds(await bench.rows(filterToAthena(`actor:${actor}`))) }).toEqual({ actor, sql: events });
      expect(bench.localIds(`actor:${actor}`)).toEqual(events);
    }
    expect(sortedIds(await bench.rows(filterToAthena('principal:999988887777:AROAEXAMPLE:exfil-session')))).toEqual(ids('otherAccount'));
  });
});
