import type { Rng } from '../rng.js';
import type { CloudTrailEvent, UserIdentity } from '../event-types.js';
import type { Actor } from '../cloudtrail-event.js';
import { directActor, onBehalfOf, vpcEndpointActor } from '../actors.js';
import { awsAccountIdentity, iamUserIdentity, rootIdentity } from '../identities.js';
import { newAccessKeyId } from '../aws-ids.js';
import { decryptEvent, generateDataKeyEvent } from '../kms-crypto-events.js';
import { describeKeyEvent, getKeyPolicyEvent, getKeyRotationStatusEvent } from '../kms-key-admin-events.js';
import { listAliasesEvent } from '../kms-alias-events.js';
import { getObjectEvent } from '../s3-events.js';
import { getSecretValueEvent, secretArn } from '../secretsmanager-events.js';
import { lambdaContext, s3Context, secretsManagerContext } from '../encryption-context.js';
import { CONSOLE_BROWSER, CONSOLE_FIREFOX, PYTHON_BOTO3, awsCli, boto3 } from '../user-agents.js';
import { HOUR, MINUTE } from '../time-format.js';
import { arrivals, businessHours, every, utcHours } from './arrivals.js';
import { RotatingSession } from './sessions.js';
import { STORY_END, STORY_START } from './timeline.js';
import { DATA, PROD, type StoryCast } from './cast.js';

/**
 * The data account (delivered through the organization trail): a nightly ETL reading
 * SSE-KMS objects, a partner-style cross-account read of prod's alias/prod-data key
 * (recorded in both accounts under one sharedEventID), an ingest Lambda in eu-west-1,
 * carol's business-hours work, and one root console session.
 */
export interface DataStory {
  events: CloudTrailEvent[];
  /** [prod copy, data copy] of each benign cross-account Decrypt. */
  crossAccountPairs: [string, string][];
  crossRegionEventIds: string[];
  rootEventIds: string[];
}

const BUCKET = 'data-lake-raw-444455556666';

export function dataStory(rng: Rng, cast: StoryCast): DataStory {
  const etl = new RotatingSession(rng.fork('etl'), cast.roles.etlRunner, 'etl-nightly', (identity) => vpcEndpointActor(identity, '10.60.8.12', boto3('AWS_ECS_FARGATE'), 'vpce-0d4e5f60718293a4b'), 'ecs-tasks.amazonaws.com');
  const crossAccount = crossAccountReads(rng.fork('cross-account'), cast, etl);
  const crossRegion = crossRegionReads(rng.fork('cross-region'), cast, etl);
  const root = rootSession(rng.fork('root'), cast);
  const events = [
    ...etlReads(rng.fork('etl-reads'), cast, etl),
    ...crossAccount.events,
    ...crossRegion,
    ...ingestLambda(rng.fork('ingest'), cast),
    ...carol(rng.fork('carol'), cast),
    ...root,
    ...etl.issuingEvents('us-west-2'),
  ];
  return { events, crossAccountPairs: crossAccount.pairs, crossRegionEventIds: crossRegion.map((event) => event.eventID), rootEventIds: root.map((event) => event.eventID) };
}

/** S3 GetObject (a data event) and the Decrypt S3 makes for it with the caller's identity. */
function etlReads(rng: Rng, cast: StoryCast, etl: RotatingSession): CloudTrailEvent[] {
  return arrivals(rng, STORY_START, STORY_END, utcHours(23, 5, 22, 2)).flatMap((time) => {
    const actor = etl.at(time);
    const objectKey = `orders/2026/11/${String(new Date(time).getUTCDate()).padStart(2, '0')}/part-${rng.hex(8)}.parquet`;
    const call = { rng, time, region: 'us-west-2', account: DATA };
    return [
      decryptEvent({ ...call, actor: onBehalfOf(actor.identity, 's3.amazonaws.com') }, { kmsKey: cast.keys.dataLake, context: s3Context(BUCKET, objectKey) }),
      getObjectEvent({ ...call, time: time + 300, actor }, BUCKET, objectKey, rng.between(200_000, 9_000_000)),
    ];
  });
}

