import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/gen/rng.js';
import { makeKmsKey, keyReference, replicaKey } from '../../src/gen/kms-keys.js';
import { decryptEvent, generateDataKeyEvent, generateRandomEvent, reEncryptEvent } from '../../src/gen/kms-crypto-events.js';
import { createAliasEvent, updateAliasEvent } from '../../src/gen/kms-alias-events.js';
import { scheduleKeyDeletionEvent } from '../../src/gen/kms-key-admin-events.js';
import { makeEnclave } from '../../src/gen/enclave.js';
import { directActor, onBehalfOf, serviceActor } from '../../src/gen/actors.js';
import { awsAccountIdentity, ec2InfrastructureIdentity, iamUserIdentity, makeIamRole, makeIamUser, makeSsoRole, roleSessionIdentity, rootIdentity } from '../../src/gen/identities.js';
import { incorrectKey, kmsAccessDenied } from '../../src/gen/api-errors.js';
import { missingRequiredFields } from './records.js';

const rng = new Rng(11);
const account = '111122223333';
const kmsKey = makeKmsKey(rng, account, 'us-west-2', { aliases: ['alias/payments'] });
const alice = makeIamUser(rng, account, 'alice');
const call = { rng, time: Date.UTC(2026, 10, 21, 2, 14, 5), region: 'us-east-1', account, actor: directActor(iamUserIdentity(alice), '203.0.113.66', 'aws-cli/2') };

