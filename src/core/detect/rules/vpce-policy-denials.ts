import { isIP } from 'node:net';
import { text } from '../../normalize/fields.js';
import { EVENT_KIND, SUBJECT } from '../../athena/event-columns.js';
import { burstCtes } from '../../athena/rule-sql.js';
import { sqlLiteral } from '../../athena/sql-text.js';
import { anchoredEvents, rawRecords } from '../event-access.js';
import { NETWORK_ACTIVITY, NETWORK_ACTIVITY_SQL, VPCE_DENIED } from '../event-kinds.js';
import { hitId, type TimedSeq } from '../hit-store.js';
import { countsText, formatDuration, shortKey, shortPrincipal, SUBJECT_ID_SQL } from '../names.js';
import { principalAccount } from '../../normalize/identity.js';
import { TEXT_ID_OF_PARAM, textIdSql, textOfSql } from '../../index/text-sql.js';
import type { DetectionContext, DetectionRule } from '../rule.js';
import { slidingBursts } from '../windows.js';

/** Who sent a refused request: the principal (a workload's role), else the address when the record names nobody. */
const SOURCE_ID_SQL = `coalesce(${SUBJECT_ID_SQL}, e.ip_id)`;
// Both columns may be null: `=`, not IS (a text the index lacks is a null id, which equals nothing).
const DENIED_KMS = `e.error_code_id = ${textIdSql(VPCE_DENIED)} AND e.source_id = ${textIdSql('kms.amazonaws.com')}`;

interface Touched {
  source: string;
  first: number;
  last: number;
}

/** Sources with KMS requests an endpoint policy refused among this run's events. */
function touchedSources(context: DetectionContext): Touched[] {
  return context.db.prepare(`SELECT ${textOfSql('g.source')} AS source, g.first AS first, g.last AS last
    FROM (SELECT ${SOURCE_ID_SQL} AS source, min(e.time) AS first, max(e.time) AS last FROM events e
      WHERE e.seq > ? AND e.seq <= ? AND e.time > 0 AND ${NETWORK_ACTIVITY_SQL} AND ${DENIED_KMS} AND ${SOURCE_ID_SQL} IS NOT NULL
      GROUP BY 1) g`).all(context.fromSeq, context.toSeq) as Touched[];
}

function denialsOf(context: DetectionContext, source: string, from: number, to: number): TimedSeq[] {
  return anchoredEvents(context, {
    anchors: [{ kinds: ['error'], value: VPCE_DENIED }, { kinds: ['role', 'principal', 'ip'], value: source }],
    where: `${DENIED_KMS} AND ${SOURCE_ID_SQL} = ${TEXT_ID_OF_PARAM}`, params: [source], since: from, until: to, records: 'network-activity',
  });
}

interface BurstFacts {
  names: string;
  keys: Array<string | null>;
  ips: string[];
  endpoints: string[];
  /** The account the endpoint belongs to (vpcEndpointAccountId, else the recipient account). */
  owners: string[];
}

function factsOf(context: DetectionContext, burst: TimedSeq[]): BurstFacts {
  const seqs = JSON.stringify(burst.map((event) => event.seq));
  const rows = context.db.prepare('SELECT seq, name, key_ref AS keyRef, ip, account FROM events WHERE seq IN (SELECT value FROM json_each(?))')
    .all(seqs) as Array<{ seq: number; name: string | null; keyRef: string | null; ip: string | null; account: string | null }>;
  const records = rawRecords(context, rows.map((row) => row.seq));
  const distinct = <T>(values: T[]): T[] => [...new Set(values)];
  return {
    names: countsText(rows.map((row) => row.name)),
    keys: distinct(rows.map((row) => row.keyRef)),
    ips: distinct(rows.flatMap((row) => (row.ip ? [row.ip] : []))),
    endpoints: distinct(rows.flatMap((row) => text(records.get(row.seq)?.vpcEndpointId) ?? [])).sort(),
    owners: distinct(rows.flatMap((row) => text(records.get(row.seq)?.vpcEndpointAccountId) ?? row.account ?? [])),
  };
}

