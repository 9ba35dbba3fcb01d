import { likePattern } from '../../query/value-resolve.js';
import { API_CALL } from '../../athena/event-columns.js';
import { patternLike } from '../../athena/rule-sql.js';
import { likeLiteral, sqlLiteral } from '../../athena/sql-text.js';
import { hitId, type TimedSeq } from '../hit-store.js';
import { matchesPattern, shortPrincipal } from '../names.js';
import type { DetectionContext, DetectionRule } from '../rule.js';
import { clusterByGap } from '../windows.js';
import { API_RECORD_SQL, HUMAN_CALL_SQL } from '../event-kinds.js';
import { textIdsLikeSql } from '../../index/text-sql.js';

/** Calls closer than this belong to one stretch of off-hours activity (one hit). */
const SESSION_GAP = 2 * 60 * 60_000;

interface Call extends TimedSeq {
  principal: string;
}

/** New calls by people (and the configured extra principals) outside business hours. Services never count. */
function newOffHoursCalls(context: DetectionContext): Call[] {
  const { alsoPrincipals, ignorePrincipals } = context.config.offHours;
  const extra = alsoPrincipals.length > 0
    ? `e.principal_id IN ${textIdsLikeSql(alsoPrincipals.length)}` : '';
  const calls = context.db.prepare(`SELECT e.seq AS seq, e.time AS time, e.principal AS principal FROM events e
    WHERE e.seq > ? AND e.seq <= ? AND e.time > 0 AND ${API_RECORD_SQL} AND e.principal_id IS NOT NULL AND (${HUMAN_CALL_SQL}${extra ? ` OR ${extra}` : ''})`)
    .all(context.fromSeq, context.toSeq, ...alsoPrincipals.map(likePattern)) as Call[];
  return calls.filter((call) => !context.businessHours.isBusinessTime(call.time) && !ignorePrincipals.some((pattern) => matchesPattern(pattern, call.principal)));
}

function addressesOf(context: DetectionContext, events: TimedSeq[]): string[] {
  return context.db.prepare('SELECT DISTINCT ip FROM events WHERE seq IN (SELECT value FROM json_each(?)) AND ip IS NOT NULL ORDER BY ip').pluck()
    .all(JSON.stringify(events.map((event) => event.seq))) as string[];
}

function saveStretch(context: DetectionContext, principal: string, stretch: TimedSeq[]): void {
  const ips = addressesOf(context, stretch);
  const from = context.businessHours.label(stretch[0]!.time);
  const to = context.businessHours.label(stretch[stretch.length - 1]!.time);
  const where = ips.length === 0 ? '' : ips.length === 1 ? `, from ${ips[0]}` : `, from ${ips[0]} and ${ips.length - 1} more address(es)`;
  context.hits.replace(hitId('off-hours', principal, stretch[0]!.time), (span) => ({
    rule: 'off-hours', group: principal, severity: 'low', title: 'Activity outside business hours',
    reason: `${shortPrincipal(principal)} made ${span.events} call(s) outside business hours (${from} to ${to}, ${context.config.timeZone})${where}.`,
    principal, keyRef: null, ip: ips.length === 1 ? ips[0]! : null,
  }), stretch);
}

/** Merges a principal's new off-hours calls with its nearby stretches and rewrites them. */
function reviewPrincipal(context: DetectionContext, principal: string, calls: TimedSeq[]): void {
  const from = calls[0]!.time - SESSION_GAP;
  const to = calls[calls.length - 1]!.time + SESSION_GAP;
  const old = context.fresh ? [] : context.hits.inGroup('off-hours', principal, from, to);
  const merged = new Map(calls.map((call) => [call.seq, call]));
  for (const hit of old) {
    for (const event of context.hits.eventsOf(hit.id)) merged.set(event.seq, event);
    context.hits.delete(hit.id);
  }
  const sorted = [...merged.values()].sort((a, b) => a.time - b.time || a.seq - b.seq);
  for (const stretch of clusterByGap(sorted, SESSION_GAP)) saveStretch(context, principal, stretch);
}

export const offHours: DetectionRule = {
  id: 'off-hours',
  title: 'Activity outside business hours',
  severity: 'low',
  summary: 'people (users, root, SSO and console sessions) active outside business hours in the configured time zone; services and workload roles never',
  run(context) {
    const byPrincipal = new Map<string, TimedSeq[]>();
    for (const call of newOffHoursCalls(context)) {
      const list = byPrincipal.get(call.principal) ?? [];
      list.push({ seq: call.seq, time: call.time });
      byPrincipal.set(call.principal, list);
    }
    for (const [principal, calls] of byPrincipal) reviewPrincipal(context, principal, calls.sort((a, b) => a.time - b.time || a.seq - b.seq));
  },
  athena({ config }) {
    const { timeZone, businessHours, offHours: extra } = config;
    const days = businessHours.days.map((day) => ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(day) + 1).join(', ');
    const local = `(event_time AT TIME ZONE ${sqlLiteral(timeZone)})`;
    const minute = `hour(${local}) * 60 + minute(${local})`;
    const [start, end] = [businessHours.start, businessHours.end].map((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)));
    const people = [`actor = 'human'`, ...extra.alsoPrincipals.map((pattern) => `lower(principal) LIKE ${likeLiteral(pattern)} ESCAPE '\\'`)].join(' OR ');
    const ignored = extra.ignorePrincipals.map((pattern) => ` AND NOT ${patternLike('principal', pattern)}`).join('');
    // One row per call; keytrail groups a principal's calls less than two hours apart into one hit.
    return {
      ctes: [],
      select: `SELECT principal, eventtime, ${local} AS local_time, eventname, sourceipaddress, ARRAY[eventid] AS eventids
FROM events
WHERE ${API_CALL} AND event_time IS NOT NULL AND principal IS NOT NULL AND (${people})${ignored}
  AND NOT (${days.length > 0 ? `day_of_week(${local}) IN (${days})` : 'false'} AND ${minute} >= ${start} AND ${minute} < ${end})
ORDER BY principal, eventtime`,
    };
  },
};