describe('KMS key references', () => {
  it('names one key five ways, and resources[] always carries the key ARN', () => {
    const forms = (['keyArn', 'keyId', 'aliasName', 'aliasArn'] as const).map((form) => keyReference(kmsKey, form));
    expect(forms).toEqual([kmsKey.arn, kmsKey.keyId, 'alias/payments', `arn:aws:kms:us-west-2:${account}:alias/payments`]);
    const multiRegion = makeKmsKey(rng, account, 'us-east-1', { multiRegion: true });
    expect(keyReference(multiRegion, 'keyId')).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(replicaKey(multiRegion, 'eu-west-1').arn).toBe(`arn:aws:kms:eu-west-1:${account}:key/${multiRegion.keyId}`);
    for (const keyId of forms) {
      const event = generateDataKeyEvent(call, { kmsKey, keyId });
      expect(event.requestParameters?.keyId).toBe(keyId);
      expect(event.resources).toEqual([{ accountId: account, type: 'AWS::KMS::Key', ARN: kmsKey.arn }]);
    }
  });

  it('lets the resource ARN sit in another region than awsRegion', () => {
    const event = decryptEvent(call, { kmsKey });
    expect(event.awsRegion).toBe('us-east-1');
    expect(event.resources?.[0]?.ARN).toContain(':us-west-2:');
    // Decrypt of symmetric ciphertext names no key: the written record has no keyId at all.
    expect(JSON.parse(JSON.stringify(event)).requestParameters).toEqual({ encryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
  });

  it('records alias changes with both the alias and the key in resources[]', () => {
    const created = createAliasEvent(call, 'alias/reports', kmsKey);
    expect(created.requestParameters).toEqual({ aliasName: 'alias/reports', targetKeyId: kmsKey.keyId });
    expect(created.resources?.map((resource) => resource.ARN)).toEqual([kmsKey.arn, `arn:aws:kms:us-west-2:${account}:alias/reports`]);
    expect(updateAliasEvent(call, 'alias/reports', kmsKey).resources?.[1]?.ARN).toBe(kmsKey.arn);
  });
});

describe('KMS events', () => {
  it('writes failures with errorCode, errorMessage and a null response', () => {
    const denied = decryptEvent({ ...call, error: kmsAccessDenied(alice.arn, 'Decrypt', kmsKey.arn) }, { kmsKey, keyId: 'alias/payments' });
    expect(denied.errorCode).toBe('AccessDeniedException');
    expect(denied.errorMessage).toContain(`${alice.arn} is not authorized to perform: kms:Decrypt on resource: ${kmsKey.arn}`);
    expect(denied.responseElements).toBeNull();
    expect(decryptEvent({ ...call, error: incorrectKey() }, { kmsKey }).errorCode).toBe('IncorrectKeyException');
  });

  it('carries enclave attestation fields, old style and with PCRs', () => {
    const oldStyle = makeEnclave(rng, 'i-0123456789abcdef0');
    const withPcrs = makeEnclave(rng, 'i-0123456789abcdef0', { withPcrs: true });
    const recipient = (event: ReturnType<typeof decryptEvent>) => (event.additionalEventData?.recipient ?? {}) as Record<string, string>;
    const old = recipient(decryptEvent(call, { kmsKey, enclave: oldStyle }));
    expect(Object.keys(old)).toEqual(['attestationDocumentModuleId', 'attestationDocumentEnclaveImageDigest']);
    expect(old.attestationDocumentModuleId).toMatch(/^i-0123456789abcdef0-enc[0-9a-f]{16}$/);
    const newer = recipient(generateDataKeyEvent(call, { kmsKey, keyId: kmsKey.keyId, enclave: withPcrs }));
    for (const pcr of [1, 2, 3, 4, 8]) expect(newer[`attestationDocumentEnclavePCR${pcr}`]).toMatch(/^[0-9a-f]{96}$/);
    expect(generateRandomEvent(call, oldStyle).resources).toEqual([]);
  });

  it('names both keys of a ReEncrypt and the deletion date of ScheduleKeyDeletion', () => {
    const other = makeKmsKey(rng, account, 'us-west-2');
    const event = reEncryptEvent(call, { kmsKey }, { kmsKey: other, keyId: other.arn });
    expect(event.resources?.map((resource) => resource.ARN)).toEqual([kmsKey.arn, other.arn]);
    const scheduled = scheduleKeyDeletionEvent(call, kmsKey, kmsKey.keyId, 7);
    expect(scheduled.responseElements).toMatchObject({ keyState: 'PendingDeletion', pendingWindowInDays: 7, deletionDate: 'Nov 28, 2026, 2:14:05 AM' });
  });

  it('produces every userIdentity type with the fields a reader keys on', () => {
    const role = makeIamRole(rng, account, 'app-server');
    const identities = [
      iamUserIdentity(alice),
      roleSessionIdentity(role, 'i-0123456789abcdef0', 'ASIAEXAMPLE'),
      roleSessionIdentity(makeSsoRole(rng, account, 'Admin', 'eu-west-1'), 'bob@example.com', 'ASIAEXAMPLE'),
      ec2InfrastructureIdentity(account, 'i-0123456789abcdef0'),
      awsAccountIdentity('999988887777', 'AROAEXAMPLE:session'),
      rootIdentity(account, 'ASIAEXAMPLE'),
    ];
    expect(identities.map((identity) => identity.type)).toEqual(['IAMUser', 'AssumedRole', 'AssumedRole', 'AssumedRole', 'AWSAccount', 'Root']);
    expect(identities[1]!.arn).toBe(`arn:aws:sts::${account}:assumed-role/app-server/i-0123456789abcdef0`);
    expect(identities[2]!.sessionContext?.sessionIssuer).toMatchObject({ arn: expect.stringMatching(/role\/aws-reserved\/sso\.amazonaws\.com\/eu-west-1\/AWSReservedSSO_Admin_[0-9a-f]{16}$/) });
    expect(identities[3]!.arn).toBe(`arn:aws:sts::${account}:assumed-role/aws:ec2-infrastructure/i-0123456789abcdef0`);
    for (const actor of [serviceActor('s3.amazonaws.com'), onBehalfOf(iamUserIdentity(alice), 'ec2.amazonaws.com')]) {
      const event = decryptEvent({ ...call, actor }, { kmsKey });
      expect(event.userIdentity.invokedBy).toMatch(/amazonaws\.com$/);
      expect(event.sourceIPAddress).toBe(event.userIdentity.invokedBy);
      expect(missingRequiredFields(event)).toEqual([]);
    }
  });
});
