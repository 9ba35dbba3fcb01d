import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { chainCommand } from '../../src/cli/commands/chain-command.js';
import { grantsCommand } from '../../src/cli/commands/grants-command.js';
import type { Command } from '../../src/cli/command.js';
import { copyInto, makeScratch, recordsFile, type Scratch } from '../helpers/temp-index.js';

const SEED_000 = 'test/fixtures/seeds/000-ebs-flow.json';
const DECRYPT = 'edb65380-0a3e-4123-bbc8-3d1b7cff49b0';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let scratch: Scratch;
afterEach(() => scratch.cleanup());

async function run(command: Command, positionals: string[], options: Record<string, string | boolean> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await command.run(positionals, { db: scratch.dbPath, ...options }, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

async function indexSeed000(): Promise<void> {
  scratch = makeScratch();
  copyInto(scratch, SEED_000, '000.json');
  (await scratch.index()).db.close();
}

describe('keytrail chain', () => {
  it('--json prints {root: {principal, eventID}, events: [{eventID, eventTime, eventName, principal, link: {kind, value, reason}}]}', async () => {
    await indexSeed000();
    const { code, stdout } = await run(chainCommand, [DECRYPT], { json: true });
    expect(code).toBe(0);
    const chain = JSON.parse(stdout) as { root: Record<string, unknown>; events: Array<Record<string, unknown>> };
    expect(chain.root).toMatchObject({ principal: 'arn:aws:iam::111122223333:user/Alice', eventID: 'cd75a605-2fee-4fda-b847-9c3d330ebaae' });
    expect(chain.events.map((event) => [event.eventID, event.eventTime, event.eventName, event.principal])).toEqual([
      ['cd75a605-2fee-4fda-b847-9c3d330ebaae', '2014-11-05T21:35:27Z', 'RunInstances', 'arn:aws:iam::111122223333:user/Alice'],
      ['ac3cab10-ce93-4953-9d62-0b6e5cba651d', '2014-11-05T21:35:32Z', 'GenerateDataKeyWithoutPlaintext', 'arn:aws:iam::111122223333:user/Alice'],
      ['c1ad79e3-0d3f-402a-b119-d5c31d7c6a6c', '2014-11-05T21:35:35Z', 'CreateGrant', 'arn:aws:iam::111122223333:user/Alice'],
      [DECRYPT, '2014-11-05T21:35:47Z', 'Decrypt', 'arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-81e2f56c'],
    ]);
    expect(chain.events[1]?.link).toEqual({ kind: 'volume', value: 'vol-f67bafb2', reason: 'same aws:ebs:id in encryption context' });
    expect(chain.events[3]?.link).toBeNull();
  });

  it('prints the root, then the timeline indented from it with each member\'s link', async () => {
    await indexSeed000();
    const { code, stdout } = await run(chainCommand, [DECRYPT]);
    expect(code).toBe(0);
    expect(stdout).toContain('Root: user/Alice (RunInstances cd75a605-2fee-4fda-b847-9c3d330ebaae)');
    expect(stdout).toMatch(/^2014-11-05T21:35:27Z RunInstances {2}user\/Alice {2}\[root\]$/m);
    expect(stdout).toMatch(/^ +via instance i-81e2f56c: same instance id in granteePrincipal$/m);
    expect(stdout).toMatch(/^ +also request 41c4b4f7-8bce-4773-bf0e-5ae3bb5cbce2: same requestID as RunInstances$/m);
    expect(stdout).toMatch(/Decrypt {2}assumed-role\/aws:ec2-infrastructure\/i-81e2f56c {2}\[origin\] \[folded\]$/m);
  });

  it('finds the event whatever the case of the id typed (a UUID copied in capitals)', async () => {
    await indexSeed000();
    const { code, stdout } = await run(chainCommand, [DECRYPT.toUpperCase()], { json: true });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { root: { eventID: string } }).root.eventID).toBe('cd75a605-2fee-4fda-b847-9c3d330ebaae');
  });

  it('says what is missing instead of naming a root', async () => {
    scratch = makeScratch();
    const records = (JSON.parse(readFileSync(SEED_000, 'utf8')) as { Records: Array<{ eventName: string }> }).Records;
    scratch.write('000.json', recordsFile(records.filter((event) => event.eventName !== 'RunInstances')));
    (await scratch.index()).db.close();
    const { stdout } = await run(chainCommand, [DECRYPT]);
    expect(stdout).toContain('Root: unknown');
    expect(stdout).toContain('Missing: no RunInstances for i-81e2f56c in the indexed logs');
    const json = JSON.parse((await run(chainCommand, [DECRYPT], { json: true })).stdout) as { root: unknown };
    expect(json.root).toBeNull();
  });

  it('exits 1 with a message for an unknown event id, escaping what was typed', async () => {
    await indexSeed000();
    const { code, stdout, stderr } = await run(chainCommand, ['nope\u001b[2J']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('keytrail chain: no event nope\\x1b[2J in the index\n');
  });

  it('never prints a log\'s control characters: names, principals and link values are escaped', async () => {
    scratch = makeScratch();
    const records = (JSON.parse(readFileSync(SEED_000, 'utf8')) as { Records: Array<Record<string, unknown>> }).Records;
    const hostile = records.map((event) => ({
      ...event,
      eventName: `${String(event.eventName)}\u001b]0;pwned\u0007`,
      userIdentity: { ...(event.userIdentity as object), arn: `arn:aws:iam::111122223333:user/Al\u009bice\u202e` },
    }));
    scratch.write('000.json', recordsFile(hostile));
    (await scratch.index()).db.close();
    const text = await run(chainCommand, [DECRYPT]);
    expect(text.stdout).toContain('\\x1b]0;pwned\\x07');
    expect(text.stdout).not.toMatch(CONTROL);
    expect(text.stdout).not.toContain('\u202e');
    const json = await run(chainCommand, [DECRYPT], { json: true });
    expect(json.stdout).not.toMatch(CONTROL);
    expect((JSON.parse(json.stdout) as { events: Array<{ eventName: string }> }).events[0]?.eventName).toBe('RunInstances\u001b]0;pwned\u0007');
  });
});

describe('keytrail grants', () => {
  it('lists the key\'s grant with grantee, constraint, creator and who used it', async () => {
    await indexSeed000();
    const { code, stdout } = await run(grantsCommand, ['alias/aws/ebs']);
    expect(code).toBe(0);
    expect(stdout).toContain('Grants of alias/aws/ebs: 1 (1 open), newest first');
    expect(stdout).toContain('abcde1237f76e4ba7987489ac329fbfba6ad343d6f7075dbd1ef191f0120514a  OPEN');
    expect(stdout).toMatch(/grantee +111122223333:aws:ec2-infrastructure:i-81e2f56c/);
    expect(stdout).toMatch(/constraints +aws:ebs:id=vol-f67bafb2 \(subset\)/);
    expect(stdout).toMatch(/used +1 call\(s\) by the grantee on this key: assumed-role\/aws:ec2-infrastructure\/i-81e2f56c \(1\)/);
    const [grant] = (await run(grantsCommand, ['1234abcd-12ab-34cd-56ef-1234567890ab'], { json: true })).stdout.trim().split('\n').map((line) => JSON.parse(line) as { status: string });
    expect(grant?.status).toBe('open');
  });

  it('says a key that is not in the index is not there (exit 1), instead of listing no grants', async () => {
    await indexSeed000();
    const { code, stdout, stderr } = await run(grantsCommand, ['alias/aws/eb']);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toBe('keytrail grants: alias/aws/eb names no key, alias or key id in this index\n');
  });
});
