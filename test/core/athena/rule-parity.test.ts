import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleToAthena } from '../../../src/core/athena/rule-query.js';
import { defaultDetectionConfig, type DetectionConfig } from '../../../src/core/detect/config.js';
import { runDetections } from '../../../src/core/detect/engine.js';
import { listHits } from '../../../src/core/detect/hits-read.js';
import { eventIdForUid } from '../../../src/core/query/event-detail.js';
import { OTHER } from '../detect/helpers.js';
import { craftedRecords, writeCraftedTrail } from './crafted-trail.js';
import { duckdb, openParityBench, type ParityBench } from './parity.js';

/** Rules whose SQL returns exactly the events of keytrail's hits (docs/ATHENA.md lists the others and why). */
const PROVEN = ['decrypt-failure-burst', 'key-deletion', 'key-policy-change', 'key-material-import', 'grant-external', 'data-key-volume',
  'off-hours', 'new-principal-for-key', 'cross-account', 'kms-excluded-from-trail', 'new-source-ip', 'enclave-image', 'vpce-policy-denials'];

async function compare(bench: ParityBench, rule: string, config: DetectionConfig): Promise<{ sql: string[]; local: string[]; rows: number }> {
  const local = [...new Set(listHits(bench.db, { rules: [rule], withEvents: true }).flatMap((hit) => hit.eventIDs.map((uid) => eventIdForUid(bench.db, uid))))].sort();
  const rows = await bench.rows(ruleToAthena(rule, { config }));
  return { sql: [...new Set(rows.flatMap((row) => (row.eventids as string[] | null) ?? []))].sort(), local, rows: rows.length };
}

