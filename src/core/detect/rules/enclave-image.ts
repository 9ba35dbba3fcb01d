import { API_CALL } from '../../athena/event-columns.js';
import { inList, learningCte } from '../../athena/rule-sql.js';
import { anchoredEvents } from '../event-access.js';
import { firstSeen } from '../first-seen.js';
import { hitId, type TimedSeq } from '../hit-store.js';
import { shortKey, shortPrincipal } from '../names.js';
import { hitEventNames } from '../pair-events.js';
import type { DetectionContext, DetectionRule } from '../rule.js';
import { API_RECORD_SQL } from '../event-kinds.js';

interface ImageUse extends TimedSeq {
  image: string;
}

const short = (digest: string): string => (digest.length > 16 ? `${digest.slice(0, 12)}…` : digest);

/** New attested calls, one image per call: the image digest (PCR0), else its PCR0 entity. */
function newImageUses(context: DetectionContext): ImageUse[] {
  const values = context.db.prepare("SELECT id, value FROM entity_values WHERE kind = 'image' AND (value NOT LIKE 'pcr%' OR value LIKE 'pcr0:%')")
    .all() as Array<{ id: number; value: string }>;
  const select = context.db.prepare(`SELECT d.seq AS seq, d.time AS time FROM entities d JOIN events e ON e.seq = d.seq
    WHERE d.value_id = ? AND d.seq > ? AND d.seq <= ? AND ${API_RECORD_SQL}`);
  const bySeq = new Map<number, ImageUse>();
  for (const { id, value } of values) {
    const image = value.replace(/^pcr0:/, '');
    for (const event of select.all(id, context.fromSeq, context.toSeq) as TimedSeq[]) {
      if (!bySeq.has(event.seq) || !value.startsWith('pcr0:')) bySeq.set(event.seq, { ...event, image });
    }
  }
  return [...bySeq.values()];
}

/** First-seen time per (key, image), kept like the other baselines; returns the pairs touched. */
function recordImages(context: DetectionContext, uses: ImageUse[]): Array<{ keyRef: string; image: string }> {
  const keyOf = context.db.prepare('SELECT key_ref FROM events WHERE seq = ?').pluck();
  const upsert = context.db.prepare(`INSERT INTO detection_first_seen (dimension, subject, value, first_time) VALUES ('key-image', ?, ?, ?)
    ON CONFLICT (dimension, subject, value) DO UPDATE SET first_time = min(first_time, excluded.first_time)`);
  const touched = new Map<string, { keyRef: string; image: string }>();
  for (const use of uses) {
    const keyRef = (keyOf.get(use.seq) as string | null) ?? '';
    upsert.run(keyRef, use.image, use.time);
    touched.set(`${keyRef}\u0000${use.image}`, { keyRef, image: use.image });
  }
  return [...touched.values()];
}

/**
 * The pairs to judge: those the new calls touched, and every other image of a key that just learned an
 * image of its learning window (older deliveries indexed after newer ones change what the key knew).
 */
function pairsToJudge(context: DetectionContext, touched: Array<{ keyRef: string; image: string }>): Array<{ keyRef: string; image: string }> {
  const pairs = new Map(touched.map((pair) => [`${pair.keyRef}\u0000${pair.image}`, pair]));
  const learnedKeys = new Set(touched.filter((pair) => (firstSeen(context, 'key-image', pair.keyRef, pair.image) ?? Infinity) <= context.learning.end)
    .map((pair) => pair.keyRef));
  const imagesOf = context.db.prepare("SELECT value FROM detection_first_seen WHERE dimension = 'key-image' AND subject = ?").pluck();
  for (const keyRef of learnedKeys) {
    for (const image of imagesOf.all(keyRef) as string[]) pairs.set(`${keyRef}\u0000${image}`, { keyRef, image });
  }
  return [...pairs.values()];
}

function knownImages(context: DetectionContext, keyRef: string): string[] {
  return context.db.prepare("SELECT value FROM detection_first_seen WHERE dimension = 'key-image' AND subject = ? AND first_time <= ?")
    .pluck().all(keyRef, context.learning.end) as string[];
}

