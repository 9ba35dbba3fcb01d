import { describe, expect, it } from 'vitest';
import type { Chain, ChainEvent } from '../../../src/core/correlate/types.js';
import { chainTree } from '../../../src/core/export/chain-tree.js';

function event(uid: string, parent: string | null | undefined, time: string): ChainEvent {
  const link = parent ? { kind: 'instance' as const, value: `i-${uid}`, reason: 'same instance' } : null;
  return { seq: 0, uid, eventID: uid, eventTime: time, eventName: uid, principal: null, link, depth: 0, folded: false, parent };
}

function chain(events: ChainEvent[], rootUid: string | null): Chain {
  return { origin: { seq: 0, uid: 'origin', eventID: 'origin' }, root: rootUid ? { principal: 'p', eventID: rootUid, uid: rootUid } : null, events, missing: [], truncated: false };
}

describe('chainTree', () => {
  it('hangs the chain from its root, though the links point toward the marked event', () => {
    // The crawl grew from `origin`: run -> origin is stored on run, grant -> run on grant.
    const tree = chainTree(chain([
      event('run', 'origin', '1'), event('grant', 'run', '2'), event('origin', null, '3'), event('key', 'origin', '4'),
    ], 'run'));
    expect(tree.map((node) => [node.event.uid, node.depth, node.parent === null ? null : tree[node.parent]!.event.uid])).toEqual([
      ['run', 0, null], ['grant', 1, 'run'], ['origin', 1, 'run'], ['key', 2, 'origin'],
    ]);
    expect(tree.find((node) => node.event.uid === 'origin')!.link?.value).toBe('i-run');
  });

  it('lists members the links do not reach at the top level, never drops them', () => {
    const tree = chainTree(chain([event('origin', null, '1'), event('stray', undefined, '2')], null));
    expect(tree.map((node) => [node.event.uid, node.depth])).toEqual([['origin', 0], ['stray', 0]]);
  });
});
