import { describe, expect, it } from 'vitest';
import { Aggregates, type Defer } from '../../src/app/aggregates.js';

/** A scheduler the test drives: `step()` runs one deferred step, `runAll()` runs until nothing is left. */
function manual(): { defer: Defer; step: () => void; runAll: () => void } {
  const queued: Array<() => void> = [];
  return {
    defer: (run) => queued.push(run),
    step: () => queued.shift()?.(),
    runAll: () => {
      while (queued.length > 0) queued.shift()!();
    },
  };
}

/** A job of `steps` steps that records each step and its cleanup. */
function job(log: string[], name: string, steps: number) {
  return (function* () {
    try {
      for (let step = 1; step <= steps; step++) {
        log.push(`${name} ${step}`);
        yield;
      }
    } finally {
      log.push(`${name} cleaned up`);
    }
  })();
}

describe('aggregate jobs', () => {
  it('take turns a step at a time, and each cleans up when it ends', () => {
    const log: string[] = [];
    const scheduler = manual();
    const aggregates = new Aggregates(scheduler.defer);
    aggregates.queue('count', job(log, 'count', 2));
    aggregates.queue('facet', job(log, 'facet', 1));
    scheduler.runAll();
    expect(log).toEqual(['count 1', 'facet 1', 'count 2', 'facet cleaned up', 'count cleaned up']);
  });

  it('cleans up a begun job that a newer one of the same name replaces, that a new filter clears, or that stop ends', () => {
    const log: string[] = [];
    const scheduler = manual();
    const aggregates = new Aggregates(scheduler.defer);
    aggregates.queue('facet', job(log, 'first', 5));
    scheduler.step();
    aggregates.queue('facet', job(log, 'second', 5));
    expect(log).toEqual(['first 1', 'first cleaned up']);
    scheduler.step();
    aggregates.clear();
    expect(log.slice(2)).toEqual(['second 1', 'second cleaned up']);
    aggregates.queue('facet', job(log, 'third', 5));
    scheduler.step();
    aggregates.stop();
    scheduler.runAll();
    expect(log.slice(4)).toEqual(['third 1', 'third cleaned up']);
  });
});