function verdict(context: DetectionContext, keyRef: string, image: string): { severity: 'high' | 'medium'; why: string } | null {
  const allowed = context.config.allow.enclaveImages;
  if (allowed.length > 0) return allowed.includes(image.toLowerCase()) ? null : { severity: 'high', why: 'that image is not on the allow-list' };
  const known = knownImages(context, keyRef);
  const first = firstSeen(context, 'key-image', keyRef, image) ?? 0;
  if (known.length === 0 || first <= context.learning.end) return null;
  return { severity: 'medium', why: `in the learning window this key saw only image ${known.map(short).join(', ')}` };
}

function review(context: DetectionContext, pair: { keyRef: string; image: string }): void {
  const id = hitId('enclave-image', pair.keyRef, pair.image);
  const found = verdict(context, pair.keyRef, pair.image);
  if (!found) {
    if (!context.fresh) context.hits.delete(id);
    return;
  }
  const known = context.hits.existing(id) !== null;
  const events = [pair.image, `pcr0:${pair.image}`].flatMap((value) => anchoredEvents(context, {
    anchors: [{ kinds: ['image'], value }], where: 'e.key_ref IS ?', params: [pair.keyRef || null], fromSeq: known ? context.fromSeq : 0,
  }));
  if (events.length === 0) return;
  // The parent that made the hit's first call, whichever run found it.
  const parentOf = () => context.db.prepare(`SELECT e.principal FROM detection_hit_events h JOIN events e ON e.seq = h.seq WHERE h.hit_id = ?
    ORDER BY e.time, e.seq LIMIT 1`).pluck().get(id) as string | null;
  context.hits.extend(id, (span) => {
    const principal = parentOf();
    return {
    rule: 'enclave-image', group: pair.keyRef, severity: found.severity, title: 'Unknown enclave image',
    reason: `An enclave with image ${short(pair.image)} (parent ${shortPrincipal(principal)}) made ${span.events} call(s) on ${shortKey(context.keys, pair.keyRef || null)} `
      + `(${hitEventNames(context, id)}); ${found.why}.`,
    principal, keyRef: pair.keyRef || null, ip: null,
    };
  }, events);
}

export const enclaveImage: DetectionRule = {
  id: 'enclave-image',
  title: 'Unknown enclave image',
  severity: 'medium',
  summary: 'an enclave image digest (PCR0) not on the allow-list (high), or not seen for that key in the learning window (medium)',
  run(context) {
    for (const pair of pairsToJudge(context, recordImages(context, newImageUses(context)))) review(context, pair);
  },
  athena({ config }) {
    const recipient = (field: string): string => `json_extract_scalar(additionaleventdata, '$.recipient.${field}')`;
    const allowed = config.allow.enclaveImages.map((image) => image.toLowerCase());
    // With an allow-list, any other image; without, an image a key first used after learning, when it used others while learning.
    const verdict = allowed.length > 0 ? `lower(p.image) NOT IN ${inList(allowed)}` : 'p.first_ts > l.end_ts AND k.known > 0';
    return {
      keys: true,
      ctes: [learningCte(config),
        `image_use AS (SELECT coalesce(element_at(key_arns, 1), '') AS kms_key, coalesce(${recipient('attestationDocumentEnclaveImageDigest')},
    ${recipient('attestationDocumentEnclavePCR0')}) AS image, to_unixtime(event_time) AS ts, eventid
  FROM keyed WHERE ${API_CALL} AND coalesce(${recipient('attestationDocumentEnclaveImageDigest')}, ${recipient('attestationDocumentEnclavePCR0')}) IS NOT NULL)`,
        `pair_first AS (SELECT kms_key, image, min(ts) AS first_ts FROM image_use GROUP BY 1, 2)`,
        `key_known AS (SELECT p.kms_key, count(*) AS known FROM pair_first p CROSS JOIN learning l WHERE p.first_ts <= l.end_ts GROUP BY 1)`],
      select: `SELECT p.kms_key, p.image AS image_digest, from_unixtime(p.first_ts) AS first_use, count(*) AS calls, array_agg(u.eventid) AS eventids
FROM pair_first p CROSS JOIN learning l LEFT JOIN key_known k ON k.kms_key = p.kms_key
JOIN image_use u ON u.kms_key = p.kms_key AND u.image = p.image
WHERE ${verdict}
GROUP BY p.kms_key, p.image, p.first_ts
ORDER BY first_use`,
    };
  },
};
