import type { Rng } from './rng.js';
import type { ApiError, CloudTrailEvent } from './event-types.js';
import type { Call } from './cloudtrail-event.js';
import type { BenchWorld } from './bench-world.js';
import type { BenchProbes } from './bench-probes.js';
import type { BenchPrincipal } from './bench-principals.js';
import { keyReference, type KeyRefForm, type KmsKey } from './kms-keys.js';
import { customerContext, customerId, ebsContext, lambdaContext, s3Context, secretsManagerContext, type EncryptionContext } from './encryption-context.js';
import { decryptEvent, encryptEvent, generateDataKeyEvent, generateDataKeyWithoutPlaintextEvent, generateRandomEvent, reEncryptEvent } from './kms-crypto-events.js';
import { incorrectKey, invalidCiphertext, kmsAccessDenied, kmsInvalidState, throttled } from './api-errors.js';

/** The benchmark's KMS cryptographic calls: key chosen Zipf-style, then a caller in its account. */

export interface BenchContext {
  rng: Rng;
  world: BenchWorld;
  probes: BenchProbes;
  /** Share of events that fail (about 2%). */
  errorRate: number;
}

const CRYPTO_CALLS = [['Decrypt', 55], ['GenerateDataKey', 25], ['Encrypt', 12], ['GenerateDataKeyWithoutPlaintext', 3], ['ReEncrypt', 3], ['GenerateRandom', 2]] as const;
const KEY_FORMS: readonly (readonly [KeyRefForm, number])[] = [['keyArn', 40], ['keyId', 25], ['aliasName', 25], ['aliasArn', 10]];

/** A caller in the account, Zipf-hot; its session may name an instance, which the probes note. */
export function pickPrincipal(context: BenchContext, account: string): BenchPrincipal {
  const principals = context.world.principalsByAccount.get(account)!;
  const principal = principals[context.world.principalZipf.sample(context.rng) % principals.length]!;
  context.probes.noteInstance(principal.instanceId);
  return principal;
}

/** Most requests name the key somehow; Decrypt of symmetric ciphertext often does not. */
export function keyIdFor(rng: Rng, kmsKey: KmsKey, eventName: string): string | undefined {
  if (eventName === 'Decrypt' && rng.chance(0.35)) return undefined;
  return keyReference(kmsKey, rng.weighted(KEY_FORMS));
}

/** The context a caller of this kind sends. */
function contextFor(context: BenchContext, principal: BenchPrincipal): EncryptionContext | undefined {
  const { rng, world } = context;
  switch (principal.kind) {
    case 'instance':
      return rng.chance(0.7) ? customerContext(customerId(10000 + world.customerZipf.sample(rng))) : undefined;
    case 'task':
      return rng.chance(0.5) ? { tenant: `tenant-${rng.int(300)}` } : undefined;
    case 'lambda':
      return principal.functionArn ? lambdaContext(principal.functionArn) : undefined;
    case 'service':
      return serviceContext(context, principal);
    default:
      return rng.chance(0.3) ? { purpose: 'adhoc', ticket: `OPS-${rng.int(9000) + 1000}` } : undefined;
  }
}

function serviceContext(context: BenchContext, principal: BenchPrincipal): EncryptionContext | undefined {
  const { rng, world } = context;
  switch (principal.name) {
    case 's3.amazonaws.com':
      return s3Context(`data-${principal.account}`, `part-${rng.hex(10)}.parquet`);
    case 'ec2.amazonaws.com':
      return ebsContext(world.volumes[world.instanceZipf.sample(rng)]!);
    case 'secretsmanager.amazonaws.com':
      return secretsManagerContext(`arn:aws:secretsmanager:us-east-1:${principal.account}:secret:app/${rng.int(50)}-AbCdEf`);
    case 'dynamodb.amazonaws.com':
      return { 'aws:dynamodb:tableName': `table-${rng.int(40)}`, 'aws:dynamodb:subscriberId': principal.account };
    default:
      return undefined;
  }
}

function cryptoError(context: BenchContext, callerName: string, eventName: string, kmsKey: KmsKey): ApiError | undefined {
  const { rng } = context;
  if (!rng.chance(context.errorRate)) return undefined;
  return rng.weighted<() => ApiError>([
    [() => kmsAccessDenied(callerName, eventName, kmsKey.arn), 40],
    [() => (eventName === 'Decrypt' ? incorrectKey() : throttled()), 15],
    [() => (eventName === 'Decrypt' ? invalidCiphertext() : throttled()), 15],
    [() => kmsInvalidState(kmsKey.arn, 'pending deletion'), 10],
    [throttled, 20],
  ])();
}

export function kmsCryptoEvent(context: BenchContext, time: number): CloudTrailEvent {
  const { rng, world, probes } = context;
  const keyIndex = world.keyZipf.sample(rng);
  const kmsKey = world.keys[keyIndex]!;
  const eventName = rng.weighted(CRYPTO_CALLS);
  const enclaveIndex = (eventName === 'Decrypt' || eventName === 'GenerateDataKey' || eventName === 'GenerateRandom') && rng.chance(0.04) ? rng.int(world.enclaves.length) : -1;
  const enclave = world.enclaves[enclaveIndex];
  // Attested calls come from the enclave's parent session, not from a Zipf-picked caller.
  const principal = enclave ? undefined : pickPrincipal(context, kmsKey.account);
  const actor = principal ? principal.actor : world.enclaveActors[enclaveIndex]!;
  const callerName = principal ? principal.name : (actor.identity.arn ?? '');
  // A few callers name a key in another region than the endpoint they call.
  const region = rng.chance(0.01) ? (kmsKey.region === 'us-east-1' ? 'us-west-2' : 'us-east-1') : kmsKey.region;
  const call: Call = { rng, time, region, account: kmsKey.account, actor, error: cryptoError(context, callerName, eventName, kmsKey) };
  // Attested calls and GenerateRandom carry no context.
  const encryptionContext = principal && eventName !== 'GenerateRandom' ? contextFor(context, principal) : undefined;
  probes.onContext(encryptionContext);
  const use = { kmsKey, keyId: keyIdFor(rng, kmsKey, eventName), context: encryptionContext, enclave };
  if (eventName !== 'GenerateRandom') probes.onKeyUse(keyIndex, eventName, callerName);
  switch (eventName) {
    case 'Decrypt':
      return decryptEvent(call, use);
    case 'GenerateDataKey':
      return generateDataKeyEvent(call, use);
    case 'Encrypt':
      return encryptEvent(call, use);
    case 'GenerateDataKeyWithoutPlaintext':
      return generateDataKeyWithoutPlaintextEvent(call, use, 32);
    case 'GenerateRandom':
      return generateRandomEvent(call, enclave);
    case 'ReEncrypt': {
      const destinationIndex = world.keyZipf.sample(rng);
      const destination = world.keys[destinationIndex]!;
      if (keyIndex !== 0) probes.onKeyUse(destinationIndex, eventName, callerName);
      return reEncryptEvent(call, { kmsKey, context: use.context }, { kmsKey: destination, keyId: keyReference(destination, 'keyArn'), context: use.context });
    }
  }
}