describe.skipIf(duckdb === null)('Athena SQL of the detection rules returns the events of keytrail\'s hits', () => {
  describe('on sample-logs', () => {
    let bench: ParityBench;
    const config = { ...defaultDetectionConfig(), timeZone: 'Europe/Amsterdam' };
    beforeAll(async () => {
      bench = await openParityBench('sample-logs/AWSLogs');
      runDetections(bench.db, config);
    }, 120_000);
    afterAll(() => bench?.close());

    for (const rule of PROVEN) {
      it(rule, async () => {
        const { sql, local } = await compare(bench, rule, config);
        expect(sql).toEqual(local);
      });
    }

    it('delivery-gap: the same gaps per delivery stream, from the log objects\' S3 keys', async () => {
      const local = listHits(bench.db, { rules: ['delivery-gap'] }).map((hit) => `${hit.principal ?? ''}${Date.parse(hit.first) / 1000}-${Date.parse(hit.last) / 1000}`).sort();
      const rows = await bench.rows(ruleToAthena('delivery-gap', { config }));
      expect(local.length).toBeGreaterThan(0);
      expect(rows.map((row) => `${Number(row.since_ts)}-${Number(row.to_ts)}`).sort()).toEqual(local);
    });

    it('lists the S3 objects holding a rule\'s hits: every copy of every record in them', async () => {
      const { sql } = await compare(bench, 'decrypt-failure-burst', config);
      const paths = (await bench.rows(ruleToAthena('decrypt-failure-burst', { config, paths: true }))).map((row) => String(row.$path));
      const holding = (await bench.rows(`SELECT DISTINCT "$path" AS p FROM cloudtrail_logs WHERE eventid IN (${sql.map((id) => `'${id}'`).join(', ')})`)).map((row) => String(row.p)).sort();
      expect(paths).toEqual(holding);
      expect(paths.length).toBeGreaterThan(1);
    });

    it('counts each re-delivered record once (the incident night arrives through two trails): one failure burst, not two', async () => {
      const { rows, local } = await compare(bench, 'decrypt-failure-burst', config);
      expect(rows).toBe(listHits(bench.db, { rules: ['decrypt-failure-burst'] }).length);
      expect(local.length).toBeGreaterThan(0);
    });

    it('takes the config\'s allow-lists into the SQL: allowed accounts drop their cross-account use', async () => {
      const allowed = { ...config, allow: { ...config.allow, accounts: ['444455556666', '222233334444', '999988887777'] } };
      const before = await compare(bench, 'cross-account', config);
      const after = await bench.rows(ruleToAthena('cross-account', { config: allowed }));
      expect(before.rows).toBeGreaterThan(0);
      expect(after.filter((row) => ['444455556666', '222233334444', '999988887777'].includes(String(row.caller_account)))).toEqual([]);
      const everywhere = { ...config, allow: { ...config.allow, ipRanges: ['0.0.0.0/0'] } };
      expect((await compare(bench, 'new-source-ip', config)).rows).toBeGreaterThan(0);
      expect(await bench.rows(ruleToAthena('new-source-ip', { config: everywhere }))).toEqual([]);
      const usual = '26a97072a4c39d1ff9c351e5b9e08fd9c26008ae392fe2bccd19580f2f7db482f2ae28523abb5fe93117610cb1157af6';
      const images = await bench.rows(ruleToAthena('enclave-image', { config: { ...config, allow: { ...config.allow, enclaveImages: [usual.toUpperCase()] } } }));
      expect(images.length).toBeGreaterThan(0);
      expect(images.map((row) => row.image_digest)).not.toContain(usual);
    });
  });

  describe('on a crafted trail', () => {
    let bench: ParityBench;
    let root = '';
    const crafted = craftedRecords();
    const config = { ...defaultDetectionConfig(), allow: { ...defaultDetectionConfig().allow, principalsPerKey: {} } };
    beforeAll(async () => {
      root = writeCraftedTrail(crafted.files);
      bench = await openParityBench(root);
      runDetections(bench.db, config);
    }, 120_000);
    afterAll(() => {
      bench?.close();
      rmSync(dirname(root), { recursive: true, force: true });
    });

    for (const rule of PROVEN) {
      it(rule, async () => {
        const { sql, local } = await compare(bench, rule, config);
        expect(sql).toEqual(local);
      });
    }

    it('a burst of requests refused by a VPC endpoint policy is its own hit, with every refused request', async () => {
      const { sql, local } = await compare(bench, 'vpce-policy-denials', config);
      expect(local).toEqual(crafted.refused.map((record) => String(record.eventID)).sort());
      expect(sql).toEqual(local);
    });

    it('data-key-volume slides its hour: a flood of 300 calls split 150/150 across a clock hour is one surge', async () => {
      const { sql } = await compare(bench, 'data-key-volume', config);
      expect(sql).toEqual(crafted.flood.map((record) => String(record.eventID)).sort());
    });

    it('a network-activity record is not the call: nine failures and a VPC endpoint event are no burst', async () => {
      const { sql } = await compare(bench, 'decrypt-failure-burst', config);
      expect(sql).not.toContain(String(crafted.vpce.eventID));
      expect(sql).toEqual([]);
    });

    it('keeps apart two different records sharing an eventID, and counts an identical re-delivery once', async () => {
      const rows = await bench.rows(ruleToAthena('key-deletion', { config }));
      expect(rows.filter((row) => (row.eventids as string[])[0] === String(crafted.twin[0].eventID)).map((row) => row.pending_days).sort()).toEqual(['30', '7']);
    });

    it('allow.principalsPerKey reaches the SQL: an expected principal on the key is no new principal or cross-account use', async () => {
      const role = `arn:aws:iam::${OTHER}:role/etl`;
      const allowed = { ...config, allow: { ...config.allow, principalsPerKey: { 'alias/none': ['x'], '1234abcd-12ab-34cd-56ef-1234567890ab': [role] } } };
      expect((await compare(bench, 'cross-account', config)).sql).toEqual([...crafted.foreign, crafted.endpointOnly].map((record) => String(record.eventID)).sort());
      // Left: the other session, which only its key owner's copy names (the allowed role is not named by it).
      expect((await bench.rows(ruleToAthena('cross-account', { config: allowed }))).map((row) => row.principal)).toEqual([`${OTHER}:AROAETL:job-2`]);
      const newPrincipals = await bench.rows(ruleToAthena('new-principal-for-key', { config: allowed }));
      expect(newPrincipals.map((row) => row.principal)).not.toContain(role);
      expect((await bench.rows(ruleToAthena('new-principal-for-key', { config }))).map((row) => row.principal)).toContain(role);
    });
  });
});
