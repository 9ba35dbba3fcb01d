import type { StoryManifest } from './manifest.js';

/** sample-logs/README.md, written from the manifest so its numbers and ids never drift. */

const count = (ids: unknown): number => (Array.isArray(ids) ? ids.length : 1);

function layout(manifest: StoryManifest): string {
  const { files } = manifest;
  return `## What is in this directory

| path | what | count |
|---|---|---|
| \`AWSLogs/${manifest.accounts.prod}/CloudTrail/<region>/YYYY/MM/DD/*.json.gz\` | prod's own trail \`prod-audit\`, the whole window | ${files.s3Records.accountTrailFiles} files |
| \`AWSLogs/${manifest.organization.id}/<account>/CloudTrail/...\` | the organization trail: the data account for the whole window, prod for 2026-11-21 00:00-06:00 UTC only | ${files.s3Records.organizationTrailFiles} files |
| \`${files.cloudWatchJsonl.path}\` | CloudWatch Logs export (JSON Lines) of the org trail's log group, prod KMS events ${files.cloudWatchJsonl.from} to ${files.cloudWatchJsonl.to} | ${files.cloudWatchJsonl.lines} lines, ${files.cloudWatchJsonl.alsoInS3Tree} also in the S3 tree |
| \`${files.lookupEvents.path}\` | \`aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=deploy-bot\` in us-east-1 | ${files.lookupEvents.events} events, ${files.lookupEvents.alsoInS3Tree} also in the S3 tree |
| \`STORY.json\` | machine-readable manifest of everything below (for tests) | |

The S3 tree holds ${files.s3Records.records} records, ${files.s3Records.uniqueEventIds} distinct eventIDs (prod events of the incident night
arrive twice: account trail + org trail). Across all sources there are ${files.uniqueEventIdsAllSources} distinct events. Records inside a
file are not sorted; files group one account/region per 5-15 minute delivery window.
`;
}

/** The 02:19 row: how many of the Decrypts carry the seed customer, counted from the events' ids. */
function contextDecryptsText(manifest: StoryManifest): string {
  const { context, eventIds } = manifest.encryptionContextCase;
  const decrypts = manifest.incident.eventIds.contextDecrypts;
  const seed = decrypts.filter((id) => eventIds.duringIncident.includes(id)).length;
  const others = decrypts.length - seed;
  return `Successful Decrypts under alias/${context.department} with department=${context.department}: ${seed} with customerId=${context.customerId}`
    + `${others > 0 ? `, ${others} with another customer` : ''} (\`contextDecrypts\`)`;
}

function timeline(manifest: StoryManifest): string {
  const ids = manifest.incident.eventIds;
  const rows: [string, string, number][] = [
    ['01:58', 'GetCallerIdentity with deploy-bot\'s key from 203.0.113.66, boto3 on Kali (`callerIdentity`)', count(ids.callerIdentity)],
    ['01:59', 'IAM recon: GetUser, then ListAttachedUserPolicies/ListUsers/ListRoles denied (`iamRecon`)', count(ids.iamRecon)],
    ['02:01', 'KMS recon: ListKeys/ListAliases in three regions, DescribeKey, GetKeyPolicy, ListGrants (`kmsRecon`)', count(ids.kmsRecon)],
    ['02:14', 'Decrypt burst on alias/payments: AccessDeniedException, IncorrectKeyException, InvalidCiphertextException within 5 min (`decryptFailureBurst`)', count(ids.decryptFailureBurst)],
    ['02:19', contextDecryptsText(manifest), count(ids.contextDecrypts)],
    ['02:25-03:14', 'GenerateDataKey flood on alias/prod-data (`dataKeyFlood`)', count(ids.dataKeyFlood)],
    ['02:51', 'Unrelated or not: an enclave with an unknown image digest decrypts under alias/tokenization', 1],
    ['03:18', 'PutKeyPolicy on the prod-data key: account 999988887777 may use it (`policyChange`)', count(ids.policyChange)],
    ['03:20', 'CreateGrant on the prod-data key to `arn:aws:iam::999988887777:role/exfil-runner`, never retired (`externalGrant`)', count(ids.externalGrant)],
    ['03:24-03:34', 'Decrypt from account 999988887777 (type AWSAccount) from 203.0.113.70 (`crossAccountDecrypt`)', count(ids.crossAccountDecrypt)],
    ['03:36', 'DisableKeyRotation on the prod-data key (`rotationDisabled`)', count(ids.rotationDisabled)],
    ['03:39', 'ScheduleKeyDeletion of alias/payments\' key, 7 days; the payments app starts failing (`keyDeletionScheduled`)', count(ids.keyDeletionScheduled)],
    ['03:42', 'PutEventSelectors on prod-audit excluding kms.amazonaws.com (`trailTampering`)', count(ids.trailTampering)],
    ['03:48', 'EC2 enumeration in us-west-2, inside the account trail\'s delivery gap (`duringDeliveryGap`)', count(ids.duringDeliveryGap)],
    ['03:55-04:40', 'ListGrants, more data keys and cross-account Decrypts, invisible in the account trail (`afterTampering`)', count(ids.afterTampering)],
  ];
  return rows.map(([time, what, events]) => `| ${time} | ${what} | ${events} |`).join('\n');
}

