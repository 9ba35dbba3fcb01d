import type { CloudTrailEvent } from './event-types.js';
import type { Call } from './cloudtrail-event.js';
import { keyReference } from './kms-keys.js';
import { kmsAccessDenied } from './api-errors.js';
import { newGrantId } from './aws-ids.js';
import { cancelKeyDeletionEvent, describeKeyEvent, disableKeyEvent, disableKeyRotationEvent, getKeyPolicyEvent, listKeysEvent, putKeyPolicyEvent, scheduleKeyDeletionEvent } from './kms-key-admin-events.js';
import { createAliasEvent, listAliasesEvent, updateAliasEvent } from './kms-alias-events.js';
import { createGrantEvent, listGrantsEvent, retireGrantEvent } from './kms-grant-events.js';
import { accountRootStatement, keyPolicyDocument } from './key-policy.js';
import { ebsLaunchFlow } from './ebs-flow.js';
import { pickPrincipal, type BenchContext } from './bench-kms-events.js';

/** KMS management calls (mostly reads, a few changes) and EBS launch chains. */

const ADMIN_CALLS = [
  ['DescribeKey', 50], ['ListAliases', 14], ['ListKeys', 10], ['GetKeyPolicy', 10], ['ListGrants', 8], ['CreateGrant', 3], ['RetireGrant', 2],
  ['CreateAlias', 0.5], ['UpdateAlias', 0.5], ['PutKeyPolicy', 0.5], ['DisableKeyRotation', 0.3], ['ScheduleKeyDeletion', 0.2], ['CancelKeyDeletion', 0.2], ['DisableKey', 0.2],
] as const;

export function kmsAdminEvent(context: BenchContext, time: number): CloudTrailEvent {
  const { rng, world, probes } = context;
  const keyIndex = world.keyZipf.sample(rng);
  const kmsKey = world.keys[keyIndex]!;
  const principal = pickPrincipal(context, kmsKey.account);
  const eventName = rng.weighted(ADMIN_CALLS);
  const error = rng.chance(context.errorRate) ? kmsAccessDenied(principal.name, eventName, kmsKey.arn) : undefined;
  const call: Call = { rng, time, region: kmsKey.region, account: kmsKey.account, actor: principal.actor, error };
  const keyId = keyReference(kmsKey, rng.pick(['keyArn', 'keyId', 'aliasName'] as const));
  if (eventName !== 'ListAliases' && eventName !== 'ListKeys') probes.onKeyUse(keyIndex, eventName, principal.name);
  switch (eventName) {
    case 'DescribeKey':
      return describeKeyEvent(call, kmsKey, keyId);
    case 'ListAliases':
      return listAliasesEvent(call, { limit: 100 });
    case 'ListKeys':
      return listKeysEvent(call, 1000);
    case 'GetKeyPolicy':
      return getKeyPolicyEvent(call, kmsKey, kmsKey.keyId);
    case 'ListGrants':
      return listGrantsEvent(call, kmsKey, kmsKey.arn);
    case 'CreateGrant': {
      const grantee = pickPrincipal(context, kmsKey.account).name;
      return createGrantEvent(call, { kmsKey, keyId: kmsKey.arn, granteePrincipal: grantee, operations: ['Decrypt', 'GenerateDataKey'], grantId: newGrantId(rng) });
    }
    case 'RetireGrant':
      // The grantee retires its own grant.
      return retireGrantEvent(call, kmsKey, newGrantId(rng));
    case 'CreateAlias':
      return createAliasEvent(call, `alias/new-${rng.hex(6)}`, kmsKey);
    case 'UpdateAlias':
      return updateAliasEvent(call, kmsKey.aliases[0] ?? `alias/moved-${rng.hex(6)}`, kmsKey);
    case 'PutKeyPolicy':
      return putKeyPolicyEvent(call, kmsKey, kmsKey.keyId, keyPolicyDocument([accountRootStatement(kmsKey.account)]));
    case 'DisableKeyRotation':
      return disableKeyRotationEvent(call, kmsKey, kmsKey.keyId);
    case 'ScheduleKeyDeletion':
      return scheduleKeyDeletionEvent(call, kmsKey, kmsKey.keyId, 30);
    case 'CancelKeyDeletion':
      return cancelKeyDeletionEvent(call, kmsKey, kmsKey.keyId);
    case 'DisableKey':
      return disableKeyEvent(call, kmsKey, kmsKey.keyId);
  }
}

/** RunInstances -> GenerateDataKeyWithoutPlaintext -> CreateGrant (same requestID) -> Decrypt. */
export function ebsFlowEvents(context: BenchContext, time: number): CloudTrailEvent[] {
  const { rng, world } = context;
  const account = rng.pick([...world.ebsKeys.keys()]);
  const kmsKey = world.ebsKeys.get(account)!;
  // People launch instances; their sessions name no instance, so the instance probe stays exact.
  const launcher = rng.pick(world.launchersByAccount.get(account)!);
  const flow = ebsLaunchFlow(rng, { launcher: launcher.actor, time, region: kmsKey.region, account, kmsKey, keyId: 'alias/aws/ebs', style: rng.chance(0.3) ? 'seed' : 'forwardAccess' });
  const keyIndex = world.keys.indexOf(kmsKey);
  for (const name of ['GenerateDataKeyWithoutPlaintext', 'CreateGrant', 'Decrypt']) context.probes.onKeyUse(keyIndex, name, launcher.name);
  return [flow.runInstances, flow.generateDataKeyWithoutPlaintext, flow.createGrant, flow.decrypt];
}
