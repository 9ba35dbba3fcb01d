import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { defaultDetectionConfig } from '../../../../src/core/detect/config.js';
import { background, buildIndex, config, DAY, event, hitsOf, KEY_ID, OTHER_KEY_ARN, roleSession, T0, user, type TestIndex } from '../helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const at = T0 + 2 * DAY;

describe('new-principal-for-key', () => {
  it('reports a principal using a key for the first time after the learning window', async () => {
    const calls = [event({ name: 'Decrypt', time: at, identity: user('bob'), ip: '198.51.100.11' }), event({ name: 'GenerateDataKey', time: at + 5000, identity: user('bob'), ip: '198.51.100.11' })];
    index = await buildIndex({ 'base.jsonl': background(), 'bob.jsonl': calls });
    runDetections(index.db, config());
    const [hit] = hitsOf(index.db, 'new-principal-for-key');
    expect(hit).toMatchObject({ severity: 'low', principal: 'arn:aws:iam::111122223333:user/bob' });
    expect(hit!.key).toContain(KEY_ID);
    expect(hit!.reason).toMatch(/2 call\(s\) so far \(Decrypt ×1, GenerateDataKey ×1\)/);
  });

  it('stays quiet for a new session of a known role, a key first used after learning, and allow-listed principals', async () => {
    const calls = [
      event({ name: 'Decrypt', time: at, identity: roleSession('app-server', 'i-0brandnew'), ip: '10.0.0.5' }),
      event({ name: 'Decrypt', time: at, identity: user('bob'), keyArn: OTHER_KEY_ARN }),
      event({ name: 'Decrypt', time: at, identity: user('carol') }),
    ];
    index = await buildIndex({ 'base.jsonl': background(), 'calls.jsonl': calls });
    const allow = { ...defaultDetectionConfig().allow, principalsPerKey: { [KEY_ID]: ['arn:aws:iam::111122223333:user/car*'] } };
    runDetections(index.db, { ...defaultDetectionConfig(), allow });
    expect(hitsOf(index.db, 'new-principal-for-key')).toEqual([]);
  });
});
