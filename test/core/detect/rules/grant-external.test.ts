import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { background, buildIndex, config, DAY, event, hitsOf, OTHER, PROD, T0, user, type TestIndex } from '../helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const at = T0 + 2 * DAY;
const grant = (grantee: string, grantId: string) => event({
  name: 'CreateGrant', time: at, identity: user('mallory'),
  request: { granteePrincipal: grantee, operations: ['Decrypt', 'GenerateDataKey'] }, response: { grantId },
});

describe('grant-external', () => {
  it('is high for a grant to another account that is never retired, and medium once it is retired', async () => {
    const created = grant(`arn:aws:iam::${OTHER}:role/exfil`, 'g-external');
    index = await buildIndex({ 'base.jsonl': background(), 'grant.jsonl': [created] });
    runDetections(index.db, config());
    const [open] = hitsOf(index.db, 'grant-external');
    expect(open).toMatchObject({ severity: 'high', eventIDs: [created.eventID] });
    expect(open!.reason).toMatch(new RegExp(`in account ${OTHER}, outside the key's account ${PROD}, Decrypt, GenerateDataKey .*never retired`));
    const retired = event({ name: 'RetireGrant', time: at + DAY / 2, identity: user('bob'), request: { grantId: 'g-external' } });
    await index.add('retire.jsonl', [retired]);
    runDetections(index.db, config());
    const [closed, ...rest] = hitsOf(index.db, 'grant-external');
    expect(rest).toEqual([]);
    expect(closed).toMatchObject({ id: open!.id, severity: 'medium', eventIDs: [created.eventID, retired.eventID] });
  });

  it('is medium for a grantee no account can be read from', async () => {
    index = await buildIndex({ 'base.jsonl': background(), 'grant.jsonl': [grant('EX_PRINCIPAL_ID', 'g-unknown')] });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'grant-external').map((hit) => [hit.severity, hit.title])).toEqual([['medium', 'Grant to an unknown grantee']]);
  });

  it('stays quiet for grants inside the account: EBS instance grants, roles, AWS services', async () => {
    const inside = [
      grant(`${PROD}:aws:ec2-infrastructure:i-81e2f56c`, 'g-ebs'),
      grant(`arn:aws:iam::${PROD}:role/app-server`, 'g-role'),
      grant('dynamodb.amazonaws.com', 'g-service'),
    ];
    index = await buildIndex({ 'base.jsonl': background(), 'grants.jsonl': inside });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'grant-external')).toEqual([]);
  });
});
