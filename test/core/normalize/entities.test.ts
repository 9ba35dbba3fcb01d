import { describe, expect, it } from 'vitest';
import { EntitySet } from '../../../src/core/normalize/entities.js';
import { normalizeEvent } from '../../../src/core/normalize/normalize.js';
import { kmsEvent } from '../../helpers/temp-index.js';

describe('an event\'s entities', () => {
  it('are each kept once, in the order found, however many a record lists', () => {
    for (const count of [3, 32, 33, 500]) {
      const set = new EntitySet();
      const ids = Array.from({ length: count }, (_, n) => `i-${n.toString(16).padStart(17, '0')}`);
      for (const id of ids) set.add('instance', id);
      // Repeats of the first and last ones, and the same text under another kind, which is another entity.
      set.add('instance', ids[0]!);
      set.add('instance', ids[count - 1]!);
      set.add('volume', ids[0]!);
      set.add('volume', ids[0]!);
      expect(set.list).toEqual([...ids.map((value) => ({ kind: 'instance', value })), { kind: 'volume', value: ids[0] }]);
    }
  });

  it('of a record naming thousands of instances are all filterable, each once', () => {
    const instanceIds = Array.from({ length: 5_000 }, (_, n) => `i-${n.toString(16).padStart(17, '0')}`);
    const record = kmsEvent({ eventSource: 'ec2.amazonaws.com', eventName: 'TerminateInstances',
      requestParameters: { instancesSet: { items: [...instanceIds, ...instanceIds].map((instanceId) => ({ instanceId })) } } });
    const raw = JSON.stringify(record);
    const instances = normalizeEvent(JSON.parse(raw) as Record<string, unknown>, raw).entities.filter((entity) => entity.kind === 'instance');
    expect(instances.map((entity) => entity.value)).toEqual(instanceIds);
  });
});
