import type { Rng } from '../rng.js';
import { HOUR, floorTo } from '../time-format.js';
import { isBusinessHours } from './timeline.js';

/** When background calls happen: rates per hour that follow the day. */

export type HourlyRate = (hourStart: number) => number;

/** Call times in [from, to), sorted, drawn hour by hour at the given rate. */
export function arrivals(rng: Rng, from: number, to: number, ratePerHour: HourlyRate): number[] {
  const times: number[] = [];
  for (let hour = floorTo(from, HOUR); hour < to; hour += HOUR) {
    const rate = ratePerHour(hour);
    // Round the fractional part at random so low rates still produce some calls.
    const count = Math.floor(rate) + (rng.chance(rate - Math.floor(rate)) ? 1 : 0);
    for (let index = 0; index < count; index++) {
      const time = hour + rng.int(HOUR);
      if (time >= from && time < to) times.push(time);
    }
  }
  return times.sort((left, right) => left - right);
}

/** Busier 07:00-22:00 UTC (Europe and US evenings overlap), quieter at night: a 24/7 service. */
export const dayAndNight =
  (dayRate: number, nightRate: number): HourlyRate =>
  (hourStart) => {
    const hour = new Date(hourStart).getUTCHours();
    return hour >= 7 && hour < 22 ? dayRate : nightRate;
  };

/** Only in Europe/Amsterdam business hours. */
export const businessHours =
  (rate: number): HourlyRate =>
  (hourStart) =>
    isBusinessHours(hourStart) ? rate : 0;

/** Only within a UTC hour range (batch windows), e.g. 23..5 wraps midnight. */
export const utcHours =
  (fromHour: number, toHour: number, rate: number, otherwise = 0): HourlyRate =>
  (hourStart) => {
    const hour = new Date(hourStart).getUTCHours();
    const inside = fromHour <= toHour ? hour >= fromHour && hour < toHour : hour >= fromHour || hour < toHour;
    return inside ? rate : otherwise;
  };

/** Regular ticks (pollers, schedulers) with a little jitter, in [from, to). */
export function every(rng: Rng, from: number, to: number, interval: number, jitter: number): number[] {
  const times: number[] = [];
  for (let tick = from + rng.int(interval); tick < to; tick += interval) {
    const time = tick + rng.int(jitter + 1);
    if (time < to) times.push(time);
  }
  return times;
}
