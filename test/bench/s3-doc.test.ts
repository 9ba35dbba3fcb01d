import { describe, expect, it } from 'vitest';
import { keepingS3Section, s3Section, s3SectionOf, withS3Section } from '../../src/bench/s3-doc.js';
import { evaluateS3Targets, type S3Results } from '../../src/bench/s3-results.js';
import type { IngestRun } from '../../src/bench/ingest-child.js';
import { manifestMatches, type TreeManifest } from '../../src/bench/tree-manifest.js';

const histogram = { empty: 5, upTo10: 900, upTo99: 40, hundredsOrMore: 20, largest: 240 };

function ingestRun(seconds: number): IngestRun {
  return { seconds, events: 300_000, files: 30_056, eventsPerSecond: Math.round(300_000 / seconds), dbBytes: 400 * 2 ** 20, peakRssBytes: 200 * 2 ** 20, problems: 0 };
}

/** A run's figures: ingest `ingestSeconds`, read floor 200,000 ev/s, rerun `rerunSeconds`. */
function s3Results(ingestSeconds: number, rerunSeconds: number): S3Results {
  const base: Omit<S3Results, 'targets'> = {
    version: 1, shape: 's3', generatedAt: '2026-12-05T03:00:00.000Z', commit: 'abc1234', totalSeconds: 200,
    machine: { cores: 2, cpuModel: 'cpu', memoryGiB: 8, node: 'v20', sqlite: '3', jq: null, kernel: 'k', loadAverageAtStart: [1, 1, 1] },
    loadAverage: { start: 1 }, partSeconds: { tree: 30 }, options: { files: 30_000, runs: 3, seed: 1 }, commands: ['npm run bench -- --shape s3'],
    tree: { dir: '/tmp/t', files: 30_056, events: 300_000, gzipBytes: 1, rawJsonBytes: 1, reused: false, generatedSeconds: 30, eventsPerFile: { quiet: histogram, busy: histogram } },
    ingest: { runs: [ingestRun(ingestSeconds)], median: ingestRun(ingestSeconds), readRate: { runs: [{ seconds: 1.5, files: 30_057, events: 300_000, eventsPerSecond: 200_000 }], medianEventsPerSecond: 200_000 } },
    rerun: { seconds: [rerunSeconds], medianSeconds: rerunSeconds, files: 30_057, indexedFiles: 0, events: 0 },
  };
  return { ...base, targets: evaluateS3Targets(base) };
}

describe('the small-files targets', () => {
  it('judges the ingest against half the read+gunzip+parse rate and the rerun against 3 s', () => {
    const met = s3Results(2.5, 2.9).targets;
    expect(met.map((target) => [target.id, target.met])).toEqual([['s3-ingest-vs-parse', true], ['s3-rerun', true]]);
    expect(met[0]!.measured).toContain('0.60x');
    expect(met[0]!.measured).toContain('12,022 files/s');
    const missed = s3Results(30, 6).targets;
    expect(missed[0]!.verdict).toBe('missed by 0.45x (10% of the target)');
    expect(missed[1]!.verdict).toBe('missed by 3.00 s (2.00x the target)');
  });
});

describe('the small-files section of docs/PERFORMANCE.md', () => {
  const oneMillion = '# keytrail performance\n\n## Targets, 1,000,000 events\n\n| a |\n\n## Machine\n\n- 2 cores\n';

  it('goes before the machine section of a document that has none, and says why a target is missed', () => {
    const section = s3Section(s3Results(30, 6));
    const doc = withS3Section(oneMillion, section);
    expect(doc.indexOf('## Small files')).toBeGreaterThan(doc.indexOf('## Targets, 1,000,000 events'));
    expect(doc.indexOf('## Small files')).toBeLessThan(doc.indexOf('## Machine'));
    expect(doc).toContain('Why the misses');
    expect(s3SectionOf(doc)).toBe(section);
    expect(withS3Section(null, section)).toContain(section);
  });

  it('replaces only itself on the next s3 run, and a 1M run keeps it', () => {
    const first = withS3Section(oneMillion, s3Section(s3Results(30, 6)));
    const second = withS3Section(first, s3Section(s3Results(2.5, 2.9)));
    expect(second.match(/## Small files/g)).toHaveLength(1);
    expect(second).not.toContain('Why the misses');
    expect(second.replace(s3SectionOf(second)!, '')).toBe(first.replace(s3SectionOf(first)!, ''));
    const regenerated = oneMillion.replace('| a |', '| b |');
    const kept = keepingS3Section(regenerated, second);
    expect(kept).toContain('| b |');
    expect(s3SectionOf(kept)).toBe(s3SectionOf(second));
    expect(keepingS3Section(regenerated, oneMillion)).toBe(regenerated);
  });
});

describe('reusing a generated tree', () => {
  const manifest = (extra: Partial<TreeManifest>) => ({ seed: 1, events: 492_466, files: 30_056, ...extra }) as TreeManifest;

  it('reuses an s3 tree only for the same --files and seed, and never as a default-shape tree', () => {
    const s3 = manifest({ shape: 's3', requestedFiles: 30_000 });
    expect(manifestMatches(s3, { shape: 's3', files: 30_000 }, 1)).toBe(true);
    expect(manifestMatches(s3, { shape: 's3', files: 300 }, 1)).toBe(false);
    expect(manifestMatches(s3, { shape: 's3', files: 30_000 }, 2)).toBe(false);
    expect(manifestMatches(s3, { shape: 'default', events: 492_466 }, 1)).toBe(false);
    expect(manifestMatches(manifest({}), { shape: 's3', files: 30_056 }, 1)).toBe(false);
    expect(manifestMatches(manifest({}), { shape: 'default', events: 492_466 }, 1)).toBe(true);
  });
});
