/**
 * Which events a `key:` term names, computed straight from the records (not through keytrail's
 * index, whose key identity is changing): the key ARN in resources[] is the key used; else the
 * key the request named, a bare id in the event's account and region, an alias through the
 * trail's own CreateAlias/UpdateAlias/DeleteAlias calls at the event's time.
 */
type Json = Record<string, unknown>;
const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]*:\d*:key\/.+$/;
const ALIAS_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]*):(\d*):(alias\/.+)$/;
const BARE_ID = /^([0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12,}|mrk-[0-9a-f]{32})$/i;

interface AliasChange { account: string; region: string; alias: string; target: string | null; time: number; changed: boolean }

/** The alias name inside an alias ARN, null for a key ARN. */
const aliasNameOf = (arn: string): string | null => (arn.includes(':alias/') ? arn.slice(arn.indexOf(':alias/') + 1) : null);
const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const request = (record: Json): Json => (record.requestParameters ?? {}) as Json;

function asKeyArn(value: string | null, region: string, account: string): string | null {
  if (!value) return null;
  if (KEY_ARN.test(value)) return value;
  return BARE_ID.test(value) ? `arn:aws:kms:${region}:${account}:key/${value.toLowerCase()}` : null;
}

export class KeyExpectation {
  private readonly changes: AliasChange[];

  constructor(private readonly records: Json[]) {
    this.changes = records.filter((record) => record.eventSource === 'kms.amazonaws.com' && !record.errorCode
      && ['CreateAlias', 'UpdateAlias', 'DeleteAlias'].includes(String(record.eventName)) && str(request(record).aliasName))
      .map((record) => ({
        account: String(record.recipientAccountId), region: String(record.awsRegion), alias: String(request(record).aliasName),
        target: record.eventName === 'DeleteAlias' ? null : asKeyArn(str(request(record).targetKeyId), String(record.awsRegion), String(record.recipientAccountId)),
        time: Date.parse(String(record.eventTime)), changed: true,
      }))
      .concat(records.flatMap((record) => this.observed(record)))
      .sort((a, b) => a.time - b.time || Number(b.changed) - Number(a.changed));
  }

  private grouped: Map<string, AliasChange[]> | null = null;

  private byAlias(): Map<string, AliasChange[]> {
    if (!this.grouped) {
      this.grouped = new Map();
      for (const change of this.changes) {
        const key = `${change.account}|${change.region}|${change.alias}`;
        this.grouped.set(key, [...(this.grouped.get(key) ?? []), change]);
      }
    }
    return this.grouped;
  }

  /** A call by alias whose one key resource shows the key the alias named then. */
  private observed(record: Json): AliasChange[] {
    const alias = this.namedAlias(record);
    const keys = [...new Set(this.resourceKeys(record))];
    return alias && keys.length === 1 ? [{ ...alias, target: keys[0]!, time: Date.parse(String(record.eventTime)), changed: false }] : [];
  }

  private resourceKeys(record: Json): string[] {
    return ((record.resources ?? []) as Json[]).map((resource) => str(resource.ARN)).filter((arn): arn is string => arn !== null && KEY_ARN.test(arn));
  }

  private namedAlias(record: Json): { alias: string; account: string; region: string } | null {
    const named = str(request(record).keyId);
    if (named?.startsWith('alias/')) return { alias: named, account: String(record.recipientAccountId), region: String(record.awsRegion) };
    const arn = named ? ALIAS_ARN.exec(named) : null;
    return arn ? { alias: arn[3]!, account: arn[2]!, region: arn[1]! } : null;
  }

  /** The alias's key in one account and region at a time (in use before the trail began: its first key seen). */
  private resolve(alias: string, account: string, region: string, time: number): string | null {
    const evidence = this.byAlias().get(`${account}|${region}|${alias}`) ?? [];
    const before = evidence.filter((change) => change.time <= time);
    if (before.length > 0) return before[before.length - 1]!.target;
    return evidence[0] && !evidence[0].changed ? evidence[0].target : null;
  }

  /** The keys a call used; a call by alias that nothing resolves is filed under the alias ARN (the index does so). */
  keysOf(record: Json): string[] {
    const resources = this.resourceKeys(record);
    if (resources.length > 0) return resources;
    const alias = this.namedAlias(record);
    const key = alias ? this.resolve(alias.alias, alias.account, alias.region, Date.parse(String(record.eventTime)))
      : asKeyArn(str(request(record).keyId), String(record.awsRegion), String(record.recipientAccountId));
    if (!key && alias) return [`arn:aws:kms:${alias.region}:${alias.account}:${alias.alias}`];
    return key ? [key] : [];
  }

  /** Every key an alias named, in any account and region, or only in the one of its ARN. */
  aliasKeys(alias: string, where?: { account: string; region: string }): Set<string> {
    return new Set(this.changes.filter((change) => change.alias === alias && change.target && (!where || (change.account === where.account && change.region === where.region)))
      .map((change) => change.target!));
  }

  /** The distinct eventIDs a key: value names: an alias names every key it named and itself where nothing resolved it. */
  eventIds(value: string): string[] {
    const aliasArn = ALIAS_ARN.exec(value);
    const test = value.startsWith('alias/') ? ((arn: string) => this.aliasKeys(value).has(arn) || aliasNameOf(arn) === value)
      : aliasArn ? ((arn: string) => arn === value || this.aliasKeys(aliasArn[3]!, { region: aliasArn[1]!, account: aliasArn[2]! }).has(arn))
        : value.startsWith('arn:') ? ((arn: string) => arn.toLowerCase() === value.toLowerCase())
          : ((arn: string) => arn.toLowerCase().endsWith(`:key/${value.toLowerCase()}`));
    return [...new Set(this.records.filter((record) => this.keysOf(record).some(test)).map((record) => String(record.eventID)))].sort();
  }
}
