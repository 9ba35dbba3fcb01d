import type { CloudTrailEvent } from './event-types.js';
import type { EncryptionContext } from './encryption-context.js';
import type { BenchWorld } from './bench-world.js';
import { isoSeconds } from './time-format.js';

/**
 * Values the benchmark can query for, counted while the tree is written: the hottest
 * key, one instance id, one principal from one IP, one encryption-context pair.
 */
export class BenchProbes {
  private hotKeyEvents = 0;
  private hotKeyDecrypts = 0;
  private readonly hotKeyDecryptPrincipals = new Set<string>();
  private instanceEvents = 0;
  private principalEvents = 0;
  private principalFirst = Number.POSITIVE_INFINITY;
  private principalLast = Number.NEGATIVE_INFINITY;
  private contextEvents = 0;
  readonly instanceId: string;
  readonly principalArn: string;
  readonly principalIp: string;
  readonly contextKey = 'customerId';
  readonly contextValue: string;

  constructor(private readonly world: BenchWorld) {
    this.instanceId = world.instances[0]!;
    // The busiest IAM user of the first account, from its one address.
    const user = [...world.principalsByAccount.values()][0]!.find((principal) => principal.kind === 'user')!;
    this.principalArn = user.name;
    this.principalIp = user.actor.sourceIPAddress;
    this.contextValue = 'cust-10003';
  }

  /** Every KMS event that resolved a key (keyIndex) and who made it. */
  onKeyUse(keyIndex: number, eventName: string, principalName: string): void {
    if (keyIndex !== 0) return;
    this.hotKeyEvents++;
    if (eventName === 'Decrypt') {
      this.hotKeyDecrypts++;
      this.hotKeyDecryptPrincipals.add(principalName);
    }
  }

  onContext(context: EncryptionContext | undefined): void {
    if (context?.[this.contextKey] === this.contextValue) this.contextEvents++;
  }

  /** Checks the serialized event: any field that names the instance counts once. */
  onEvent(event: CloudTrailEvent, json: string): void {
    if (json.includes(this.instanceId)) this.instanceEvents++;
    if (event.sourceIPAddress === this.principalIp && event.userIdentity.arn === this.principalArn) {
      const time = Date.parse(event.eventTime);
      this.principalEvents++;
      this.principalFirst = Math.min(this.principalFirst, time);
      this.principalLast = Math.max(this.principalLast, time);
    }
  }

  summary() {
    const hotKey = this.world.keys[0]!;
    return {
      hottestKey: { arn: hotKey.arn, aliases: hotKey.aliases, events: this.hotKeyEvents, decryptEvents: this.hotKeyDecrypts, decryptPrincipals: this.hotKeyDecryptPrincipals.size },
      instance: { instanceId: this.instanceId, events: this.instanceEvents, note: 'events whose JSON names this instance id anywhere' },
      principalIp: {
        principal: this.principalArn,
        ip: this.principalIp,
        events: this.principalEvents,
        from: this.principalEvents > 0 ? isoSeconds(this.principalFirst) : null,
        to: this.principalEvents > 0 ? isoSeconds(this.principalLast) : null,
      },
      encryptionContext: { pair: `${this.contextKey}=${this.contextValue}`, events: this.contextEvents },
    };
  }
}
