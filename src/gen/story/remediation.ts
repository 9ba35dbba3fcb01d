import type { Rng } from '../rng.js';
import type { CloudTrailEvent } from '../event-types.js';
import { cancelKeyDeletionEvent, enableKeyEvent, getKeyPolicyEvent, describeKeyEvent } from '../kms-key-admin-events.js';
import { listGrantsEvent } from '../kms-grant-events.js';
import { getEventSelectorsEvent, putEventSelectorsEvent } from '../cloudtrail-events.js';
import { updateAccessKeyEvent } from '../iam-events.js';
import { bobActor } from './people.js';
import { REMEDIATION } from './timeline.js';
import { PROD, PROD_TRAIL_ARN, type StoryCast } from './cast.js';

/**
 * Saturday morning, bob (on call) undoes part of it: KMS back on the trail, deletion
 * cancelled, the key re-enabled, deploy-bot's key deactivated. He lists the grants and
 * reads the policy but removes neither the external grant nor the policy statement.
 */
export interface Remediation {
  events: CloudTrailEvent[];
  eventIds: { selectorsRestored: string[]; keyDeletionCancelled: string[]; keyEnabled: string[]; accessKeyDeactivated: string[]; review: string[] };
}

export function remediation(rng: Rng, cast: StoryCast): Remediation {
  const { payments, prodData } = cast.keys;
  const actor = bobActor(cast);
  const call = (time: number) => ({ rng, time, region: 'us-east-1', account: PROD, actor });
  const allManagementEvents = [{ readWriteType: 'All' as const, includeManagementEvents: true, excludeManagementEventSources: [] }];
  const groups = {
    selectorsRestored: [getEventSelectorsEvent(call(REMEDIATION.selectorsRestored - 70_000), PROD_TRAIL_ARN), putEventSelectorsEvent(call(REMEDIATION.selectorsRestored), PROD_TRAIL_ARN, allManagementEvents)],
    keyDeletionCancelled: [describeKeyEvent(call(REMEDIATION.keyDeletionCancelled - 50_000), payments, 'alias/payments'), cancelKeyDeletionEvent(call(REMEDIATION.keyDeletionCancelled), payments, payments.keyId)],
    keyEnabled: [enableKeyEvent(call(REMEDIATION.keyEnabled), payments, payments.keyId)],
    accessKeyDeactivated: [updateAccessKeyEvent(call(REMEDIATION.accessKeyDeactivated), 'deploy-bot', cast.deployBot.accessKeyId, 'Inactive')],
    review: [listGrantsEvent(call(REMEDIATION.reviewStart), prodData, prodData.arn), getKeyPolicyEvent(call(REMEDIATION.reviewStart + 95_000), prodData, prodData.arn)],
  };
  return {
    events: Object.values(groups).flat(),
    eventIds: Object.fromEntries(Object.entries(groups).map(([name, events]) => [name, events.map((event) => event.eventID)])) as Remediation['eventIds'],
  };
}
