import type { CloudTrailEvent } from '../event-types.js';
import type { DeliveryFile } from '../s3-layout.js';
import type { KmsKey } from '../kms-keys.js';
import { isoSeconds } from '../time-format.js';
import type { StoryWorld } from './world.js';
import { storyNarrative } from './manifest-narrative.js';
import { CLOUDWATCH_EXPORT, LOOKUP_EXPORT, STORY_END, STORY_START } from './timeline.js';
import { DATA, EXTERNAL, MONITORING_VENDOR, ORG_ID, PROD, REGIONS } from './cast.js';

/**
 * STORY.json: what the generator planted, for tests and for checking detections.
 * Convention: every object named `eventIds` holds only eventIDs (strings or lists).
 */

export const CLOUDWATCH_EXPORT_PATH = 'exports/cloudwatch-kms.jsonl';
export const LOOKUP_EXPORT_PATH = 'exports/lookup-events.json';

export interface StoryOutputs {
  files: DeliveryFile[];
  cloudWatch: CloudTrailEvent[];
  lookup: CloudTrailEvent[];
}

function keyEntry(name: string, kmsKey: KmsKey, aliases: string[], note?: string) {
  return { name, account: kmsKey.account, region: kmsKey.region, keyId: kmsKey.keyId, arn: kmsKey.arn, aliases, multiRegion: kmsKey.multiRegion, note };
}

function keyList(world: StoryWorld) {
  const { keys } = world.cast;
  return [
    keyEntry('payments', keys.payments, ['alias/payments'], 'scheduled for deletion during the incident, cancelled and re-enabled by bob'),
    keyEntry('prodData', keys.prodData, ['alias/prod-data', 'alias/exports'], 'flooded, policy opened to 999988887777, granted to it, rotation disabled'),
    keyEntry('finance', keys.finance, ['alias/finance'], 'seed 002: customerId + department=finance contexts'),
    keyEntry('tokenization', keys.tokenization, ['alias/tokenization'], 'seed 001: Nitro enclave calls'),
    keyEntry('sessions', keys.sessions, ['alias/sessions'], 'multi-Region primary; used by its mrk- id'),
    keyEntry('sessionsReplica', keys.sessionsReplica, ['alias/sessions'], 'replica of sessions: same key id, other region'),
    keyEntry('reportsV1', keys.reportsV1, ['alias/reports'], 'alias/reports until UpdateAlias'),
    keyEntry('reportsV2', keys.reportsV2, ['alias/reports'], 'alias/reports after UpdateAlias'),
    keyEntry('ebsDefault', keys.ebsDefault, ['alias/aws/ebs'], 'AWS managed key: no CreateAlias event exists'),
    keyEntry('dataLake', keys.dataLake, ['alias/data-lake'], 'also used from us-east-1: resources[] region differs from awsRegion'),
    keyEntry('dataSecrets', keys.dataSecrets, ['alias/data-secrets']),
    keyEntry('lambdaDefault', keys.lambdaDefault, ['alias/aws/lambda'], 'AWS managed key'),
  ];
}

const treeIds = (outputs: StoryOutputs): Set<string> => new Set(outputs.files.flatMap((file) => file.events.map((event) => event.eventID)));

function presentIds(outputs: StoryOutputs): Set<string> {
  return new Set([...treeIds(outputs), ...outputs.cloudWatch.map((event) => event.eventID), ...outputs.lookup.map((event) => event.eventID)]);
}

function fileCounts(outputs: StoryOutputs) {
  const inTree = treeIds(outputs);
  const overlap = (events: CloudTrailEvent[]) => events.filter((event) => inTree.has(event.eventID)).length;
  const orgFiles = outputs.files.filter((file) => file.stream.orgId !== undefined);
  return {
    s3Records: {
      files: outputs.files.length,
      accountTrailFiles: outputs.files.length - orgFiles.length,
      organizationTrailFiles: orgFiles.length,
      records: outputs.files.reduce((total, file) => total + file.events.length, 0),
      uniqueEventIds: inTree.size,
    },
    cloudWatchJsonl: { path: CLOUDWATCH_EXPORT_PATH, lines: outputs.cloudWatch.length, alsoInS3Tree: overlap(outputs.cloudWatch), from: isoSeconds(CLOUDWATCH_EXPORT.from), to: isoSeconds(CLOUDWATCH_EXPORT.to) },
    lookupEvents: { path: LOOKUP_EXPORT_PATH, events: outputs.lookup.length, alsoInS3Tree: overlap(outputs.lookup), from: isoSeconds(LOOKUP_EXPORT.from), to: isoSeconds(LOOKUP_EXPORT.to) },
    uniqueEventIdsAllSources: presentIds(outputs).size,
  };
}

export function storyManifest(world: StoryWorld, outputs: StoryOutputs) {
  const present = presentIds(outputs);
  return {
    story: 'Stolen deploy-bot access key used against KMS, night of 2026-11-21 (UTC)',
    generator: { script: 'scripts/gen-sample-logs.ts', command: 'npm run sample-logs', seed: world.seed },
    window: { from: isoSeconds(STORY_START), to: isoSeconds(STORY_END) },
    businessHours: { timeZone: 'Europe/Amsterdam', utcOffset: '+01:00', days: 'Mon-Fri', from: '08:00', to: '18:00' },
    organization: { id: ORG_ID, note: 'org trail copy holds the data account, and prod for 2026-11-21 00:00-06:00 only' },
    accounts: { prod: PROD, data: DATA, external: EXTERNAL, monitoringVendor: MONITORING_VENDOR },
    regions: [...REGIONS],
    keys: keyList(world),
    ...storyNarrative(world, present),
    files: fileCounts(outputs),
    /** Events the story generated that no trail copy or export in this directory contains. */
    notDeliveredAnywhere: world.events.filter((event) => !present.has(event.eventID)).length,
  };
}

export type StoryManifest = ReturnType<typeof storyManifest>;
