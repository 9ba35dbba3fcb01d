import type { Rng } from '../rng.js';
import type { Actor, Call } from '../cloudtrail-event.js';
import type { CloudTrailEvent } from '../event-types.js';
import { directActor } from '../actors.js';
import { iamUserIdentity, roleSessionIdentity } from '../identities.js';
import { keyReference, type KmsKey } from '../kms-keys.js';
import { describeKeyEvent, getKeyPolicyEvent, getKeyRotationStatusEvent, listKeysEvent } from '../kms-key-admin-events.js';
import { listAliasesEvent } from '../kms-alias-events.js';
import { encryptEvent, generateDataKeyEvent } from '../kms-crypto-events.js';
import { describeInstancesEvent } from '../ec2-events.js';
import { describeTrailsEvent, getTrailStatusEvent } from '../cloudtrail-events.js';
import { CONSOLE_BROWSER, GO_SDK, awsCli } from '../user-agents.js';
import { arrivals, businessHours } from './arrivals.js';
import { STORY_END, STORY_START } from './timeline.js';
import { PROD, PROD_TRAIL_ARN, type StoryCast } from './cast.js';

/** The humans and the CI bot of prod, working Europe/Amsterdam business hours. */

export const ALICE_IP = '198.51.100.23';
export const BOB_IP = '198.51.100.45';
export const CI_RUNNER_IP = '192.0.2.10';
export const BOB_SESSION = 'bob@example.com';

export const aliceActor = (cast: StoryCast, userAgent = CONSOLE_BROWSER): Actor => directActor(iamUserIdentity(cast.alice), ALICE_IP, userAgent);

/** Bob signs in through IAM Identity Center: an AWSReservedSSO_Admin_... role session. */
export const bobActor = (cast: StoryCast): Actor => directActor(roleSessionIdentity(cast.bobRole, BOB_SESSION, cast.bobAccessKey), BOB_IP, CONSOLE_BROWSER);

export const deployBotActor = (cast: StoryCast, command = 'kms.generate-data-key'): Actor =>
  directActor(iamUserIdentity(cast.deployBot), CI_RUNNER_IP, command === 'sdk' ? GO_SDK : awsCli(command));

const prodKeys = (cast: StoryCast): KmsKey[] => [cast.keys.payments, cast.keys.prodData, cast.keys.finance, cast.keys.tokenization, cast.keys.sessions];

/** A person poking around keys: the everyday read-only KMS and EC2 calls. */
function browseOnce(rng: Rng, call: Call, cast: StoryCast): CloudTrailEvent {
  const kmsKey = rng.pick(prodKeys(cast));
  switch (rng.int(6)) {
    case 0:
      return listAliasesEvent(call, { limit: 100 });
    case 1:
      return listKeysEvent(call, 1000);
    case 2:
      return getKeyPolicyEvent(call, kmsKey, kmsKey.arn);
    case 3:
      return getKeyRotationStatusEvent(call, kmsKey, kmsKey.keyId);
    case 4:
      return describeInstancesEvent(call);
    default:
      return describeKeyEvent(call, kmsKey, keyReference(kmsKey, rng.pick(['aliasName', 'keyArn', 'keyId'] as const)));
  }
}

export function peopleTraffic(rng: Rng, cast: StoryCast): CloudTrailEvent[] {
  // Mostly the home region; now and then the EU one, where the sessions replica lives.
  const region = (): string => (rng.chance(0.15) ? 'eu-west-1' : 'us-east-1');
  const alice = arrivals(rng, STORY_START, STORY_END, businessHours(3)).map((time) =>
    browseOnce(rng, { rng, time, region: region(), account: PROD, actor: aliceActor(cast, rng.chance(0.3) ? awsCli('kms.describe-key') : CONSOLE_BROWSER) }, cast),
  );
  const bob = arrivals(rng, STORY_START, STORY_END, businessHours(2)).map((time) => {
    const call = { rng, time, region: region(), account: PROD, actor: bobActor(cast) };
    if (rng.chance(0.15)) return rng.chance(0.5) ? describeTrailsEvent(call) : getTrailStatusEvent(call, PROD_TRAIL_ARN);
    return browseOnce(rng, call, cast);
  });
  return [...alice, ...bob, ...deployBotRoutine(rng, cast)];
}

/** deploy-bot's baseline: a few deploys per working day from the CI runner, never at night. */
function deployBotRoutine(rng: Rng, cast: StoryCast): CloudTrailEvent[] {
  const { prodData, payments } = cast.keys;
  return arrivals(rng, STORY_START, STORY_END, businessHours(0.6)).flatMap((time) => {
    const call = (offset: number, command: string) => ({ rng, time: time + offset, region: 'us-east-1', account: PROD, actor: deployBotActor(cast, command) });
    const context = { pipeline: 'payments-api', stage: 'prod' };
    return [
      describeKeyEvent(call(0, 'kms.describe-key'), prodData, 'alias/prod-data'),
      generateDataKeyEvent(call(4_000, 'kms.generate-data-key'), { kmsKey: prodData, keyId: 'alias/prod-data', context }),
      generateDataKeyEvent(call(9_000, 'kms.generate-data-key'), { kmsKey: prodData, keyId: 'alias/prod-data', context }),
      encryptEvent(call(15_000, 'kms.encrypt'), { kmsKey: payments, keyId: 'alias/payments', context: { app: 'payments-api', artifact: 'config' } }),
      describeInstancesEvent(call(21_000, 'sdk')),
    ];
  });
}
