import { parseFilter } from '../query/filter-parse.js';
import { parseTimeBound } from '../query/time-bound.js';

/**
 * Rewrites ages in `since:`/`until:` (`since:2h`) as the UTC times they meant when
 * the filter was marked, so a finding shows the same events tomorrow as today.
 * An age is a bound whose time depends on the clock.
 */
export function pinRelativeTimes(text: string, now: number): string {
  const parsed = parseFilter(text);
  let pinned = text;
  for (const term of [...parsed.terms].reverse()) {
    const bound = term.field.target.type === 'time' ? term.field.target.bound : null;
    const value = term.values[0];
    if (!bound || value === undefined) continue;
    const then = parseTimeBound(value, bound, 0);
    const at = parseTimeBound(value, bound, now);
    if (!('time' in then) || !('time' in at) || then.time === at.time) continue;
    // `until:` of an absolute time is read as inclusive (+1 ms), so pin the instant before.
    const instant = new Date(bound === 'until' ? at.time - 1 : at.time).toISOString();
    pinned = `${pinned.slice(0, term.start)}${term.negate ? '-' : ''}${term.field.name}:${instant}${pinned.slice(term.end)}`;
  }
  return pinned;
}
