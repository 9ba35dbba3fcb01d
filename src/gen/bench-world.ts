import type { Rng } from './rng.js';
import { ZipfSampler } from './zipf.js';
import { makeKmsKey, type KmsKey } from './kms-keys.js';
import { makeEnclave, type Enclave } from './enclave.js';
import { newAccessKeyId, newInstanceId, newSha384, newVolumeId } from './aws-ids.js';
import type { Actor } from './cloudtrail-event.js';
import { vpcEndpointActor } from './actors.js';
import { makeIamRole, roleSessionIdentity } from './identities.js';
import { NITRO_ENCLAVES_SDK } from './user-agents.js';
import { makeBenchPrincipal, makeRolePool, newBenchVpcEndpoint, PRINCIPALS_PER_ACCOUNT, type BenchPrincipal, type PrincipalKind } from './bench-principals.js';

/**
 * The benchmark's population: ~200 keys, ~5,000 principals and ~20,000 instances, each
 * drawn Zipf-style so a few are hot (the probes) and most are rare.
 */
export const BENCH_ACCOUNTS = ['111122223333', '444455556666', '777788889999', '123456789012'] as const;
export const BENCH_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;

const ALIAS_STEMS = ['payments', 'orders', 'ledger', 'sessions', 'tokens', 'reports', 'exports', 'ml-features', 'backups', 'customer-pii', 'billing', 'search', 'audit', 'media'];
const MANAGED_ALIASES = ['alias/aws/ebs', 'alias/aws/s3', 'alias/aws/lambda', 'alias/aws/secretsmanager'];

export interface BenchWorld {
  keys: KmsKey[];
  keyZipf: ZipfSampler;
  principalsByAccount: Map<string, BenchPrincipal[]>;
  /** IAM users and SSO sessions: who runs RunInstances in EBS chains. */
  launchersByAccount: Map<string, BenchPrincipal[]>;
  principalZipf: ZipfSampler;
  instances: string[];
  volumes: string[];
  instanceZipf: ZipfSampler;
  /** Enclaves run on instances outside the hot range so the instance probe stays clean. */
  enclaves: Enclave[];
  /** The parent instance's role session for each enclave. */
  enclaveActors: Actor[];
  /** Each account's alias/aws/ebs key. */
  ebsKeys: Map<string, KmsKey>;
  customerZipf: ZipfSampler;
  ipPool: string[];
}

function buildKeys(rng: Rng, count: number): KmsKey[] {
  return Array.from({ length: count }, (_, rank) => {
    const account = BENCH_ACCOUNTS[rank % BENCH_ACCOUNTS.length]!;
    const region = rank < 8 ? 'us-east-1' : rng.weighted([['us-east-1', 6], ['us-west-2', 2.5], ['eu-west-1', 1.5]] as const);
    const managed = rank >= 40 && rank < 40 + MANAGED_ALIASES.length * BENCH_ACCOUNTS.length;
    const aliases = managed ? [MANAGED_ALIASES[Math.floor((rank - 40) / BENCH_ACCOUNTS.length)]!] : rng.chance(0.75) ? [`alias/${ALIAS_STEMS[rank % ALIAS_STEMS.length]}-${rank}`] : [];
    return makeKmsKey(rng, account, region, { multiRegion: !managed && rng.chance(0.1), aliases });
  });
}

/** Public IPs: documentation ranges would be too small for thousands of callers; 100.64/10 is not routed either. */
function buildIpPool(rng: Rng, count: number): string[] {
  return Array.from({ length: count }, () => `100.${64 + rng.int(64)}.${rng.int(256)}.${1 + rng.int(254)}`);
}

function buildPrincipals(rng: Rng, instances: string[], ipPool: string[]): Map<string, BenchPrincipal[]> {
  const rolePools = new Map(BENCH_ACCOUNTS.map((account) => [account, makeRolePool(rng, account)]));
  const endpoints = new Map(BENCH_ACCOUNTS.map((account) => [account, newBenchVpcEndpoint(rng)]));
  const byAccount = new Map<string, BenchPrincipal[]>();
  const kindsPerAccount = BENCH_ACCOUNTS.map(() => rng.shuffle(PRINCIPALS_PER_ACCOUNT.flatMap(([kind, count]) => Array.from({ length: count }, (): PrincipalKind => kind))));
  let nextInstance = 0;
  // Hand out instance ids rank by rank across accounts, so hot sessions sit on hot instances.
  const built = BENCH_ACCOUNTS.map(() => [] as BenchPrincipal[]);
  const longest = Math.max(...kindsPerAccount.map((kinds) => kinds.length));
  for (let index = 0; index < longest; index++) {
    BENCH_ACCOUNTS.forEach((account, accountIndex) => {
      const kind = kindsPerAccount[accountIndex]![index];
      if (kind === undefined) return;
      const region = rng.pick(BENCH_REGIONS);
      const context = { rng, account, region, index, roles: rolePools.get(account)!, vpcEndpointId: endpoints.get(account)!, publicIp: () => rng.pick(ipPool), nextInstanceId: () => instances[nextInstance++]! };
      built[accountIndex]!.push(makeBenchPrincipal(kind, context));
    });
  }
  BENCH_ACCOUNTS.forEach((account, accountIndex) => byAccount.set(account, built[accountIndex]!));
  return byAccount;
}

export function buildBenchWorld(rng: Rng): BenchWorld {
  const instances = Array.from({ length: 20_000 }, () => newInstanceId(rng));
  const volumes = Array.from({ length: 20_000 }, () => newVolumeId(rng));
  const ipPool = buildIpPool(rng, 3_000);
  const keys = buildKeys(rng, 200);
  const principalsByAccount = buildPrincipals(rng, instances, ipPool);
  const approvedImage = newSha384(rng);
  const enclaves = Array.from({ length: 20 }, (_, index) => makeEnclave(rng, instances[5_000 + index * 37]!, { imageDigest: index === 19 ? undefined : approvedImage, withPcrs: index % 2 === 1 }));
  const enclaveRole = makeIamRole(rng, BENCH_ACCOUNTS[0], 'enclave-parent');
  const enclaveActors = enclaves.map((enclave, index) =>
    vpcEndpointActor(roleSessionIdentity(enclaveRole, enclave.parentInstanceId, newAccessKeyId(rng, true)), `10.9.0.${10 + index}`, NITRO_ENCLAVES_SDK, 'vpce-0e0c1a2b3c4d5e6f7'),
  );
  const ebsKeys = new Map(BENCH_ACCOUNTS.map((account) => [account, keys.find((kmsKey) => kmsKey.account === account && kmsKey.aliases[0] === 'alias/aws/ebs')!]));
  const launchersByAccount = new Map([...principalsByAccount].map(([account, principals]) => [account, principals.filter((principal) => principal.kind === 'user' || principal.kind === 'sso')]));
  return {
    launchersByAccount,
    enclaveActors,
    ebsKeys,
    keys,
    keyZipf: new ZipfSampler(keys.length, 0.8),
    principalsByAccount,
    principalZipf: new ZipfSampler(principalsByAccount.get(BENCH_ACCOUNTS[0])!.length, 0.7),
    instances,
    volumes,
    instanceZipf: new ZipfSampler(instances.length, 0.9),
    enclaves,
    customerZipf: new ZipfSampler(50_000, 1.0),
    ipPool,
  };
}
