import { describe, expect, it } from 'vitest';
import { coverageOf, deliveredSinceTime, DeliveryTally, type ScannedFile } from '../../../src/core/index/coverage.js';

const at = (minute: string) => Date.parse(`2026-11-21T${minute}:00Z`);
const done = (minute: string | null): ScannedFile => ({ deliveredAt: minute === null ? null : at(minute), done: true });
const pending = (minute: string | null): ScannedFile => ({ deliveredAt: minute === null ? null : at(minute), done: false });

describe('what a scan has covered', () => {
  it('is complete once every file is done, every delivery since the oldest', () => {
    expect(coverageOf([done('03:00'), done('02:00'), done(null)])).toEqual({
      complete: true, deliveredSince: '2026-11-21T02:00:00Z', filesDone: 3, filesTotal: 3, percentDone: 100,
    });
  });

  it('claims every file delivered since the oldest of the newest done run', () => {
    expect(coverageOf([done('03:00'), done('02:00'), pending('01:00'), pending(null)])).toEqual({
      complete: false, deliveredSince: '2026-11-21T02:00:00Z', filesDone: 2, filesTotal: 4, percentDone: 50,
    });
  });

  it('does not move the "since" past a newer file that failed or waits, however many older files are done', () => {
    const files = [done('05:00'), pending('04:00'), done('03:00'), done('02:00'), done('01:00')];
    expect(deliveredSinceTime(files)).toBe(at('05:00'));
    expect(deliveredSinceTime([pending('05:00'), done('04:00'), done('03:00')])).toBeNull();
  });

  it('needs every file of a delivery minute before it claims that minute', () => {
    expect(deliveredSinceTime([done('03:00'), done('02:00'), pending('02:00')])).toBe(at('03:00'));
  });

  it('says nothing about delivery times when no file has one, and never reads 100% one file short', () => {
    const files = [...Array.from({ length: 199 }, () => done(null)), pending(null)];
    expect(coverageOf(files)).toEqual({ complete: false, deliveredSince: null, filesDone: 199, filesTotal: 200, percentDone: 99 });
  });

  it('lets files without a delivery time wait without holding back the delivered ones', () => {
    expect(coverageOf([done('03:00'), pending(null)]).deliveredSince).toBe('2026-11-21T03:00:00Z');
  });

  it('is complete for an empty folder', () => {
    expect(coverageOf([])).toEqual({ complete: true, deliveredSince: null, filesDone: 0, filesTotal: 0, percentDone: 100 });
  });
});

describe('the tally a live indexer keeps', () => {
  it('answers as a pass over every file would, as files wait, finish, fail again and go', () => {
    const files = new Map<string, ScannedFile>();
    const tally = new DeliveryTally();
    const set = (name: string, file: ScannedFile | null) => {
      const before = files.get(name);
      if (before) tally.remove(before.deliveredAt, before.done);
      if (file) tally.add(file.deliveredAt, file.done);
      if (file) files.set(name, file);
      else files.delete(name);
      expect(tally.deliveredSince()).toBe(deliveredSinceTime([...files.values()]));
    };
    // Minutes 0-9, two files each, one undated per minute: waiting, then done newest first with a few setbacks.
    for (let minute = 0; minute < 10; minute++) {
      for (const copy of ['a', 'b']) set(`${minute}${copy}`, pending(`0${minute}:00`.slice(-5)));
      set(`x${minute}`, pending(null));
    }
    for (let minute = 9; minute >= 0; minute--) {
      set(`${minute}a`, done(`0${minute}:00`.slice(-5)));
      if (minute === 6) set('8b', pending('08:00'));
      set(`${minute}b`, done(`0${minute}:00`.slice(-5)));
      if (minute === 4) set('8b', done('08:00'));
      if (minute === 2) set('9a', null);
    }
    expect(tally.deliveredSince()).toBe(at('00:00'));
  });
});