function describe(context: DetectionContext, source: string, burst: TimedSeq[]) {
  const facts = factsOf(context, burst);
  const principal = isIP(source) === 0 ? source : null;
  const caller = principalAccount(principal);
  const outsider = caller !== null && facts.owners.length > 0 && !facts.owners.includes(caller) && !context.config.allow.accounts.includes(caller);
  const named = facts.keys.filter((key): key is string => key !== null);
  const keyRef = facts.keys.length === 1 ? named[0] ?? null : null;
  const where = facts.endpoints.length === 0 ? 'a VPC endpoint' : `VPC endpoint ${facts.endpoints.join(', ')}`;
  const onWhat = keyRef ? ` on ${shortKey(context.keys, keyRef)}` : named.length > 1 ? ` on ${named.length} keys` : '';
  const who = principal ? shortPrincipal(principal) : `a caller at ${source}`;
  return {
    rule: 'vpce-policy-denials' as const, group: source, severity: outsider ? 'high' as const : 'medium' as const,
    title: outsider ? 'Another account refused at a VPC endpoint' : 'Burst of KMS requests refused by a VPC endpoint policy',
    reason: `${who} had ${burst.length} KMS requests${onWhat} refused by the policy of ${where} within `
      + `${formatDuration(burst[burst.length - 1]!.time - burst[0]!.time)} (${facts.names}): network-activity records of requests the endpoint `
      + `turned away, so KMS never ran them${outsider ? `; the caller is of account ${caller}, not the endpoint's account ${facts.owners.join(', ')}` : ''}.`,
    principal, keyRef, ip: facts.ips.length === 1 ? facts.ips[0]! : null,
  };
}

/** Recomputes one source's bursts around its new denials (and its old bursts there), replacing their hits. */
function reviewSource(context: DetectionContext, touched: Touched): void {
  const { denials, windowMinutes } = context.config.vpcePolicyDenials;
  const window = windowMinutes * 60_000;
  const { old, from, to } = context.hits.around('vpce-policy-denials', touched.source, { ...touched, margin: window, fresh: context.fresh });
  const found = denialsOf(context, touched.source, from, to);
  for (const hit of old) context.hits.delete(hit.id);
  for (const range of slidingBursts(found.map((event) => event.time), window, denials)) {
    const burst = found.slice(range.from, range.to + 1);
    context.hits.replace(hitId('vpce-policy-denials', touched.source, burst[0]!.time), () => describe(context, touched.source, burst), burst);
  }
}

export const vpcePolicyDenials: DetectionRule = {
  id: 'vpce-policy-denials',
  title: 'KMS requests refused by a VPC endpoint policy',
  severity: 'medium',
  summary: '>= 10 KMS requests from one caller refused by a VPC endpoint policy (VpceAccessDenied network-activity records) within 5 minutes; high when the caller is of another account',
  run(context) {
    for (const touched of touchedSources(context)) reviewSource(context, touched);
  },
  athena({ config }) {
    const { denials, windowMinutes } = config.vpcePolicyDenials;
    return {
      ctes: [
        `denial AS (
  SELECT coalesce(${SUBJECT}, nullif(sourceipaddress, '')) AS grp, to_unixtime(event_time) AS ts, eventid, 1 AS weight, ${denials} AS minimum,
    eventname, vpcendpointid
  FROM events
  WHERE ${EVENT_KIND} = ${sqlLiteral(NETWORK_ACTIVITY)} AND errorcode = ${sqlLiteral(VPCE_DENIED)}
    AND eventsource = 'kms.amazonaws.com' AND event_time IS NOT NULL
)`,
        ...burstCtes('denial_burst', `(SELECT * FROM denial WHERE grp IS NOT NULL)`, windowMinutes * 60),
      ],
      select: `SELECT grp AS caller, from_unixtime(min(ts)) AS first_denial, count(*) AS denials, array_agg(DISTINCT vpcendpointid) AS endpoints,
  array_agg(eventname) AS requests, array_agg(eventid) AS eventids
FROM denial_burst_members GROUP BY grp, burst
ORDER BY first_denial`,
    };
  },
};
