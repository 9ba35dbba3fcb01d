import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../src/gen/rng.js';
import { ZipfSampler } from '../../src/gen/zipf.js';

describe('Rng', () => {
  it('replays the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, () => new Rng(seed)).map((rng) => rng.uuid());
    expect(draw(7)).toEqual(draw(7));
    const first = new Rng(7);
    const second = new Rng(8);
    expect(Array.from({ length: 10 }, () => first.uint32())).not.toEqual(Array.from({ length: 10 }, () => second.uint32()));
  });

  it('forks streams that depend on the label, not on how much the parent drew', () => {
    const fresh = new Rng(42);
    const used = new Rng(42);
    for (let index = 0; index < 100; index++) used.uint32();
    expect(used.fork('incident').uuid()).toBe(fresh.fork('incident').uuid());
    expect(fresh.fork('incident').uuid()).not.toBe(fresh.fork('background').uuid());
  });

  it('draws UUID-shaped ids that do not repeat', () => {
    const rng = new Rng(1);
    const ids = new Set(Array.from({ length: 50_000 }, () => rng.uuid()));
    expect(ids.size).toBe(50_000);
    for (const id of [...ids].slice(0, 100)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is the only randomness in src/gen: no Math.random or Date.now', () => {
    const sources: string[] = [];
    const visit = (directory: string): void => {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) visit(path);
        else if (path.endsWith('.ts')) sources.push(path);
      }
    };
    visit(join(import.meta.dirname, '../../src/gen'));
    const code = (path: string) => readFileSync(path, 'utf8').split('\n').filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line)).join('\n');
    const offenders = sources.filter((path) => /Math\.random|Date\.now\(\)|new Date\(\)/.test(code(path)));
    expect(offenders).toEqual([]);
  });
});

describe('ZipfSampler', () => {
  it('makes rank 0 the most frequent and keeps every draw in range', () => {
    const rng = new Rng(3);
    const zipf = new ZipfSampler(200, 1);
    const counts = new Array<number>(200).fill(0);
    for (let index = 0; index < 20_000; index++) counts[zipf.sample(rng)]!++;
    expect(counts[0]).toBe(Math.max(...counts));
    expect(counts[0]! / 20_000).toBeCloseTo(zipf.share(0), 1);
    expect(counts.reduce((total, count) => total + count, 0)).toBe(20_000);
  });
});
