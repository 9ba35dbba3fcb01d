import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterToAthena } from '../../../src/core/athena/filter-query.js';
import { defaultDetectionConfig } from '../../../src/core/detect/config.js';
import { runDetections } from '../../../src/core/detect/engine.js';
import { listHits } from '../../../src/core/detect/hits-read.js';
import { sanitizeLines } from '../../../src/core/text/sanitize.js';
import { background, DAY, event, HOUR, KEY_ARN, OTHER_KEY_ARN, PROD, T0, user } from '../detect/helpers.js';
import { writeCraftedTrail } from './crafted-trail.js';
import { duckdb, openParityBench, sortedIds, type ParityBench } from './parity.js';

/** An eventID made to drive a terminal: an OSC title sequence (ESC ... BEL) and a right-to-left override. */
const HOSTILE_ID = 'evil-\u001b]0;owned\u0007-\u202egpj.exe';

/** Records sample-logs does not hold, as CloudTrail delivers them. */
function records(): Record<string, Array<Record<string, unknown>>> {
  const at = (hours: number): number => T0 + 2 * DAY + hours * HOUR;
  const hostile = { ...event({ name: 'ScheduleKeyDeletion', time: at(1), identity: user('mallory'), request: { pendingWindowInDays: 7 } }), eventID: HOSTILE_ID };
  const addresses = ['203.0.113.7', '::ffff:203.0.113.7', '2001:db8:0:0::1'].map((ip, index) => event({ name: 'Decrypt', time: at(2 + index), ip }));
  // Refused calls by an alias no CreateAlias/UpdateAlias/DeleteAlias or resolved call ever ties to a key: no resources.
  const byAlias = [
    event({ name: 'Decrypt', time: at(6), keyArn: null, error: 'AccessDenied', request: { keyId: 'alias/ghost' } }),
    event({ name: 'Encrypt', time: at(7), keyArn: null, error: 'AccessDenied', request: { keyId: `arn:aws:kms:eu-west-1:${PROD}:alias/ghost` } }),
  ];
  // An eventID that holds `~` like a variant's uid, and another eventID two different records share.
  const tilde = { ...event({ name: 'Decrypt', time: at(8) }), eventID: 'evt~deadbeef' };
  const shared = [{ ...event({ name: 'Decrypt', time: at(9) }), eventID: 'evt' }, { ...event({ name: 'Decrypt', time: at(9), error: 'AccessDenied' }), eventID: 'evt' }];
  // A federated user's session (issued by an IAM user: no role) and a role session from the console (a person).
  const issued = (type: string, arn: string, issuer: string) => ({ type, arn, accountId: PROD, sessionContext: { sessionIssuer: { type: issuer.includes(':role/') ? 'Role' : 'IAMUser', arn: issuer, accountId: PROD } } });
  const federated = event({ name: 'Decrypt', time: at(10), identity: issued('FederatedUser', `arn:aws:sts::${PROD}:federated-user/bob`, `arn:aws:iam::${PROD}:user/bob`) });
  const fromConsole = { ...event({ name: 'Decrypt', time: at(11), userAgent: 'Mozilla/5.0', identity: issued('AssumedRole', `arn:aws:sts::${PROD}:assumed-role/Admin/carol`, `arn:aws:iam::${PROD}:role/Admin`) }),
    sessionCredentialFromConsole: 'true' };
  // Two records sharing an eventID that differ only in the key their resources[] name.
  const firstKey = { ...event({ name: 'Decrypt', time: at(12), keyArn: null }), eventID: 'one-id-two-keys' };
  const twoKeys = [{ ...firstKey, resources: [{ ARN: KEY_ARN, accountId: PROD, type: 'AWS::KMS::Key' }] },
    { ...firstKey, resources: [{ ARN: OTHER_KEY_ARN, accountId: PROD, type: 'AWS::KMS::Key' }] }];
  const day = new Date(T0 + 2 * DAY).toISOString().slice(0, 10).replace(/-/g, '/');
  return {
    [`AWSLogs/${PROD}/CloudTrail/us-east-1/2026/11/16/${PROD}_CloudTrail_us-east-1_20261116T0900Z_base.json.gz`]: background(),
    [`AWSLogs/${PROD}/CloudTrail/us-east-1/${day}/${PROD}_CloudTrail_us-east-1_20261118T1200Z_edge.json.gz`]: [hostile, ...addresses, ...byAlias, tilde, ...shared, federated, fromConsole, ...twoKeys],
  };
}

