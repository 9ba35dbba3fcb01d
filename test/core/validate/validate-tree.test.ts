import { appendFileSync, cpSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isFullyVerified } from '../../../src/core/validate/summary.js';
import { validateTree } from '../../../src/core/validate/validate-tree.js';
import { makeTrail, problems, readGzipJson, statusOf, writeGzipJson } from './trail-helpers.js';

describe('validateTree on a generated signed trail', () => {
  it('finds every log file and digest valid, the chain intact and every signature verified', async () => {
    const trail = makeTrail({ hours: 4, logsPerHour: 3 });
    const report = await validateTree(trail.logs, { publicKeys: [trail.keys] });
    expect(problems(report)).toEqual([]);
    expect(report.files.map((file) => file.file).sort()).toEqual([...trail.logFiles, ...trail.digestFiles].sort());
    expect(report.summary).toMatchObject({ valid: 16, logFiles: 12, digests: 4, chainOk: true, signaturesChecked: 4 });
    expect(isFullyVerified(report.summary)).toBe(true);
  });

  it('without public keys checks hashes and the chain but says the signatures went unchecked', async () => {
    const trail = makeTrail();
    const report = await validateTree(trail.logs, {});
    expect(problems(report)).toEqual([]);
    expect(report.summary).toMatchObject({ signaturesChecked: 0, signaturesUnchecked: 3, chainOk: true });
    expect(statusOf(report, trail.digestFiles[0]!).reason).toContain('no public keys supplied');
    expect(isFullyVerified(report.summary)).toBe(false);
  });

  it('reports each kind of tampering against the right file', async () => {
    const trail = makeTrail({ hours: 6, logsPerHour: 3 });
    const at = (relative: string) => path.join(trail.logs, relative);
    const [altered, deleted, appended] = [trail.logFiles[4]!, trail.logFiles[7]!, trail.logFiles[16]!];
    writeGzipJson(at(altered), { Records: [{ eventName: 'Decrypt', note: 'rewritten by an attacker' }] });
    rmSync(at(deleted));
    appendFileSync(at(appended), gzipSync(Buffer.from('{"Records":[{"eventName":"ScheduleKeyDeletion"}]}')));
    const injected = 'AWSLogs/111122223333/CloudTrail/us-east-2/2024/03/01/111122223333_CloudTrail_us-east-2_20240301T0410Z_InjectedInjected.json.gz';
    writeGzipJson(at(injected), { Records: [] });
    const digest1 = readGzipJson(at(trail.digestFiles[1]!));
    writeFileSync(at(trail.digestFiles[1]!), gzipSync(Buffer.from(JSON.stringify(digest1, null, 2))));
    rmSync(at(trail.digestFiles[3]!));

    const report = await validateTree(trail.logs, { publicKeys: [trail.keys] });

    expect(problems(report).sort()).toEqual(
      [
        `modified ${altered}`,
        `missing ${deleted}`,
        `modified ${appended}`,
        `not-covered ${injected}`,
        `digest-modified ${trail.digestFiles[1]}`,
        `digest-missing ${trail.digestFiles[3]}`,
        // Its signature travelled in the missing digest.
        `unverifiable ${trail.digestFiles[2]}`,
        // Only the missing digest listed these.
        ...trail.logFiles.slice(9, 12).map((file) => `unverifiable ${file}`),
      ].sort(),
    );
    expect(statusOf(report, appended).reason).toMatch(/appended after the end of the first gzip member/);
    expect(statusOf(report, altered).digest).toBe(trail.digestFiles[1]);
    // The digest's event-time range for the lost file tells the responder which events are gone.
    const listing = (readGzipJson(at(trail.digestFiles[2]!))['logFiles'] as Record<string, string>[]).find(
      (entry) => entry['s3Object'] === deleted,
    );
    expect(statusOf(report, deleted)).toMatchObject({
      digest: trail.digestFiles[2],
      oldestEventTime: listing?.['oldestEventTime'],
      newestEventTime: listing?.['newestEventTime'],
    });
    expect(listing?.['oldestEventTime']).toMatch(/^2024-03-01T02:/);
    expect(statusOf(report, injected).digest).toBe(trail.digestFiles[4]);
    expect(statusOf(report, trail.digestFiles[3]!).digest).toBe(trail.digestFiles[4]);
    expect(statusOf(report, trail.digestFiles[2]!).reason).toContain('the next digest, which carries its signature, is not in the local copy');
    expect(report.summary.chainOk).toBe(false);
  });

  it('catches a rewritten newest digest only through its signature', async () => {
    const trail = makeTrail();
    const newest = path.join(trail.logs, trail.digestFiles[2]!);
    const digest = readGzipJson(newest);
    // Hide the last log file: drop it from the digest and delete it.
    const logFiles = digest['logFiles'] as { s3Object: string }[];
    const hidden = logFiles.pop()!;
    rmSync(path.join(trail.logs, hidden.s3Object));
    writeGzipJson(newest, digest);

    const unsigned = await validateTree(trail.logs, {});
    expect(problems(unsigned)).toEqual([]);
    const signed = await validateTree(trail.logs, { publicKeys: [trail.keys] });
    expect(problems(signed)).toEqual([`signature-invalid ${trail.digestFiles[2]}`]);
  });

  it('reports the newest digest unverifiable when its signature sidecar is absent, and says how to supply it', async () => {
    const trail = makeTrail({ signatureSidecar: false });
    const report = await validateTree(trail.logs, { publicKeys: [trail.keys] });
    expect(problems(report)).toEqual([`unverifiable ${trail.digestFiles[2]}`]);
    expect(statusOf(report, trail.digestFiles[2]!).reason).toMatch(/head-object.*\.json\.gz\.sig/);
    expect(report.summary).toMatchObject({ signaturesChecked: 2, signaturesUnchecked: 1 });
  });

  it('accepts head-object JSON as the sidecar and rejects a signature made with another key', async () => {
    const trail = makeTrail();
    const sidecar = path.join(trail.logs, `${trail.digestFiles[2]}.sig`);
    writeFileSync(sidecar, JSON.stringify({ Metadata: { signature: trail.signatures[2], 'signature-algorithm': 'SHA256withRSA' } }));
    expect(problems(await validateTree(trail.logs, { publicKeys: [trail.keys] }))).toEqual([]);
    writeFileSync(sidecar, trail.signatures[1]!);
    const report = await validateTree(trail.logs, { publicKeys: [trail.keys] });
    expect(problems(report)).toEqual([`signature-invalid ${trail.digestFiles[2]}`]);
  });

  it('says which key is missing when no supplied key has the digest fingerprint', async () => {
    const trail = makeTrail();
    const other = makeTrail({ privateKey: undefined, hours: 1 });
    const report = await validateTree(trail.logs, { publicKeys: [other.keys] });
    expect(report.files.filter((file) => file.kind === 'digest').map((file) => file.status)).toEqual(['unverifiable', 'unverifiable', 'unverifiable']);
    expect(statusOf(report, trail.digestFiles[0]!).reason).toContain(`no public key with fingerprint ${trail.fingerprint}`);
  });

  it('validates the organization-trail layout under an S3 prefix', async () => {
    const trail = makeTrail({ organizationId: 'o-exampleorgid', prefix: 'audit/cloudtrail' });
    expect(trail.digestFiles[0]).toMatch(/^audit\/cloudtrail\/AWSLogs\/o-exampleorgid\/111122223333\/CloudTrail-Digest\//);
    const report = await validateTree(trail.logs, { publicKeys: [trail.keys] });
    expect(problems(report)).toEqual([]);
    expect(report.summary.valid).toBe(9);
  });

  it('validates a directory below AWSLogs/, reporting paths relative to it', async () => {
    const trail = makeTrail();
    const account = path.join(trail.logs, 'AWSLogs', '111122223333');
    const report = await validateTree(account, { publicKeys: [trail.keys] });
    expect(problems(report)).toEqual([]);
    expect(report.files.map((file) => file.file)).toContain(trail.logFiles[0]!.replace('AWSLogs/111122223333/', ''));
  });

  it('accepts a log file that was stored already decompressed (gzip is detected by content)', async () => {
    const trail = makeTrail();
    const file = path.join(trail.logs, trail.logFiles[0]!);
    writeFileSync(file, JSON.stringify(readGzipJson(file)));
    const report = await validateTree(trail.logs, {});
    expect(statusOf(report, trail.logFiles[0]!).status).toBe('valid');
  });

  it('flags a chain that restarts (validation was off) and leaves the uncovered hours unverifiable', async () => {
    const trail = makeTrail({ hours: 2 });
    const later = makeTrail({ hours: 2, start: '2024-03-01T05:00:31Z' });
    // Put the second chain in the same tree, as if logging restarted three hours later.
    cpSync(later.logs, trail.logs, { recursive: true });
    const gapLog = 'AWSLogs/111122223333/CloudTrail/us-east-2/2024/03/01/111122223333_CloudTrail_us-east-2_20240301T0300Z_DeliveredWhileOff.json.gz';
    writeGzipJson(path.join(trail.logs, gapLog), { Records: [] });
    const report = await validateTree(trail.logs, {});
    expect(problems(report)).toEqual([`unverifiable ${gapLog}`]);
    expect(report.summary.chainOk).toBe(false);
    expect(statusOf(report, later.digestFiles[0]!).reason).toContain('chain restarted');
  });

  it('never writes into the directory it validates', async () => {
    const trail = makeTrail();
    const before = snapshot(trail.logs);
    await validateTree(trail.logs, { publicKeys: [trail.keys] });
    expect(snapshot(trail.logs)).toEqual(before);
  });
});

function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((entry) => String(entry))
    .sort()
    .map((entry) => `${entry} ${statSync(path.join(dir, entry)).mtimeMs}`);
}
