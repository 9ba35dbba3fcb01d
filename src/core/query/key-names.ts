import type { IndexDb } from '../index/open.js';
import { parseKeyRef } from '../normalize/key-ref.js';

export interface KeyName {
  keyId: string | null;
  /** Key ARN when one was seen, else the key id, else the alias. */
  display: string;
  aliases: string[];
}

/**
 * Resolves a stored key reference (key id, or an alias name) to what a responder
 * reads: the key ARN and its aliases. Resolution happens on read, so an alias learned
 * after an event was indexed still names that event's key.
 */
export class KeyNames {
  private readonly cache = new Map<string, KeyName>();
  private readonly arnOf;
  private readonly aliasesOf;
  private readonly keysOfAlias;

  constructor(db: IndexDb) {
    this.arnOf = db.prepare('SELECT arn FROM key_arns WHERE key_id = ?').pluck();
    this.aliasesOf = db.prepare('SELECT DISTINCT alias FROM aliases WHERE key_id = ? ORDER BY alias').pluck();
    this.keysOfAlias = db.prepare('SELECT DISTINCT key_id FROM aliases WHERE alias = ?').pluck();
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
    if (ref?.kind === 'alias') {
      const keyIds = this.keysOfAlias.all(ref.alias) as string[];
      // An alias that named one key resolves to it; several (per account) stay ambiguous.
      if (keyIds.length !== 1) return { keyId: null, display: ref.alias, aliases: [ref.alias] };
      return this.forKey(keyIds[0]!);
    }
    return this.forKey(ref?.kind === 'key' ? ref.keyId : keyRef);
  }

  private forKey(keyId: string): KeyName {
    const arn = this.arnOf.get(keyId) as string | undefined;
    return { keyId, display: arn ?? keyId, aliases: this.aliasesOf.all(keyId) as string[] };
  }
}