describe.skipIf(duckdb === null)('Athena SQL on crafted records: hostile values, address forms, unresolved aliases', () => {
  let bench: ParityBench;
  let root = '';
  const sql = (filter: string): string => filterToAthena(filter, { db: bench.db });
  const same = async (filter: string): Promise<string[]> => {
    const found = sortedIds(await bench.rows(sql(filter)));
    expect({ filter, found }).toEqual({ filter, found: bench.localIds(filter) });
    return found;
  };
  beforeAll(async () => {
    root = writeCraftedTrail(records());
    bench = await openParityBench(root);
    runDetections(bench.db, defaultDetectionConfig());
  }, 60_000);
  afterAll(() => {
    bench?.close();
    rmSync(dirname(root), { recursive: true, force: true });
  });

  it('prints an eventID from the logs as a Unicode literal: no escape sequence or bidi override reaches the terminal, and it still matches', async () => {
    const [hit] = listHits(bench.db, { rules: ['key-deletion'], withEvents: true }).filter((found) => found.eventIDs.includes(HOSTILE_ID));
    expect(hit).toBeDefined();
    const printed = sql(`hit:${hit!.id}`);
    // Nothing a terminal acts on or hides, beyond the SQL's own line breaks.
    expect(sanitizeLines(printed)).toBe(printed);
    expect(printed).toContain("U&'evil-\\001B]0;owned\\0007-\\202Egpj.exe'");
    expect(await same(`hit:${hit!.id}`)).toEqual([HOSTILE_ID]);
  });

  it('prints the filter in the header with bidi overrides and line separators escaped', async () => {
    const filter = `id:"${HOSTILE_ID}\u2028"`;
    const printed = sql(filter);
    expect(sanitizeLines(printed)).toBe(printed);
    expect(printed.split('\n')[0]).toContain('\\u202e');
    expect(await same(`id:"${HOSTILE_ID}"`)).toEqual([HOSTILE_ID]);
  });

  it('id: an eventID holding ~ is the whole eventID; a variant\'s uid names the eventID its records share', async () => {
    expect(await same('id:evt~deadbeef')).toEqual(['evt~deadbeef']);
    expect(await same('id:EVT')).toEqual(['evt', 'evt']);
    const variant = bench.db.prepare("SELECT uid FROM events WHERE uid LIKE 'evt~%' AND uid <> 'evt~deadbeef'").pluck().get() as string;
    expect(bench.localIds(`id:${variant}`)).toEqual(['evt']);
    expect(sql(`id:${variant}`)).toContain(`lower(eventid) IN ('${variant}', 'evt')`);
  });

  it('role: only a role behind a session, and a console session is a person, as the index reads them', async () => {
    expect(await same('role:*')).not.toContain(bench.localIds(`principal:arn:aws:sts::${PROD}:federated-user/bob`)[0]);
    expect(await same(`role:arn:aws:iam::${PROD}:user/bob`)).toEqual([]);
    expect(await same(`role:arn:aws:iam::${PROD}:role/Admin`)).toHaveLength(1);
    expect(await same(`actor:human principal:arn:aws:sts::${PROD}:assumed-role/Admin/carol`)).toHaveLength(1);
    expect(await same(`actor:workload principal:arn:aws:sts::${PROD}:federated-user/bob`)).toHaveLength(1);
  });

  it('two records of one eventID that differ only in resources[] stay two events, each under its key', async () => {
    expect(await same(`key:${OTHER_KEY_ARN} id:one-id-two-keys`)).toEqual(['one-id-two-keys']);
    expect(await same('id:one-id-two-keys')).toEqual(['one-id-two-keys', 'one-id-two-keys']);
  });

  it('ip: a lone address is a /32 or /128 range, as the index reads it: the IPv4-mapped form too', async () => {
    expect(await same('ip:203.0.113.7')).toHaveLength(2);
    expect(await same('-ip:203.0.113.7')).not.toHaveLength(0);
    // IPv6 compares as Trino's IPADDRESS, which DuckDB lacks: the SQL tests the range, not the text.
    expect(bench.localIds('ip:2001:db8::1')).toHaveLength(1);
    expect(sql('ip:2001:db8::1')).toContain("contains('2001:db8::1/128', TRY_CAST(sourceipaddress AS IPADDRESS))");
    expect(() => filterToAthena('ip:10.0.0.256')).toThrow(/not an IP address or range/);
  });

  it('a negated time bound is refused as the local filter refuses it, not read as the bound itself', () => {
    expect(() => filterToAthena('-since:2h')).toThrow('-since: a time bound cannot be negated; write until: for the other side');
    expect(() => filterToAthena('-until:2026-11-20')).toThrow('write since: for the other side');
  });

  it('key: an alias no history resolves names its own calls, by name in every account and region or by ARN in one', async () => {
    expect(await same('key:alias/ghost')).toHaveLength(2);
    expect(await same(`key:arn:aws:kms:eu-west-1:${PROD}:alias/ghost`)).toHaveLength(1);
    expect(await same('key:*ghost*')).toHaveLength(2);
    expect(await same('-key:alias/ghost')).not.toHaveLength(0);
    expect(await same('ghost')).toHaveLength(2);
  });
});
