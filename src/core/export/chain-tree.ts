import type { Chain, ChainEvent, ChainLink } from '../correlate/types.js';

/** A chain member placed in the tree the note draws: its depth and the member it hangs under. */
export interface ChainNode {
  event: ChainEvent;
  depth: number;
  /** Index in the node list of the member above, or null at the top. */
  parent: number | null;
  /** The value shared with that member. */
  link: ChainLink | null;
}

/**
 * The chain as a tree hung from its root (the human or role who started it), each
 * member under the member it shares a value with, siblings in time order. Members
 * link to each other by `parent` uid; the crawl grew from the marked event, so some
 * links are walked backwards, which is why the tree is rebuilt rather than read off.
 */
export function chainTree(chain: Chain): ChainNode[] {
  const byUid = new Map(chain.events.map((event) => [event.uid, event]));
  const neighbours = new Map<string, Array<{ uid: string; link: ChainLink | null }>>();
  const connect = (from: string, to: string, link: ChainLink | null) => neighbours.set(from, [...(neighbours.get(from) ?? []), { uid: to, link }]);
  for (const event of chain.events) {
    if (!event.parent || !byUid.has(event.parent)) continue;
    connect(event.parent, event.uid, event.link);
    connect(event.uid, event.parent, event.link);
  }
  const order = new Map(chain.events.map((event, index) => [event.uid, index]));
  const nodes: ChainNode[] = [];
  const placed = new Set<string>();
  const visit = (uid: string, depth: number, parent: number | null, link: ChainLink | null) => {
    placed.add(uid);
    const index = nodes.push({ event: byUid.get(uid)!, depth, parent, link }) - 1;
    const next = (neighbours.get(uid) ?? []).filter((item) => !placed.has(item.uid)).sort((a, b) => order.get(a.uid)! - order.get(b.uid)!);
    for (const item of next) if (!placed.has(item.uid)) visit(item.uid, depth + 1, index, item.link);
  };
  const top = chain.root && byUid.has(chain.root.uid) ? chain.root.uid : chain.origin.uid;
  if (byUid.has(top)) visit(top, 0, null, null);
  // Members the links do not reach (a chain built without parents): listed flat, never dropped.
  for (const event of chain.events) if (!placed.has(event.uid)) visit(event.uid, 0, null, event.link);
  return nodes;
}
