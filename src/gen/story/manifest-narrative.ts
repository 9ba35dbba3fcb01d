import { isoSeconds } from '../time-format.js';
import type { EbsLaunch } from '../ebs-flow.js';
import type { StoryWorld } from './world.js';
import { SEED_CUSTOMER } from './customers.js';
import { BOB_SESSION, CI_RUNNER_IP } from './people.js';
import { DELIVERY_GAP, INCIDENT, ORG_SLICE_OF_PROD, REMEDIATION } from './timeline.js';
import { ATTACKER_IP, ATTACKER_USER_AGENT, EXTERNAL, EXTERNAL_IP, PROD, PROD_TRAIL_ARN } from './cast.js';
import { mentionsSeedCustomer } from './finance-context.js';

/** The planted behaviours of STORY.json: who did what, and the eventIDs that show it. */

function chainEntry(flow: EbsLaunch, launchedBy: string, keyArn: string, runInstancesDelivered: boolean) {
  return {
    launchedBy,
    region: 'us-west-2',
    instanceId: flow.instanceId,
    volumeId: flow.volumeId,
    keyArn,
    keyIdInRequests: 'alias/aws/ebs',
    grantId: flow.grantId,
    requestID: flow.requestID,
    eventIds: {
      ...(runInstancesDelivered ? { runInstances: flow.runInstances.eventID } : {}),
      generateDataKeyWithoutPlaintext: flow.generateDataKeyWithoutPlaintext.eventID,
      createGrant: flow.createGrant.eventID,
      decrypt: flow.decrypt.eventID,
    },
  };
}

function principals(world: StoryWorld) {
  const { cast } = world;
  return {
    alice: cast.alice.arn,
    bob: `arn:aws:sts::${PROD}:assumed-role/${cast.bobRole.name}/${BOB_SESSION}`,
    bobRole: cast.bobRole.arn,
    carol: cast.carol.arn,
    deployBot: cast.deployBot.arn,
    appServerRole: cast.roles.appServer.arn,
    appServerInstances: cast.appInstances,
    enclaveParentRole: cast.roles.enclaveParent.arn,
    financeBatchRole: cast.roles.financeBatch.arn,
    etlRunnerRole: cast.roles.etlRunner.arn,
    dataRoot: `arn:aws:iam::${world.cast.carol.account}:root`,
  };
}

function incident(world: StoryWorld) {
  const { cast, recon, impact } = world;
  return {
    window: { from: isoSeconds(INCIDENT.start), to: isoSeconds(INCIDENT.end) },
    principal: cast.deployBot.arn,
    accessKeyId: cast.deployBot.accessKeyId,
    attackerIp: ATTACKER_IP,
    attackerUserAgent: ATTACKER_USER_AGENT,
    baseline: { ip: CI_RUNNER_IP, note: 'deploy-bot only ever called from the CI runner in business hours before the incident' },
    externalAccount: EXTERNAL,
    externalPrincipalId: cast.exfilPrincipalId,
    externalGrantee: impact.externalGrantee,
    externalIp: EXTERNAL_IP,
    grantId: impact.grantId,
    keys: {
      decryptFailures: cast.keys.payments.arn,
      contextDecrypts: cast.keys.finance.arn,
      dataKeyFlood: cast.keys.prodData.arn,
      policyChange: cast.keys.prodData.arn,
      externalGrant: cast.keys.prodData.arn,
      crossAccountDecrypt: cast.keys.prodData.arn,
      rotationDisabled: cast.keys.prodData.arn,
      keyDeletionScheduled: cast.keys.payments.arn,
    },
    trail: {
      arn: PROD_TRAIL_ARN,
      kmsExcludedFrom: isoSeconds(INCIDENT.trailTampering),
      kmsRestoredAt: isoSeconds(REMEDIATION.selectorsRestored),
      note: 'the account trail has no kms.amazonaws.com events in between; the org trail copy (to 06:00) and the exports still do',
    },
    deliveryGap: { account: PROD, region: DELIVERY_GAP.region, trail: PROD_TRAIL_ARN, from: isoSeconds(DELIVERY_GAP.from), to: isoSeconds(DELIVERY_GAP.to) },
    organizationTrailSliceOfProd: { from: isoSeconds(ORG_SLICE_OF_PROD.from), to: isoSeconds(ORG_SLICE_OF_PROD.to) },
    unknownEnclaveImageEventId: world.enclaves.unknownDigestEventId,
    eventIds: { ...recon.eventIds, ...impact.eventIds },
  };
}

