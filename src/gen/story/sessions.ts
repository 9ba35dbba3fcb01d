import type { Rng } from '../rng.js';
import type { Actor } from '../cloudtrail-event.js';
import type { CloudTrailEvent, UserIdentity } from '../event-types.js';
import { roleSessionIdentity, type IamRole } from '../identities.js';
import { newAccessKeyId } from '../aws-ids.js';
import { assumeRoleEvent } from '../sts-events.js';
import { serviceActor } from '../actors.js';
import { HOUR, MINUTE, floorTo } from '../time-format.js';

const CREDENTIALS_LEAD = MINUTE;

/**
 * A role session that renews its credentials every few hours, as instance profiles and
 * Lambda do: each period has its own ASIA key, issued by an AssumeRole the service makes.
 */
export class RotatingSession {
  private readonly periods = new Map<number, Actor>();

  constructor(
    private readonly rng: Rng,
    readonly role: IamRole,
    readonly sessionName: string,
    /** Where calls come from: private IP and VPC endpoint, or a service host. */
    private readonly origin: (identity: UserIdentity) => Actor,
    /** Which AWS service assumes the role for the session (ec2, lambda, ecs-tasks). */
    private readonly issuer: string,
    private readonly period = 6 * HOUR,
    /** When the session began (for an instance, its first call after launch): its first credentials are issued a minute before. */
    private readonly startsAt = Number.NEGATIVE_INFINITY,
  ) {}

  /** The actor for a call at this time; its key depends only on the period, not call order. */
  at(time: number): Actor {
    const start = floorTo(time, this.period);
    let actor = this.periods.get(start);
    if (!actor) {
      const accessKeyId = newAccessKeyId(this.rng.fork(`${this.sessionName}@${start}`), true);
      actor = { ...this.origin(roleSessionIdentity(this.role, this.sessionName, accessKeyId)), sessionStart: start };
      this.periods.set(start, actor);
    }
    return actor;
  }

  /**
   * The AssumeRole events that issued every period's credentials: at the period's start, or for a
   * session that began within it, a minute before its start (an instance fetches them as it boots).
   */
  issuingEvents(region: string): CloudTrailEvent[] {
    return [...this.periods.entries()]
      .sort(([left], [right]) => left - right)
      .map(([start, actor]) => {
        const rng = this.rng.fork(`${this.sessionName}@${start}:assume`);
        const time = Math.max(start, this.startsAt - CREDENTIALS_LEAD);
        const call = { rng, time, region, account: this.role.account, actor: serviceActor(this.issuer) };
        return assumeRoleEvent(call, this.role, this.sessionName, actor.identity.accessKeyId ?? '');
      });
  }
}