export function storyReadme(manifest: StoryManifest): string {
  const { incident, keys } = manifest;
  const keyRows = keys.map((key) => `| ${key.name} | ${key.aliases.map((alias) => `\`${alias}\``).join(', ')} | \`${key.arn}\` | ${key.note ?? ''} |`).join('\n');
  return `# keytrail sample logs

Generated by \`${manifest.generator.script}\` (seed ${manifest.generator.seed}); regenerate with \`${manifest.generator.command}\`.
Do not edit by hand: \`test/gen/sample-logs.test.ts\` regenerates the tree and compares it (text byte for byte, .gz by content).
Everything is synthetic; accounts, IPs (TEST-NET, 198.18/15) and ids are made up.

${layout(manifest)}
## The story

Window ${manifest.window.from} to ${manifest.window.to}. Prod account ${manifest.accounts.prod}, data account
${manifest.accounts.data} (both in organization ${manifest.organization.id}), regions ${manifest.regions.join(', ')}.
Business hours are **Europe/Amsterdam 08:00-18:00, Monday-Friday** (UTC+1 in November: 07:00-17:00 UTC).
2026-11-21 is a Saturday.

Background, all three days: the payments service (\`assumed-role/app-server/i-...\`, instance-profile sessions)
decrypts customer records under alias/payments around the clock with \`customerId=cust-NNNNN\` contexts; EBS, S3,
Lambda, Secrets Manager and DynamoDB call KMS on callers' behalf (\`invokedBy\`, \`AWS Internal\`, type AWSService);
a Nitro enclave app (seed 001) uses alias/tokenization; a monitoring vendor (account ${manifest.accounts.monitoringVendor},
type AWSAccount) crawls every hour; alice (\`user/alice\`) and bob (\`${manifest.principals.bob}\`) work
business hours; deploy-bot runs a few deploys a day from the CI runner ${incident.baseline.ip}. In the data account an ETL job
reads SSE-KMS objects at night and also reads prod's alias/prod-data key across accounts; carol works days; someone used
the data account's root user on Thursday.

Seeded cases:
- **EBS chain (seed 000)**: alice's RunInstances in us-west-2 -> GenerateDataKeyWithoutPlaintext (\`aws:ebs:id\`) ->
  CreateGrant to \`${manifest.accounts.prod}:aws:ec2-infrastructure:${manifest.ebsChain.instanceId}\` with the RunInstances requestID -> Decrypt by
  \`assumed-role/aws:ec2-infrastructure/${manifest.ebsChain.instanceId}\` (volume ${manifest.ebsChain.volumeId}).
- **Missing link**: the same chain for ${manifest.missingLinkChain.instanceId}, launched by bob on Friday; its RunInstances is in no log.
- **Enclaves (seed 001)**: two parents run one approved image (old-style fields on one, PCR fields on the other);
  at 02:51 on Saturday one Decrypt comes with digest \`${manifest.enclave.unknownImageDigest.slice(0, 16)}...\`.
- **Encryption context (seed 002)**: \`${manifest.encryptionContextCase.filter}\` with department=finance under alias/finance:
  alice by hand, a nightly batch, and the attacker during the incident.
- **Aliases**: alias/reports is called (NotFoundException, no resources[]) minutes before alice creates it, then repointed from
  key V1 to V2 by UpdateAlias on Friday; alias/exports is a second alias of the prod-data key; alias/aws/ebs and alias/aws/lambda
  are AWS managed (no CreateAlias). The sessions key is multi-Region and is mostly named by its \`mrk-\` id.

### The incident (2026-11-21, UTC)

| time | what (STORY.json \`incident.eventIds.*\`) | events |
|---|---|---|
${timeline(manifest)}

Then: the prod account trail has no KMS events from ${incident.trail.kmsExcludedFrom} to ${incident.trail.kmsRestoredAt}, and no events at
all for us-west-2 from ${incident.deliveryGap.from} to ${incident.deliveryGap.to}. The org trail copy (to 06:00) and the two exports still
show what happened. On Saturday morning bob restores the event selectors, cancels the deletion, re-enables the key
and deactivates deploy-bot's access key (\`remediation.eventIds\`), but leaves the grant and the policy statement in place.

## Questions a responder should be able to answer

1. **Who?** \`${incident.principal}\` with access key \`${incident.accessKeyId}\`, not from its CI runner.
2. **From where?** ${incident.attackerIp} (never seen before for this principal or these keys), user agent boto3 on Kali; the
   external account's calls come from ${incident.externalIp}.
3. **Which keys?** alias/payments (\`${incident.keys.decryptFailures}\`): failed decrypts, then scheduled deletion;
   alias/prod-data (\`${incident.keys.dataKeyFlood}\`): data-key flood, policy change, external grant, cross-account decrypts,
   rotation off; alias/finance: decrypts of cust-98765's finance records.
4. **When?** ${incident.window.from} to ${incident.window.to}, at night, outside business hours.
5. **What happened next?** The payments app failed (\`fallout\`), KMS vanished from the account trail, us-west-2 went
   quiet; bob fixed part of it. Still open: ${manifest.remediation.stillOpen.join('; ')}.
6. **Which customer data?** \`${manifest.encryptionContextCase.filter}\`.
7. **Why does ${manifest.ebsChain.instanceId} decrypt with the EBS key?** Its chain leads back to alice's RunInstances; the
   missing-link chain stops at bob's CreateGrant.

## Keys

| name | aliases | key ARN | note |
|---|---|---|---|
${keyRows}
`;
}
