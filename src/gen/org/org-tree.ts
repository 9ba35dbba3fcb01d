import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Rng } from '../rng.js';
import { HOUR, MINUTE } from '../time-format.js';
import { aliasAdminRecords } from './alias-admin.js';
import { aliasCall, aliasOnlyCall, crossAccountCall, endpointDenial, failedVariant, keyCall, type Json, type OrgRecord } from './org-records.js';
import { buildOrgWorld, ORG_ACCOUNTS, type OrgWorld } from './org-world.js';

export interface OrgTreeOptions {
  /** About this many records (re-deliveries not counted). */
  events: number;
  seed: number;
  outDir: string;
  /** Share of records the organization trail delivers a second time (byte-different, same content). */
  duplicateShare?: number;
}

/** What was written, from the generator's own knowledge: every distinct record and the key it used. */
export interface OrgTruth {
  world: OrgWorld;
  records: OrgRecord[];
  files: number;
  deliveries: number;
}

const START = Date.UTC(2026, 10, 20, 0, 0, 0);
const ORG_ID = 'o-a1b2c3d4e5';

function oneRecord(rng: Rng, world: OrgWorld, time: number): OrgRecord[] {
  const roll = rng.float();
  if (roll < 0.55) return [aliasCall(rng, rng.pick(world.aliases), time)];
  if (roll < 0.8) return [keyCall(rng, rng.pick(world.keys), time)];
  if (roll < 0.9) return [aliasOnlyCall(rng, rng.pick(world.aliases), time)];
  if (roll < 0.95) {
    const key = rng.pick(world.keys);
    return crossAccountCall(rng, key, rng.pick(ORG_ACCOUNTS.filter((account) => account !== key.account)), time);
  }
  if (roll < 0.98) return [endpointDenial(rng, rng.pick(world.keys), time)];
  const base = keyCall(rng, rng.pick(world.keys), time);
  return [base, failedVariant(base)];
}

/** Every distinct record of the period, in time order: alias moves first so that calls follow them. */
export function orgRecords(rng: Rng, world: OrgWorld, events: number): OrgRecord[] {
  const records = world.aliases.flatMap((alias) => aliasAdminRecords(rng, alias));
  const span = world.end - world.start - 2 * MINUTE;
  while (records.length < events) records.push(...oneRecord(rng, world, world.start + 2 * MINUTE + rng.int(span)));
  return records.sort((a, b) => String(a.record.eventTime).localeCompare(String(b.record.eventTime)));
}

/** The org trail writes its own copy: same content, keys in another order and other spacing. */
function orgTrailCopy(record: Json): Json {
  return Object.fromEntries(Object.entries(record).reverse());
}

function filePath(trail: 'account' | 'org', record: Json, part: number): string {
  const account = String(record.recipientAccountId);
  const region = String(record.awsRegion);
  const hour = String(record.eventTime).slice(0, 13).replace(/[-T]/g, '');
  const prefix = trail === 'org' ? `AWSLogs/${ORG_ID}/${account}` : `AWSLogs/${account}`;
  return `${prefix}/CloudTrail/${region}/${hour.slice(0, 4)}/${hour.slice(4, 6)}/${hour.slice(6, 8)}/${account}_CloudTrail_${region}_${hour}00Z_${trail}${part}.json`;
}

/**
 * Writes an organization-shaped tree: each account's own trail, plus the organization trail
 * delivering a share of the same records again (byte-different, content-identical).
 */
export function writeOrgTree(options: OrgTreeOptions): OrgTruth {
  const rng = new Rng(options.seed);
  const world = buildOrgWorld(rng.fork('world'), START, START + 48 * HOUR);
  const records = orgRecords(rng.fork('records'), world, options.events);
  const files = new Map<string, string[]>();
  const deliver = (path: string, text: string) => {
    const texts = files.get(path);
    if (texts) texts.push(text);
    else files.set(path, [text]);
  };
  const copies = rng.fork('copies');
  records.forEach((entry, index) => {
    deliver(filePath('account', entry.record, index % 2), JSON.stringify(entry.record));
    if (copies.chance(options.duplicateShare ?? 0.3)) deliver(filePath('org', entry.record, 0), JSON.stringify(orgTrailCopy(entry.record), null, 1));
  });
  let deliveries = 0;
  for (const [path, texts] of files) {
    mkdirSync(dirname(join(options.outDir, path)), { recursive: true });
    writeFileSync(join(options.outDir, path), `{"Records":[${texts.join(',')}]}`);
    deliveries += texts.length;
  }
  return { world, records, files: files.size, deliveries };
}