/** Benign cross-account use of prod's key: prod sees type AWSAccount, data sees the role. */
function crossAccountReads(rng: Rng, cast: StoryCast, etl: RotatingSession): { events: CloudTrailEvent[]; pairs: [string, string][] } {
  const events: CloudTrailEvent[] = [];
  const pairs: [string, string][] = [];
  for (const time of arrivals(rng, STORY_START, STORY_END, utcHours(0, 4, 2))) {
    const actor = etl.at(time);
    const sharedEventID = rng.uuid();
    const requestID = rng.uuid();
    const ownerView: Actor = { ...actor, identity: awsAccountIdentity(DATA, actor.identity.principalId ?? '') };
    const use = { kmsKey: cast.keys.prodData, keyId: cast.keys.prodData.arn, context: { dataset: 'payments-ledger-export' } };
    const prodCopy = decryptEvent({ rng, time, region: 'us-east-1', account: PROD, actor: ownerView, sharedEventID, requestID }, use);
    const dataCopy = decryptEvent({ rng, time, region: 'us-east-1', account: DATA, actor, sharedEventID, requestID }, use);
    events.push(prodCopy, dataCopy);
    pairs.push([prodCopy.eventID, dataCopy.eventID]);
  }
  return { events, pairs };
}

/** A job in us-east-1 naming the us-west-2 data-lake key by ARN: resources[] is in another region. */
function crossRegionReads(rng: Rng, cast: StoryCast, etl: RotatingSession): CloudTrailEvent[] {
  return every(rng, STORY_START, STORY_END, 4 * HOUR, 30 * MINUTE).map((time) =>
    decryptEvent({ rng, time, region: 'us-east-1', account: DATA, actor: etl.at(time) }, { kmsKey: cast.keys.dataLake, keyId: cast.keys.dataLake.arn, context: { dataset: 'orders-replica' } }),
  );
}

/** The ingest function: env-var decrypts at cold start, and its database secret. */
function ingestLambda(rng: Rng, cast: StoryCast): CloudTrailEvent[] {
  const region = 'eu-west-1';
  const functionArn = `arn:aws:lambda:${region}:${DATA}:function:ingest-handler`;
  const secret = secretArn(region, DATA, 'ingest/postgres', 'pQ7wLm');
  const session = new RotatingSession(rng, cast.roles.ingest, 'ingest-handler', (identity: UserIdentity) => onBehalfOf(identity, 'lambda.amazonaws.com'), 'lambda.amazonaws.com', 12 * HOUR);
  const events = arrivals(rng, STORY_START, STORY_END, () => 2).flatMap((time) => {
    const actor = session.at(time);
    const call = { rng, time, region, account: DATA };
    return [
      decryptEvent({ ...call, actor }, { kmsKey: cast.keys.lambdaDefault, context: lambdaContext(functionArn) }),
      getSecretValueEvent({ ...call, time: time + 800, actor: { ...actor, sourceIPAddress: '198.18.20.44', userAgent: PYTHON_BOTO3, tls: true } }, secret),
      decryptEvent({ ...call, time: time + 900, actor: onBehalfOf(actor.identity, 'secretsmanager.amazonaws.com') }, { kmsKey: cast.keys.dataSecrets, context: secretsManagerContext(secret) }),
    ];
  });
  return [...events, ...session.issuingEvents(region)];
}

function carol(rng: Rng, cast: StoryCast): CloudTrailEvent[] {
  const actor = directActor(iamUserIdentity(cast.carol), '198.51.100.31', CONSOLE_FIREFOX);
  const keys = [cast.keys.dataLake, cast.keys.dataSecrets];
  return arrivals(rng, STORY_START, STORY_END, businessHours(1.5)).map((time) => {
    const kmsKey = rng.pick(keys);
    const call = { rng, time, region: kmsKey.region, account: DATA, actor };
    switch (rng.int(4)) {
      case 0:
        return listAliasesEvent(call);
      case 1:
        return getKeyPolicyEvent(call, kmsKey, kmsKey.keyId);
      case 2:
        return generateDataKeyEvent({ ...call, actor: { ...actor, userAgent: awsCli('kms.generate-data-key') } }, { kmsKey, keyId: kmsKey.aliases[0], context: { dataset: 'orders-2026-11' } });
      default:
        return describeKeyEvent(call, kmsKey, kmsKey.aliases[0] ?? kmsKey.keyId);
    }
  });
}

/** Someone used the data account's root user in the console on Thursday afternoon. */
function rootSession(rng: Rng, cast: StoryCast): CloudTrailEvent[] {
  const actor = directActor(rootIdentity(DATA, newAccessKeyId(rng, true)), '198.51.100.77', CONSOLE_BROWSER);
  const start = Date.UTC(2026, 10, 19, 16, 5, 31);
  const call = (offset: number) => ({ rng, time: start + offset, region: 'us-west-2', account: DATA, actor });
  return [
    listAliasesEvent(call(0)),
    describeKeyEvent(call(41_000), cast.keys.dataLake, cast.keys.dataLake.keyId),
    getKeyRotationStatusEvent(call(44_000), cast.keys.dataLake, cast.keys.dataLake.keyId),
    getKeyPolicyEvent(call(52_000), cast.keys.dataLake, cast.keys.dataLake.keyId),
  ];
}
