import { afterEach, describe, expect, it } from 'vitest';
import { runDetections } from '../../../../src/core/detect/engine.js';
import { background, buildIndex, config, DAY, event, hitsOf, T0, user, type TestIndex } from '../helpers.js';

let index: TestIndex | null = null;
afterEach(() => index?.close());

const at = T0 + 2 * DAY;

describe('key-material-import', () => {
  it('reports imported key material and custom key store changes', async () => {
    const prepare = event({ name: 'GetParametersForImport', time: at, identity: user('mallory') });
    const load = event({ name: 'ImportKeyMaterial', time: at + 60_000, identity: user('mallory') });
    const store = event({ name: 'CreateCustomKeyStore', time: at + 120_000, keyArn: null, identity: user('mallory'), response: { customKeyStoreId: 'cks-1234567890abcdef0' } });
    index = await buildIndex({ 'base.jsonl': background(), 'import.jsonl': [prepare, load, store] });
    runDetections(index.db, config());
    const hits = hitsOf(index.db, 'key-material-import');
    expect(hits.map((hit) => [hit.severity, hit.eventIDs[0]])).toEqual([['medium', store.eventID], ['medium', load.eventID], ['low', prepare.eventID]]);
    expect(hits[0]!.reason).toContain('cks-1234567890abcdef0');
  });

  it('ignores other key administration such as GetPublicKey and DescribeCustomKeyStores', async () => {
    const reads = [event({ name: 'GetPublicKey', time: at }), event({ name: 'DescribeCustomKeyStores', time: at + 1000, keyArn: null })];
    index = await buildIndex({ 'base.jsonl': background(), 'reads.jsonl': reads });
    runDetections(index.db, config());
    expect(hitsOf(index.db, 'key-material-import')).toEqual([]);
  });
});
