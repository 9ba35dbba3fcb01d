import { describe, expect, it } from 'vitest';
import { parseBenchOptions, type BenchOptions } from '../../src/bench/options.js';

function parsed(argv: string[]): BenchOptions {
  const options = parseBenchOptions(argv);
  if (options === 'help') throw new Error('asked for help');
  return options;
}

describe('npm run bench options', () => {
  it('measures the default shape, every section, 1M events, when given nothing', () => {
    const options = parsed([]);
    expect(options.shape).toBe('default');
    expect(options.events).toBe(1_000_000);
    expect(options.sections.size).toBe(6);
    expect(options.resultsPath).toMatch(/bench-out\/results\.json$/);
    expect(options.docPath).toMatch(/docs\/PERFORMANCE\.md$/);
  });

  it('--shape s3: 30,000 files, the ingest only, its own tree, results file and document section', () => {
    const options = parsed(['--shape', 's3']);
    expect(options.shape).toBe('s3');
    expect(options.files).toBe(30_000);
    expect([...options.sections]).toEqual(['ingest']);
    expect(options.treeDir).toMatch(/keytrail-bench-s3-30000$/);
    expect(options.resultsPath).toMatch(/bench-out\/results-s3\.json$/);
    expect(options.docPath).toMatch(/docs\/PERFORMANCE\.md$/);
    expect(parsed(['--shape', 's3', '--only', 'ingest']).sections).toEqual(new Set(['ingest']));
  });

  it('a smaller s3 tree writes no document unless --doc names one', () => {
    const options = parsed(['--shape', 's3', '--files', '300']);
    expect(options.files).toBe(300);
    expect(options.treeDir).toMatch(/keytrail-bench-s3-300$/);
    expect(options.docPath).toBeNull();
    expect(parsed(['--shape', 's3', '--files', '300', '--doc', '/tmp/p.md']).docPath).toBe('/tmp/p.md');
  });

  it('refuses what the s3 shape does not measure, and --files without it, naming the option', () => {
    expect(() => parsed(['--shape', 's3', '--events', '5000'])).toThrow(/takes no --events/);
    expect(() => parsed(['--shape', 's3', '--skip-jq', '--quick'])).toThrow(/--skip-jq, --quick/);
    expect(() => parsed(['--shape', 's3', '--only', 'pages'])).toThrow(/--only ingest/);
    expect(() => parsed(['--files', '300'])).toThrow(/--shape s3/);
    expect(() => parsed(['--shape', 'huge'])).toThrow(/--shape must be one of default, s3, got huge/);
    expect(() => parsed(['--shape', 's3', '--files', '0'])).toThrow(/--files must be a positive integer/);
  });
});
