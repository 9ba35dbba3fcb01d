import { keyAt, loadAliasPoints, type AliasPoint } from '../index/alias-timeline.js';
import type { IndexDb } from '../index/open.js';
import { aliasNameOf, parseKeyRef } from '../normalize/key-ref.js';
import { likePattern } from './value-resolve.js';

export interface KeyName {
  keyId: string | null;
  /** The key ARN; the alias name when an alias-only event's key is not known; the bare id when no ARN has that id. */
  display: string;
  /** Alias names that named the key (in its account and region), the one that named it first in the logs first. */
  aliases: string[];
}

/**
 * Resolves a stored key reference (a key ARN, or an alias ARN the logs never tied to a key)
 * to what a responder reads: the ARN and the aliases that named the key. A bare key id
 * (older callers) resolves to the one key ARN with that id, when there is just one.
 */
export class KeyNames {
  private readonly cache = new Map<string, KeyName>();
  private readonly pointsCache = new Map<string, AliasPoint[]>();
  private readonly aliasesOf;
  private readonly arnsOfId;

  constructor(private readonly db: IndexDb) {
    // First named first: a key's own name before one added later (an attacker's second alias shows as the second).
    this.aliasesOf = db.prepare(`SELECT alias FROM (
        SELECT alias, first AS time FROM alias_seen WHERE key = @key
        UNION ALL SELECT alias, time FROM alias_changes WHERE key = @key)
      GROUP BY alias ORDER BY min(time), alias`).pluck();
    this.arnsOfId = db.prepare("SELECT value FROM entity_values WHERE kind = 'key' AND value LIKE ? ESCAPE '\\' LIMIT 2").pluck();
  }

  /**
   * The alias names of the key around `time`, as the logs show them: those that named it then, and of
   * the others those that named it before and those that named it after (an alias repointed away and
   * the key then deleted: `formerly`).
   */
  aliasesAround(keyRef: string, time: number): { then: string[]; before: string[]; after: string[] } {
    const around = { then: new Set<string>(), before: new Set<string>(), after: new Set<string>() };
    // The ARN a bare key id resolves to, as hits store their keys.
    const arn = this.resolve(keyRef).display;
    if (parseKeyRef(arn)?.kind !== 'key') return { then: [], before: [], after: [] };
    for (const alias of this.aliasesOf.all({ key: arn }) as string[]) {
      const name = aliasNameOf(alias) ?? alias;
      const points = this.pointsOf(alias);
      if (keyAt(points, time) === arn) {
        around.then.add(name);
        continue;
      }
      if (points.some((point) => (point.time < time && point.after === arn) || (point.time <= time && point.before === arn))) around.before.add(name);
      if (points.some((point) => point.time > time && (point.after === arn || point.before === arn))) around.after.add(name);
    }
    return { then: [...around.then], before: [...around.before], after: [...around.after] };
  }

  private pointsOf(alias: string): AliasPoint[] {
    let points = this.pointsCache.get(alias);
    if (!points) {
      points = loadAliasPoints(this.db, alias);
      this.pointsCache.set(alias, points);
    }
    return points;
  }

  resolve(keyRef: string): KeyName {
    const cached = this.cache.get(keyRef);
    if (cached) return cached;
    const name = this.lookup(keyRef);
    this.cache.set(keyRef, name);
    return name;
  }

  private lookup(keyRef: string): KeyName {
    const ref = parseKeyRef(keyRef);
    if (ref?.kind === 'alias') return { keyId: null, display: ref.alias, aliases: [ref.alias] };
    if (ref?.kind !== 'key') return { keyId: null, display: keyRef, aliases: [] };
    let arn = ref.arn;
    if (arn === null) {
      const arns = this.arnsOfId.all(`%:key/${likePattern(ref.keyId)}`) as string[];
      if (arns.length !== 1) return { keyId: ref.keyId, display: ref.keyId, aliases: [] };
      arn = arns[0]!;
    }
    const aliases = (this.aliasesOf.all({ key: arn }) as string[]).map((alias) => aliasNameOf(alias) ?? alias);
    return { keyId: ref.keyId, display: arn, aliases: [...new Set(aliases)] };
  }
}
