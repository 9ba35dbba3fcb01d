import type { IndexDb } from '../index/open.js';
import { findEventSeq } from '../query/event-detail.js';
import { loadEventRows } from '../query/event-rows.js';
import { attribute, type AttributionMember } from './attribution.js';
import { crawl, type CrawlMember } from './crawl.js';
import { RawEvents } from './raw-events.js';
import type { Chain, ChainEvent, ChainOptions } from './types.js';

const DAY = 24 * 60 * 60 * 1000;

export const CHAIN_DEFAULTS: Required<ChainOptions> = { windowMs: 30 * DAY, maxEvents: 200, perValue: 20, maxHops: 6 };

/**
 * The chain of one event (by seq, uid or eventID): the events that share its
 * instance, volume, grant, request, enclave, session or temporary access key, in
 * time order, with the root named when the logs show it. Null when no such event.
 */
export function chainFor(db: IndexDb, id: string | number, options: ChainOptions = {}): Chain | null {
  const seq = findEventSeq(db, id);
  const origin = seq === null ? undefined : loadEventRows(db, [seq])[0];
  if (!origin) return null;
  const bounds = { ...CHAIN_DEFAULTS, ...options };
  const raws = new RawEvents(db);
  const { members, truncated } = crawl(db, raws, { time: origin.time, seq: origin.seq }, bounds);
  const facts: AttributionMember[] = loadEventRows(db, [...members.keys()]).map((row) => ({ row, ...raws.get(row.seq) }));
  facts.sort((a, b) => a.row.time - b.row.time || a.row.seq - b.row.seq);
  const { root, missing } = attribute(facts, origin);
  const uidOf = new Map(facts.map((fact) => [fact.row.seq, fact.row.uid]));
  const rootSeq = facts.find((fact) => fact.row.uid === root?.uid)?.row.seq ?? origin.seq;
  const depths = treeDepths(members, rootSeq);
  const events = facts.map(({ row, folded }): ChainEvent => {
    const member = members.get(row.seq)!;
    return {
      seq: row.seq, uid: row.uid, eventID: row.eventID, eventTime: row.eventTime, eventName: row.eventName,
      principal: row.principal, link: member.link, depth: depths.get(row.seq) ?? 0, folded,
      parent: member.parent === null ? null : uidOf.get(member.parent) ?? null, also: member.also,
    };
  });
  return { origin: { seq: origin.seq, uid: origin.uid, eventID: origin.eventID }, root, events, missing, truncated };
}

/** Distance of every member from `anchor` along the links the crawl followed (the indentation). */
function treeDepths(members: Map<number, CrawlMember>, anchor: number): Map<number, number> {
  const neighbours = new Map<number, number[]>();
  const connect = (a: number, b: number) => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const member of members.values()) {
    if (member.parent === null) continue;
    connect(member.seq, member.parent);
    connect(member.parent, member.seq);
  }
  const depths = new Map<number, number>([[anchor, 0]]);
  const queue = [anchor];
  for (let next = 0; next < queue.length; next++) {
    const seq = queue[next]!;
    for (const neighbour of neighbours.get(seq) ?? []) {
      if (depths.has(neighbour)) continue;
      depths.set(neighbour, depths.get(seq)! + 1);
      queue.push(neighbour);
    }
  }
  return depths;
}
