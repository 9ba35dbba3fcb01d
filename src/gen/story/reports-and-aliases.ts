import type { Rng } from '../rng.js';
import type { CloudTrailEvent, UserIdentity } from '../event-types.js';
import type { Actor } from '../cloudtrail-event.js';
import { directActor, vpcEndpointActor } from '../actors.js';
import { iamUserIdentity } from '../identities.js';
import { aliasArn, type KmsKey } from '../kms-keys.js';
import { aliasNotFound } from '../api-errors.js';
import { decryptEvent, encryptEvent, reEncryptEvent } from '../kms-crypto-events.js';
import { createKeyEvent, enableKeyRotationEvent } from '../kms-key-admin-events.js';
import { createAliasEvent, updateAliasEvent } from '../kms-alias-events.js';
import { CONSOLE_BROWSER, JAVA_SDK } from '../user-agents.js';
import { HOUR, MINUTE, isoSeconds } from '../time-format.js';
import { arrivals, businessHours } from './arrivals.js';
import { RotatingSession } from './sessions.js';
import { bobActor } from './people.js';
import * as at from './timeline.js';
import { PROD, type StoryCast } from './cast.js';

/**
 * alias/reports, a reader's alias puzzle: the reporting service calls it minutes before
 * alice creates it (NotFoundException, no resources: the alias is the only reference),
 * it then names key V1, and on Friday bob repoints it to key V2 with UpdateAlias.
 * Bob also gives alias/prod-data's key a second alias, alias/exports.
 */
export interface AliasStory {
  events: CloudTrailEvent[];
  eventIds: { aliasOnlyBeforeCreateAlias: string[]; createAlias: string; updateAlias: string; createExportsAlias: string };
}

const REGION = 'us-east-1';

export function aliasStory(rng: Rng, cast: StoryCast): AliasStory {
  const { reportsV1, reportsV2, prodData } = cast.keys;
  const alice = directActor(iamUserIdentity(cast.alice), '198.51.100.23', CONSOLE_BROWSER);
  const bob = bobActor(cast);
  const call = (time: number, actor: Actor) => ({ rng, time, region: REGION, account: PROD, actor });
  const reporting = reportingSessions(rng, cast);
  const early = [0, 1, 2, 3].map((attempt) => {
    const time = at.REPORTS_FIRST_ATTEMPT + attempt * 70_000;
    const error = aliasNotFound(aliasArn(PROD, REGION, 'alias/reports'));
    return encryptEvent({ ...call(time, reporting.at(time)), error }, { keyId: 'alias/reports', context: reportContext(time) });
  });
  const createAlias = createAliasEvent(call(at.REPORTS_ALIAS_CREATED, alice), 'alias/reports', reportsV1);
  const updateAlias = updateAliasEvent(call(at.REPORTS_ALIAS_UPDATED, bob), 'alias/reports', reportsV2);
  const exportsAlias = createAliasEvent(call(at.EXPORTS_ALIAS_CREATED, bob), 'alias/exports', prodData, prodData.arn);
  const admin = [
    createKeyEvent(call(at.REPORTS_KEY_CREATED, alice), reportsV1, 'Settlement reports'),
    enableKeyRotationEvent(call(at.REPORTS_ALIAS_CREATED + 3 * MINUTE, alice), reportsV1, reportsV1.keyId),
    createKeyEvent(call(at.REPORTS_ALIAS_UPDATED - 11 * MINUTE, bob), reportsV2, 'Settlement reports (2026-11 rebuild)'),
    enableKeyRotationEvent(call(at.REPORTS_ALIAS_UPDATED + 2 * MINUTE, bob), reportsV2, reportsV2.arn),
  ];
  const usage = reportingUsage(rng, cast, reporting);
  return {
    events: [...early, createAlias, updateAlias, exportsAlias, ...admin, ...usage, ...reporting.issuingEvents(REGION)],
    eventIds: {
      aliasOnlyBeforeCreateAlias: early.map((event) => event.eventID),
      createAlias: createAlias.eventID,
      updateAlias: updateAlias.eventID,
      createExportsAlias: exportsAlias.eventID,
    },
  };
}

function reportingSessions(rng: Rng, cast: StoryCast): RotatingSession {
  const origin = (identity: UserIdentity) => vpcEndpointActor(identity, '10.20.5.40', JAVA_SDK, cast.prodVpcEndpoint);
  return new RotatingSession(rng.fork('reporting'), cast.roles.reporting, 'reporting-task', origin, 'ecs-tasks.amazonaws.com', 12 * HOUR);
}

const reportContext = (time: number) => ({ report: 'daily-settlement', date: isoSeconds(time).slice(0, 10) });

/** Which key alias/reports named at a time. */
const reportsKeyAt = (cast: StoryCast, time: number): KmsKey => (time < at.REPORTS_ALIAS_UPDATED ? cast.keys.reportsV1 : cast.keys.reportsV2);

/** After the alias exists: Encrypt by alias in business hours, a 02:00 UTC batch, Decrypts of old reports. */
function reportingUsage(rng: Rng, cast: StoryCast, reporting: RotatingSession): CloudTrailEvent[] {
  const nightly = [19, 20, 21].flatMap((day) => Array.from({ length: 6 }, (_, index) => Date.UTC(2026, 10, day, 2, 0, 30) + index * 47_000));
  const times = [...arrivals(rng, at.REPORTS_ALIAS_CREATED + MINUTE, at.STORY_END, businessHours(3)), ...nightly];
  const usage = times.map((time) => {
    const call = { rng, time, region: REGION, account: PROD, actor: reporting.at(time) };
    if (rng.chance(0.25)) return decryptEvent(call, { kmsKey: cast.keys.reportsV1, context: reportContext(time - 3 * 24 * HOUR) });
    return encryptEvent(call, { kmsKey: reportsKeyAt(cast, time), keyId: 'alias/reports', context: reportContext(time) });
  });
  // After the repoint, last week's reports are re-wrapped from V1 to V2: one event, two keys.
  const rewrap = Array.from({ length: 8 }, (_, index) => {
    const time = at.REPORTS_ALIAS_UPDATED + 20 * MINUTE + index * 30_000;
    const context = reportContext(time - (index + 1) * 24 * HOUR);
    const call = { rng, time, region: REGION, account: PROD, actor: reporting.at(time) };
    return reEncryptEvent(call, { kmsKey: cast.keys.reportsV1, context }, { kmsKey: cast.keys.reportsV2, keyId: 'alias/reports', context });
  });
  return [...usage, ...rewrap];
}
