import { burstCtes, CRYPTO_FAILURE_NAMES, inList, OWN_CALL, RULE_EVENT } from '../../athena/rule-sql.js';
import { hitId } from '../hit-store.js';
import { countsText, formatDuration, shortKey, shortPrincipal, SUBJECT_ID_SQL, SUBJECT_SQL } from '../names.js';
import { TEXT_IDS_OF_JSON } from '../../index/text-sql.js';
import type { DetectionContext, DetectionRule } from '../rule.js';
import { slidingBursts } from '../windows.js';
import { API_RECORD_SQL, OWN_CALL_SQL } from '../event-kinds.js';

interface Failure {
  seq: number;
  time: number;
  subject: string;
  keyRef: string | null;
  error: string | null;
}

type GroupKind = 'principal' | 'key';

/** Keeps every failed crypto call (not AWS services' own; no endpoint's network-activity record) so later runs can look back over them. */
function recordNewFailures(context: DetectionContext): void {
  context.db.prepare(`INSERT OR IGNORE INTO detection_failures (seq, time, subject, key_ref, error)
    SELECT e.seq, e.time, ${SUBJECT_SQL}, e.key_ref, e.error_code FROM events e
    WHERE e.seq > ? AND e.seq <= ? AND e.error_code_id IS NOT NULL AND ${OWN_CALL_SQL} AND ${API_RECORD_SQL} AND e.time > 0
      AND e.name_id IN ${TEXT_IDS_OF_JSON} AND ${SUBJECT_ID_SQL} IS NOT NULL`)
    .run(context.fromSeq, context.toSeq, JSON.stringify(CRYPTO_FAILURE_NAMES));
}

const COLUMN: Record<GroupKind, string> = { principal: 'subject', key: 'key_ref' };

function touchedGroups(context: DetectionContext, kind: GroupKind): Array<{ value: string; first: number; last: number }> {
  const column = COLUMN[kind];
  return context.db.prepare(`SELECT ${column} AS value, min(time) AS first, max(time) AS last FROM detection_failures
    WHERE seq > ? AND seq <= ? AND ${column} IS NOT NULL GROUP BY ${column}`).all(context.fromSeq, context.toSeq) as Array<{ value: string; first: number; last: number }>;
}

function describe(context: DetectionContext, kind: GroupKind, burst: Failure[]) {
  const subjects = new Set(burst.map((failure) => failure.subject));
  const keys = new Set(burst.map((failure) => failure.keyRef));
  const denied = burst.filter((failure) => /AccessDenied/i.test(failure.error ?? '')).length;
  const principal = subjects.size === 1 ? burst[0]!.subject : null;
  const keyRef = keys.size === 1 ? burst[0]!.keyRef : null;
  const who = principal ? shortPrincipal(principal) : `${subjects.size} principals`;
  const onWhat = keyRef ? shortKey(context.keys, keyRef) : `${keys.size} keys`;
  const span = formatDuration(burst[burst.length - 1]!.time - burst[0]!.time);
  const mostlyDenied = denied * 2 >= burst.length;
  return {
    rule: 'decrypt-failure-burst' as const, group: `${kind}:${kind === 'principal' ? principal : keyRef}`,
    severity: mostlyDenied ? 'high' as const : 'medium' as const,
    title: kind === 'principal' ? 'Burst of failed KMS calls' : 'Burst of failed KMS calls on one key',
    reason: `${who} had ${burst.length} failed KMS crypto calls on ${onWhat} within ${span} (${countsText(burst.map((failure) => failure.error))})`
      + `${mostlyDenied ? ': mostly AccessDenied, calls the caller was not allowed to make' : ''}.`,
    principal, keyRef, ip: null,
  };
}

/** Recomputes one principal's (or key's) bursts around its new failures and replaces its hits there. */
function reviewGroup(context: DetectionContext, kind: GroupKind, touched: { value: string; first: number; last: number }): void {
  const window = context.config.decryptFailureBurst.windowMinutes * 60_000;
  const group = `${kind}:${touched.value}`;
  const { old, from, to } = context.hits.around('decrypt-failure-burst', group, { ...touched, margin: window, fresh: context.fresh });
  const failures = context.db.prepare(`SELECT seq, time, subject, key_ref AS keyRef, error FROM detection_failures
    WHERE ${COLUMN[kind]} = ? AND time BETWEEN ? AND ? ORDER BY time, seq`).all(touched.value, from, to) as Failure[];
  for (const hit of old) context.hits.delete(hit.id);
  const bursts = slidingBursts(failures.map((failure) => failure.time), window, context.config.decryptFailureBurst.failures);
  for (const range of bursts) {
    const burst = failures.slice(range.from, range.to + 1);
    // One principal's burst on a key is already its principal hit; the key view adds only crowds.
    if (kind === 'key' && new Set(burst.map((failure) => failure.subject)).size < 2) continue;
    context.hits.replace(hitId('decrypt-failure-burst', group, burst[0]!.time), () => describe(context, kind, burst), burst);
  }
}

export const decryptFailureBurst: DetectionRule = {
  id: 'decrypt-failure-burst',
  title: 'Burst of failed KMS calls',
  severity: 'medium',
  summary: '>= 10 failed KMS crypto calls (Decrypt, GenerateDataKey*, Encrypt, ReEncrypt) within 5 minutes, per principal and per key',
  run(context) {
    recordNewFailures(context);
    for (const kind of ['principal', 'key'] as const) {
      for (const touched of touchedGroups(context, kind)) reviewGroup(context, kind, touched);
    }
  },
  athena({ config }) {
    const { failures, windowMinutes } = config.decryptFailureBurst;
    const bursts = (kind: string, group: string, having: string): string => `SELECT '${kind}' AS grouped_by, grp, from_unixtime(min(ts)) AS first_failure, count(*) AS failures,
  array_agg(DISTINCT subject) AS principals, array_agg(DISTINCT kms_key) AS kms_keys, array_agg(errorcode) AS errors, array_agg(eventid) AS eventids
FROM ${group}_burst_members GROUP BY grp, burst${having}`;
    return {
      keys: true,
      ctes: [
        `failure AS (
  SELECT ${RULE_EVENT}, element_at(key_arns, 1) AS kms_key, errorcode FROM keyed
  WHERE ${OWN_CALL} AND nullif(errorcode, '') IS NOT NULL AND eventname IN ${inList(CRYPTO_FAILURE_NAMES)}
)`,
        `by_principal AS (SELECT subject AS grp, ts, eventid, 1 AS weight, ${failures} AS minimum, subject, kms_key, errorcode FROM failure WHERE subject IS NOT NULL)`,
        `by_key AS (SELECT kms_key AS grp, ts, eventid, 1 AS weight, ${failures} AS minimum, subject, kms_key, errorcode FROM failure WHERE subject IS NOT NULL AND kms_key IS NOT NULL)`,
        ...burstCtes('principal_burst', 'by_principal', windowMinutes * 60),
        ...burstCtes('key_burst', 'by_key', windowMinutes * 60),
      ],
      // One principal's burst on a key is already its principal hit: the key view adds only crowds.
      select: `${bursts('principal', 'principal', '')}\nUNION ALL\n${bursts('key', 'key', ' HAVING count(DISTINCT subject) >= 2')}\nORDER BY first_failure, grouped_by`,
    };
  },
};
