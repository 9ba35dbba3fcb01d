import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { background, DAY, event, HOUR, MINUTE, OTHER, OTHER_KEY_ARN, PROD, repeat, roleSession, T0, user } from '../detect/helpers.js';

type Json = Record<string, unknown>;

/**
 * A small trail with the cases the sample logs do not hold, written as CloudTrail delivers it
 * (gzipped {"Records": [...]} under AWSLogs/<account>/CloudTrail/<region>/yyyy/MM/dd/).
 */
export const FLOOD_START = T0 + 2 * DAY + 10 * HOUR + 40 * MINUTE;

export function craftedRecords(): { files: Record<string, Json[]>; flood: Json[]; vpce: Json; refused: Json[]; twin: [Json, Json]; foreign: Json[]; endpointOnly: Json } {
  // 300 GenerateDataKey calls in 40 minutes across 11:00: 150 per clock hour, 300 in one sliding hour.
  const flood = repeat(300, FLOOD_START, 8_000, (time) => event({ name: 'GenerateDataKey', time, identity: user('mallory'), ip: '203.0.113.9' }));
  // Nine failures and a network-activity record of the same call: not a burst of ten.
  const failures = repeat(9, T0 + 3 * DAY + HOUR, 10_000, (time) => event({ name: 'Decrypt', time, identity: user('eve'), error: 'AccessDenied' }));
  const vpce = { ...event({ name: 'Decrypt', time: T0 + 3 * DAY + HOUR + 95_000, identity: user('eve'), error: 'AccessDenied' }), eventType: 'AwsVpceEvent' };
  // Twelve requests a VPC endpoint's policy refused, within three minutes: one burst of refusals.
  const refused = repeat(12, T0 + 3 * DAY + 5 * HOUR, 15_000, (time) => ({
    ...event({ name: 'Decrypt', time, identity: roleSession('app', 'i-0abc', OTHER), error: 'VpceAccessDenied' }),
    eventType: 'AwsVpceEvent', eventCategory: 'NetworkActivity', vpcEndpointId: 'vpce-0123456789abcdef0', vpcEndpointAccountId: PROD,
  }));
  // One eventID, two different records: both are events.
  const first = event({ name: 'ScheduleKeyDeletion', time: T0 + 3 * DAY + 2 * HOUR, identity: user('mallory'), request: { pendingWindowInDays: 7 } });
  const twin: [Json, Json] = [first, { ...first, requestID: 'req-twin', requestParameters: { keyId: OTHER_KEY_ARN, pendingWindowInDays: 30 } }];
  const material = event({ name: 'ImportKeyMaterial', time: T0 + 3 * DAY + 3 * HOUR, identity: user('alice') });
  // Another account's role using prod's key after the learning window.
  // Each call also logged by the other account's trail (one sharedEventID): the caller's copies, and the key
  // owner's (type AWSAccount) of the first two, which count only without them.
  const foreign = repeat(3, T0 + 3 * DAY + 4 * HOUR, MINUTE, (time, index) =>
    ({ ...event({ name: 'Decrypt', time, identity: roleSession('etl', 'job-1', OTHER), account: OTHER }), sharedEventID: `foreign-${index}` }));
  const ownerView = (session: string) => ({ type: 'AWSAccount', principalId: `AROAETL:${session}`, accountId: OTHER });
  const ownerCopies = foreign.slice(0, 2).map((record) => ({ ...event({ name: 'Decrypt', time: String(record.eventTime),
    identity: ownerView('job-1'), account: PROD }), sharedEventID: record.sharedEventID }));
  // An owner's copy whose only partner is a VPC endpoint's network-activity record: no copy of the call, so it counts.
  const endpointOnly = { ...event({ name: 'Decrypt', time: T0 + 3 * DAY + 4 * HOUR + 10 * MINUTE, identity: ownerView('job-2'), account: PROD }), sharedEventID: 'endpoint-only' };
  const endpointRecord = { ...event({ name: 'Decrypt', time: T0 + 3 * DAY + 4 * HOUR + 10 * MINUTE, identity: roleSession('etl', 'job-2', OTHER), account: OTHER }),
    eventType: 'AwsVpceEvent', eventCategory: 'NetworkActivity', sharedEventID: 'endpoint-only' };
  const day = (time: number): string => new Date(time).toISOString().slice(0, 10).replace(/-/g, '/');
  const path = (at: number, name: string): string => `AWSLogs/${PROD}/CloudTrail/us-east-1/${day(at)}/${PROD}_CloudTrail_us-east-1_${name}.json.gz`;
  return {
    flood, vpce, refused, twin, foreign, endpointOnly,
    files: {
      [path(T0, '20261116T0900Z_base')]: background(),
      [path(FLOOD_START, '20261118T1200Z_flood')]: flood,
      [path(T0 + 3 * DAY, '20261119T0200Z_failures')]: [...failures, vpce],
      [path(T0 + 3 * DAY, '20261119T0300Z_twin')]: [twin[0], material, ...foreign, ...ownerCopies, endpointOnly, endpointRecord],
      [path(T0 + 3 * DAY, '20261119T0305Z_twin')]: [twin[1], twin[0]],
      [path(T0 + 3 * DAY, '20261119T0500Z_vpce')]: refused,
    },
  };
}

/** Writes the crafted trail under a new temporary directory; returns its AWSLogs root. */
export function writeCraftedTrail(files: Record<string, Json[]>): string {
  const root = mkdtempSync(join(tmpdir(), 'kt-athena-trail-'));
  for (const [relative, records] of Object.entries(files)) {
    const path = join(root, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, gzipSync(JSON.stringify({ Records: records })));
  }
  return join(root, 'AWSLogs');
}
