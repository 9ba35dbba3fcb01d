import { WEEKDAYS, type DetectionConfig, type Weekday } from './config.js';

/** Every time zone offset in use is a multiple of 15 minutes: one lookup per quarter hour. */
const QUARTER_HOUR = 15 * 60_000;

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Business hours in the configured time zone, through Intl (daylight saving included). */
export class BusinessHours {
  private readonly format: Intl.DateTimeFormat;
  private readonly days: Set<Weekday>;
  private readonly start: number;
  private readonly end: number;
  private readonly cache = new Map<number, { weekday: Weekday; minute: number }>();

  constructor(config: Pick<DetectionConfig, 'timeZone' | 'businessHours'>) {
    this.format = new Intl.DateTimeFormat('en-US', { timeZone: config.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    this.days = new Set(config.businessHours.days);
    this.start = minutesOf(config.businessHours.start);
    this.end = minutesOf(config.businessHours.end);
  }

  /** Weekday and minute of the day, local time. */
  local(time: number): { weekday: Weekday; minute: number } {
    const bucket = Math.floor(time / QUARTER_HOUR);
    let local = this.cache.get(bucket);
    if (!local) {
      const parts = this.format.formatToParts(new Date(bucket * QUARTER_HOUR));
      const part = (type: string): string => parts.find((item) => item.type === type)?.value ?? '';
      const weekday = (WEEKDAYS as readonly string[]).includes(part('weekday')) ? (part('weekday') as Weekday) : 'Sun';
      local = { weekday, minute: Number(part('hour')) * 60 + Number(part('minute')) };
      if (this.cache.size > 100_000) this.cache.clear();
      this.cache.set(bucket, local);
    }
    return { weekday: local.weekday, minute: local.minute + Math.floor((time % QUARTER_HOUR) / 60_000) };
  }

  isBusinessTime(time: number): boolean {
    const local = this.local(time);
    return this.days.has(local.weekday) && local.minute >= this.start && local.minute < this.end;
  }

  /** `Sat 02:14` in the configured zone, for reasons. */
  label(time: number): string {
    const local = this.local(time);
    const pad = (value: number): string => String(value).padStart(2, '0');
    return `${local.weekday} ${pad(Math.floor(local.minute / 60))}:${pad(local.minute % 60)}`;
  }
}