/** `present`: eventIDs found in some delivered source; planted ids outside it are counted, not listed. */
export function storyNarrative(world: StoryWorld, present: ReadonlySet<string>) {
  const { cast } = world;
  const duringIncident = world.recon.events.filter(mentionsSeedCustomer).map((event) => event.eventID);
  const people = principals(world);
  return {
    principals: people,
    aliasHistory: {
      reports: { alias: 'alias/reports', firstKeyArn: cast.keys.reportsV1.arn, secondKeyArn: cast.keys.reportsV2.arn, eventIds: world.aliases.eventIds },
      exports: { alias: 'alias/exports', keyArn: cast.keys.prodData.arn, note: 'second alias of the alias/prod-data key' },
    },
    incident: incident(world),
    fallout: {
      note: 'alias/payments calls by app-server fail while the key is pending deletion, then disabled; the ones between 07:00 and 08:55 are in no source',
      happened: world.payments.outageEventIds.length,
      eventIds: { paymentsDecryptFailures: world.payments.outageEventIds.filter((id) => present.has(id)) },
    },
    remediation: { by: people.bob, stillOpen: ['external grant never retired or revoked', 'key policy still trusts 999988887777', 'rotation still disabled on alias/prod-data'], eventIds: world.remediation.eventIds },
    ebsChain: chainEntry(world.ebs.chain, cast.alice.arn, cast.keys.ebsDefault.arn, true),
    missingLinkChain: { ...chainEntry(world.ebs.missingLink, people.bob, cast.keys.ebsDefault.arn, false), runInstances: null, note: 'RunInstances is not in any log: the chain must stop at CreateGrant' },
    enclave: {
      allowedImageDigest: world.enclaves.allowedImageDigest,
      unknownImageDigest: world.enclaves.unknownImageDigest,
      parentInstances: cast.enclaveInstances,
      moduleIds: world.enclaves.enclaves.map((enclave) => enclave.moduleId),
      unknownModuleId: world.enclaves.unknownEnclave.moduleId,
      styles: { oldStyle: world.enclaves.enclaves[0]!.moduleId, withPcrs: world.enclaves.enclaves[1]!.moduleId },
      eventIds: { unknownImageDigest: [world.enclaves.unknownDigestEventId] },
    },
    encryptionContextCase: {
      filter: `ctx:customerId=${SEED_CUSTOMER}`,
      context: { customerId: SEED_CUSTOMER, department: 'finance' },
      keyArn: cast.keys.finance.arn,
      note: 'app-server payments decrypts also carry customerId=cust-98765 (without department) under alias/payments',
      eventIds: { financeCase: world.finance.seedCustomerEventIds, duringIncident },
    },
    crossAccount: {
      note: 'benign: the data account reads alias/prod-data; each call is in both accounts under one sharedEventID (prodCopies[i] pairs with dataCopies[i])',
      account: world.cast.carol.account,
      eventIds: { prodCopies: world.data.crossAccountPairs.map(([prodCopy]) => prodCopy), dataCopies: world.data.crossAccountPairs.map(([, dataCopy]) => dataCopy) },
    },
    crossRegion: { note: 'awsRegion differs from the key ARN region in resources[]', eventIds: { dataAccount: world.data.crossRegionEventIds, batchWorker: world.ebs.crossRegionEventIds } },
    rootUse: { account: world.cast.carol.account, eventIds: { consoleSession: world.data.rootEventIds } },
  };
}
