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
  private readonly aliasesOf;
  private readonly arnsOfId;

  constructor(db: IndexDb) {
    // First named first: a key's own name before one added later (an attacker's second alias shows as the second).
    this.aliasesOf = db.prepare(`SELECT alias FROM (
        SELECT alias, first AS time FROM alias_seen WHERE key = @key
        UNION ALL SELECT alias, time FROM alias_changes WHERE key = @key)
      GROUP BY alias ORDER BY min(time), alias`).pluck();
    this.arnsOfId = db.prepare("SELECT value FROM entity_values WHERE kind = 'key' AND value LIKE ? ESCAPE '\\' LIMIT 2").pluck();
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
