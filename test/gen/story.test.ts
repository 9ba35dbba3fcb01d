import { beforeAll, describe, expect, it } from 'vitest';
import { buildSampleLogs, type SampleLogs } from '../../src/gen/story/sample-logs.js';
import type { CloudTrailEvent } from '../../src/gen/event-types.js';
import { recordsOfTree } from './records.js';

/** What a responder should find in sample-logs/, checked against STORY.json. */

let sample: SampleLogs;
let files: { path: string; records: CloudTrailEvent[] }[];
let byId: Map<string, CloudTrailEvent>;
let all: CloudTrailEvent[];

beforeAll(() => {
  sample = buildSampleLogs();
  files = recordsOfTree(sample.tree);
  byId = new Map(files.flatMap(({ records }) => records.map((event) => [event.eventID, event] as const)));
  const jsonl = sample.tree.get('exports/cloudwatch-kms.jsonl')!.toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as CloudTrailEvent);
  for (const event of jsonl) if (!byId.has(event.eventID)) byId.set(event.eventID, event);
  all = [...byId.values()];
});

const events = (ids: string[]): CloudTrailEvent[] => ids.map((id) => byId.get(id)!);
const time = (event: CloudTrailEvent): number => Date.parse(event.eventTime);

describe('the sample story', () => {
  it('re-creates seed 000: RunInstances by alice, then data key, grant (same requestID) and decrypt for the new instance', () => {
    const chain = sample.manifest.ebsChain;
    const [run, dataKey, grant, decrypt] = [chain.eventIds.runInstances!, chain.eventIds.generateDataKeyWithoutPlaintext, chain.eventIds.createGrant, chain.eventIds.decrypt].map((id) => byId.get(id)!);
    expect(run!.userIdentity.arn).toBe('arn:aws:iam::111122223333:user/alice');
    expect(JSON.stringify(run!.responseElements)).toContain(`"instanceId":"${chain.instanceId}"`);
    expect(grant!.requestID).toBe(run!.requestID);
    expect(grant!.requestParameters).toMatchObject({ granteePrincipal: `111122223333:aws:ec2-infrastructure:${chain.instanceId}`, constraints: { encryptionContextSubset: { 'aws:ebs:id': chain.volumeId } } });
    expect(dataKey!.requestParameters).toMatchObject({ keyId: 'alias/aws/ebs', encryptionContext: { 'aws:ebs:id': chain.volumeId } });
    expect(decrypt!.userIdentity.arn).toBe(`arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/${chain.instanceId}`);
  });

  it('issues the role credentials of an instance only after its launch', () => {
    const launched = new Map<string, number>();
    for (const event of all) {
      if (event.eventName !== 'RunInstances') continue;
      for (const match of JSON.stringify(event.responseElements).matchAll(/"instanceId":"(i-[0-9a-f]+)"/g)) launched.set(match[1]!, time(event));
    }
    const issued = all.filter((event) => event.eventName === 'AssumeRole' && launched.has(String((event.requestParameters as { roleSessionName?: string } | null)?.roleSessionName)));
    expect(issued.length).toBeGreaterThan(0);
    for (const event of issued) {
      const session = (event.requestParameters as { roleSessionName: string }).roleSessionName;
      expect(time(event), `${session} at ${event.eventTime}`).toBeGreaterThan(launched.get(session)!);
    }
  });

  it('leaves the second chain without its RunInstances', () => {
    const chain = sample.manifest.missingLinkChain;
    const grant = byId.get(chain.eventIds.createGrant)!;
    expect(grant.requestID).toBe(chain.requestID);
    expect(all.filter((event) => event.requestID === chain.requestID).map((event) => event.eventName)).toEqual(['CreateGrant']);
    expect(all.some((event) => JSON.stringify(event.responseElements ?? {}).includes(chain.instanceId))).toBe(false);
  });

  it('plants a burst of at least 15 failed Decrypts on alias/payments within 5 minutes', () => {
    const { incident } = sample.manifest;
    const burst = events(incident.eventIds.decryptFailureBurst);
    expect(burst.length).toBeGreaterThanOrEqual(15);
    expect(new Set(burst.map((event) => event.errorCode))).toEqual(new Set(['AccessDeniedException', 'IncorrectKeyException', 'InvalidCiphertextException']));
    expect(Math.max(...burst.map(time)) - Math.min(...burst.map(time))).toBeLessThan(5 * 60_000);
    for (const event of burst) {
      expect(event).toMatchObject({ eventName: 'Decrypt', sourceIPAddress: incident.attackerIp, userIdentity: { accessKeyId: incident.accessKeyId } });
      expect(event.resources?.[0]?.ARN).toBe(incident.keys.decryptFailures);
    }
  });

  it('plants more than 200 GenerateDataKey calls within one hour on alias/prod-data', () => {
    const flood = events(sample.manifest.incident.eventIds.dataKeyFlood);
    expect(flood.length).toBeGreaterThan(200);
    expect(Math.max(...flood.map(time)) - Math.min(...flood.map(time))).toBeLessThan(60 * 60_000);
    expect(new Set(flood.map((event) => `${event.eventName} ${event.requestParameters?.keyId} ${event.resources?.[0]?.ARN}`))).toEqual(
      new Set([`GenerateDataKey alias/prod-data ${sample.manifest.incident.keys.dataKeyFlood}`]),
    );
  });

  it('opens the prod-data key to account 999988887777 by policy and by a grant nobody retires', () => {
    const { incident } = sample.manifest;
    const [policy] = events(incident.eventIds.policyChange);
    expect(String(policy!.requestParameters?.policy)).toContain('arn:aws:iam::999988887777:root');
    const [grant] = events(incident.eventIds.externalGrant);
    expect(grant!.requestParameters?.granteePrincipal).toBe(incident.externalGrantee);
    expect(grant!.responseElements?.grantId).toBe(incident.grantId);
    expect(all.filter((event) => /RetireGrant|RevokeGrant/.test(event.eventName) && JSON.stringify(event).includes(incident.grantId))).toEqual([]);
    for (const event of events(incident.eventIds.crossAccountDecrypt)) {
      expect(event.userIdentity).toMatchObject({ type: 'AWSAccount', accountId: '999988887777' });
      expect(event.recipientAccountId).toBe('111122223333');
      expect(event.resources?.[0]?.ARN).toBe(incident.keys.crossAccountDecrypt);
    }
  });

  it('schedules alias/payments\' key for deletion in 7 days and takes KMS off the trail', () => {
    const { incident } = sample.manifest;
    expect(events(incident.eventIds.keyDeletionScheduled)[0]!.requestParameters?.pendingWindowInDays).toBe(7);
    expect(events(incident.eventIds.rotationDisabled)[0]!.eventName).toBe('DisableKeyRotation');
    const [selectors] = events(incident.eventIds.trailTampering);
    expect(JSON.stringify(selectors!.requestParameters)).toContain('"excludeManagementEventSources":["kms.amazonaws.com"]');
    const from = Date.parse(incident.trail.kmsExcludedFrom);
    const to = Date.parse(incident.trail.kmsRestoredAt);
    const accountTrail = files.filter((file) => file.path.startsWith('AWSLogs/111122223333/')).flatMap((file) => file.records);
    expect(accountTrail.filter((event) => event.eventSource === 'kms.amazonaws.com' && time(event) >= from && time(event) < to)).toEqual([]);
    const orgCopy = files.filter((file) => file.path.startsWith('AWSLogs/o-7k2m9q4x1z/111122223333/')).flatMap((file) => file.records);
    expect(orgCopy.filter((event) => event.eventSource === 'kms.amazonaws.com' && time(event) >= from).length).toBeGreaterThan(20);
  });

  it('has a delivery gap for us-west-2 in the account trail, covered by the org trail copy', () => {
    const gap = sample.manifest.incident.deliveryGap;
    const inGap = (event: CloudTrailEvent) => event.awsRegion === gap.region && time(event) >= Date.parse(gap.from) && time(event) < Date.parse(gap.to);
    const accountFiles = files.filter((file) => file.path.startsWith(`AWSLogs/111122223333/CloudTrail/${gap.region}/`));
    expect(accountFiles.flatMap((file) => file.records).filter(inGap)).toEqual([]);
    const orgFiles = files.filter((file) => file.path.startsWith(`AWSLogs/o-7k2m9q4x1z/111122223333/CloudTrail/${gap.region}/`));
    expect(orgFiles.flatMap((file) => file.records).filter(inGap).length).toBeGreaterThan(3);
  });

  it('never shows the attacker IP before the incident, and deploy-bot only from its CI runner in business hours before it', () => {
    const { incident } = sample.manifest;
    const start = Date.parse(incident.window.from);
    expect(all.filter((event) => event.sourceIPAddress === incident.attackerIp && time(event) < start)).toEqual([]);
    const before = all.filter((event) => event.userIdentity.userName === 'deploy-bot' && time(event) < start);
    expect(before.length).toBeGreaterThan(10);
    expect(new Set(before.map((event) => event.sourceIPAddress))).toEqual(new Set([incident.baseline.ip]));
    const hoursUtc = new Set(before.map((event) => new Date(time(event)).getUTCHours()));
    expect([...hoursUtc].every((hour) => hour >= 7 && hour < 17)).toBe(true);
  });

  it('has one enclave call with an image digest that is not the approved one, in both field styles', () => {
    const { enclave } = sample.manifest;
    const enclaveEvents = all.filter((event) => event.additionalEventData?.recipient);
    const digests = new Map<string, number>();
    for (const event of enclaveEvents) {
      const digest = (event.additionalEventData!.recipient as Record<string, string>).attestationDocumentEnclaveImageDigest!;
      digests.set(digest, (digests.get(digest) ?? 0) + 1);
    }
    expect(digests.get(enclave.unknownImageDigest)).toBe(1);
    expect(digests.get(enclave.allowedImageDigest)).toBe(enclaveEvents.length - 1);
    expect(enclaveEvents.some((event) => 'attestationDocumentEnclavePCR8' in (event.additionalEventData!.recipient as object))).toBe(true);
    expect(enclaveEvents.some((event) => !('attestationDocumentEnclavePCR8' in (event.additionalEventData!.recipient as object)))).toBe(true);
  });

  it('finds customerId=cust-98765 in finance work before the incident and in the attacker\'s calls during it', () => {
    const { encryptionContextCase, incident } = sample.manifest;
    const start = Date.parse(incident.window.from);
    const finance = events(encryptionContextCase.eventIds.financeCase);
    expect(finance.some((event) => time(event) < start && event.eventName === 'Encrypt')).toBe(true);
    const during = events(encryptionContextCase.eventIds.duringIncident);
    expect(during.length).toBeGreaterThan(0);
    for (const event of [...finance, ...during]) expect(event.requestParameters?.encryptionContext).toMatchObject({ customerId: 'cust-98765', department: 'finance' });
    expect(during.every((event) => event.sourceIPAddress === incident.attackerIp)).toBe(true);
  });

  it('references alias/reports only by name before the CreateAlias that maps it, and repoints it later', () => {
    const { eventIds } = sample.manifest.aliasHistory.reports;
    const created = byId.get(eventIds.createAlias)!;
    for (const event of events(eventIds.aliasOnlyBeforeCreateAlias)) {
      expect(event.requestParameters?.keyId).toBe('alias/reports');
      expect(event.resources).toBeUndefined();
      expect(time(event)).toBeLessThan(time(created));
    }
    expect(created.resources?.[0]?.ARN).toBe(sample.manifest.aliasHistory.reports.firstKeyArn);
    expect(byId.get(eventIds.updateAlias)!.resources?.[1]?.ARN).toBe(sample.manifest.aliasHistory.reports.secondKeyArn);
  });

  it('covers every userIdentity type and every way of naming a key', () => {
    expect(new Set(all.map((event) => event.userIdentity.type))).toEqual(new Set(['IAMUser', 'AssumedRole', 'AWSService', 'AWSAccount', 'Root']));
    const keyIds = all.map((event) => String(event.requestParameters?.keyId ?? ''));
    expect(keyIds.some((keyId) => keyId.startsWith('arn:aws:kms:') && keyId.includes(':key/'))).toBe(true);
    expect(keyIds.some((keyId) => /^[0-9a-f]{8}-/.test(keyId))).toBe(true);
    expect(keyIds.some((keyId) => keyId.startsWith('mrk-'))).toBe(true);
    expect(keyIds.some((keyId) => keyId.startsWith('alias/'))).toBe(true);
    expect(keyIds.some((keyId) => keyId.includes(':alias/'))).toBe(true);
    expect(all.some((event) => event.eventSource === 'kms.amazonaws.com' && event.resources?.some((resource) => !resource.ARN.includes(`:${event.awsRegion}:`)))).toBe(true);
  });
});
