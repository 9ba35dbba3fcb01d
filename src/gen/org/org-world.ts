import { newKeyId, newMultiRegionKeyId } from '../aws-ids.js';
import type { Rng } from '../rng.js';
import { MINUTE } from '../time-format.js';

/** Three member accounts and three regions: the shape of an organization trail. */
export const ORG_ACCOUNTS = ['111111111111', '222222222222', '333333333333'] as const;
export const ORG_REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'] as const;

export interface OrgKey {
  arn: string;
  id: string;
  account: string;
  region: string;
}

/** From `from` (inclusive) to `to` (exclusive) the alias named `key`; null: the alias did not exist. */
export interface AliasSpan {
  key: OrgKey | null;
  from: number;
  to: number;
}

export interface OrgAlias {
  arn: string;
  name: string;
  account: string;
  region: string;
  /** AWS-managed aliases (alias/aws/...) have no CreateAlias in the logs. */
  managed: boolean;
  /** Covers the whole period, in time order. */
  history: AliasSpan[];
}

export interface OrgWorld {
  start: number;
  end: number;
  keys: OrgKey[];
  aliases: OrgAlias[];
}

const keyOf = (account: string, region: string, id: string): OrgKey => ({ arn: `arn:aws:kms:${region}:${account}:key/${id}`, id, account, region });

/** The key the alias named at `time`, or null. */
export function aliasKeyAt(alias: OrgAlias, time: number): OrgKey | null {
  return alias.history.find((span) => span.from <= time && time < span.to)?.key ?? null;
}

/**
 * Keys and aliases with a history that exercises every way an alias moves: alias/aws/ebs and
 * alias/app-data in every account and region (one name, nine keys each); alias/rotating
 * re-pointed by UpdateAlias halfway; alias/temp deleted and created again on another key; a
 * multi-Region key with replicas in every region, alias/sessions naming each region's replica.
 */
export function buildOrgWorld(rng: Rng, start: number, end: number): OrgWorld {
  const created = start + MINUTE;
  const keys: OrgKey[] = [];
  const aliases: OrgAlias[] = [];
  const alias = (name: string, account: string, region: string, history: AliasSpan[], managed = false): void => {
    aliases.push({ arn: `arn:aws:kms:${region}:${account}:${name}`, name, account, region, managed, history });
  };
  const newKey = (account: string, region: string, id = newKeyId(rng)): OrgKey => {
    const key = keyOf(account, region, id);
    keys.push(key);
    return key;
  };
  for (const account of ORG_ACCOUNTS) {
    for (const region of ORG_REGIONS) {
      alias('alias/aws/ebs', account, region, [{ key: newKey(account, region), from: start, to: end }], true);
      alias('alias/app-data', account, region, [{ key: null, from: start, to: created }, { key: newKey(account, region), from: created, to: end }]);
    }
  }
  const [first, second] = ORG_ACCOUNTS;
  const middle = start + Math.floor((end - start) / 2);
  alias('alias/rotating', first, 'us-east-1', [{ key: null, from: start, to: created },
    { key: newKey(first, 'us-east-1'), from: created, to: middle }, { key: newKey(first, 'us-east-1'), from: middle, to: end }]);
  const deleted = start + Math.floor((end - start) / 3);
  const recreated = start + Math.floor((end - start) / 2);
  alias('alias/temp', second, 'eu-west-1', [{ key: null, from: start, to: created }, { key: newKey(second, 'eu-west-1'), from: created, to: deleted },
    { key: null, from: deleted, to: recreated }, { key: newKey(second, 'eu-west-1'), from: recreated, to: end }]);
  const mrk = newMultiRegionKeyId(rng);
  for (const region of ORG_REGIONS) {
    alias('alias/sessions', first, region, [{ key: null, from: start, to: created }, { key: newKey(first, region, mrk), from: created, to: end }]);
  }
  return { start, end, keys, aliases };
}
