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

  private instanceMentioned = false;

  /**
   * The event makers call this for every instance id they put into the event being built
   * (a session named after it, a Describe of it, a grantee); scanning each event's JSON
   * instead cost more than a tenth of the run. The tests check the count against a scan.
   */
  noteInstance(instanceId: string | undefined): void {
    if (instanceId === this.instanceId) this.instanceMentioned = true;
  }

  /** Called once per finished event; closes the current event's instance mentions. */
  onEvent(event: CloudTrailEvent): void {
    if (this.instanceMentioned) this.instanceEvents++;
    this.instanceMentioned = false;
    if (event.sourceIPAddress === this.principalIp && event.userIdentity.arn === this.principalArn) {
      const time = Date.parse(event.eventTime);
      this.principalEvents++;
      this.principalFirst = Math.min(this.principalFirst, time);
      this.principalLast = Math.max(this.principalLast, time);
    }
  }

  /** Plain counts, so chunks generated in separate workers can be added up. */
  snapshot(): ProbeSnapshot {
    const hotKey = this.world.keys[0]!;
    return {
      hotKey: { arn: hotKey.arn, aliases: hotKey.aliases },
      hotKeyEvents: this.hotKeyEvents,
      hotKeyDecrypts: this.hotKeyDecrypts,
      hotKeyDecryptPrincipals: [...this.hotKeyDecryptPrincipals],
      instanceId: this.instanceId,
      instanceEvents: this.instanceEvents,
      principalArn: this.principalArn,
      principalIp: this.principalIp,
      principalEvents: this.principalEvents,
      principalFirst: this.principalFirst,
      principalLast: this.principalLast,
      contextPair: `${this.contextKey}=${this.contextValue}`,
      contextEvents: this.contextEvents,
    };
  }
}

export interface ProbeSnapshot {
  hotKey: { arn: string; aliases: string[] };
  hotKeyEvents: number;
  hotKeyDecrypts: number;
  hotKeyDecryptPrincipals: string[];
  instanceId: string;
  instanceEvents: number;
  principalArn: string;
  principalIp: string;
  principalEvents: number;
  principalFirst: number;
  principalLast: number;
  contextPair: string;
  contextEvents: number;
}

const sum = (snapshots: ProbeSnapshot[], pick: (snapshot: ProbeSnapshot) => number): number => snapshots.reduce((total, snapshot) => total + pick(snapshot), 0);

/** The manifest's `probes`: what the benchmark can query for and the answers it should get. */
export function summarizeProbes(snapshots: ProbeSnapshot[]) {
  const first = snapshots[0]!;
  const principalEvents = sum(snapshots, (snapshot) => snapshot.principalEvents);
  const principalFrom = Math.min(...snapshots.map((snapshot) => snapshot.principalFirst));
  const principalTo = Math.max(...snapshots.map((snapshot) => snapshot.principalLast));
  return {
    hottestKey: {
      arn: first.hotKey.arn,
      aliases: first.hotKey.aliases,
      events: sum(snapshots, (snapshot) => snapshot.hotKeyEvents),
      decryptEvents: sum(snapshots, (snapshot) => snapshot.hotKeyDecrypts),
      decryptPrincipals: new Set(snapshots.flatMap((snapshot) => snapshot.hotKeyDecryptPrincipals)).size,
    },
    instance: { instanceId: first.instanceId, events: sum(snapshots, (snapshot) => snapshot.instanceEvents), note: 'events that name this instance id in any field' },
    principalIp: {
      principal: first.principalArn,
      ip: first.principalIp,
      events: principalEvents,
      from: principalEvents > 0 ? isoSeconds(principalFrom) : null,
      to: principalEvents > 0 ? isoSeconds(principalTo) : null,
    },
    encryptionContext: { pair: first.contextPair, events: sum(snapshots, (snapshot) => snapshot.contextEvents) },
  };
}
