// When a time-driven trigger runs: first run from its creation, later runs from the previous one.
import { instantOf, localTime } from './zoned-time';

export interface TriggerSchedule {
  kind: 'minutes' | 'hours' | 'days' | 'weeks' | 'once';
  /** n of everyMinutes(n), everyHours(n), everyDays(n), everyWeeks(n). */
  every: number;
  atHour: number | null;
  nearMinute: number | null;
  /** 0 = Sunday … 6 = Saturday. */
  weekDay: number | null;
  timeZone: string;
  /** The instant of a one-off trigger (`at(date)` or `after(ms)`). */
  at: number | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The first run. Google picks a random moment within the hour (and ±15 min of nearMinute); the emulator picks
 * the start of it, so tests can name the time. Intervals count from creation.
 */
export function firstRun(schedule: TriggerSchedule, createdAt: number): number {
  switch (schedule.kind) {
    case 'once':
      return schedule.at ?? createdAt;
    case 'minutes':
      return createdAt + schedule.every * MINUTE;
    case 'hours':
      return createdAt + schedule.every * HOUR;
    case 'days':
    case 'weeks': {
      if (schedule.kind === 'days' && schedule.atHour === null) return createdAt + schedule.every * DAY;
      const created = localTime(createdAt, schedule.timeZone);
      const hour = schedule.atHour ?? created.hour;
      const minute = schedule.nearMinute ?? (schedule.atHour === null ? created.minute : 0);
      const weekDay = schedule.kind === 'weeks' ? (schedule.weekDay ?? created.weekday) : null;
      for (let offset = 0; offset < 15; offset += 1) {
        const day = shiftDate(created, offset);
        if (weekDay !== null && dayOfWeek(day) !== weekDay) continue;
        const run = instantOf({ ...day, hour, minute }, schedule.timeZone);
        if (run > createdAt) return run;
      }
      throw new Error('unreachable: a weekday recurs within 15 days');
    }
  }
}

/** The run after `previous`; null for a one-off trigger. Calendar schedules keep their wall-clock time across DST. */
export function runAfter(schedule: TriggerSchedule, previous: number): number | null {
  switch (schedule.kind) {
    case 'once':
      return null;
    case 'minutes':
      return previous + schedule.every * MINUTE;
    case 'hours':
      return previous + schedule.every * HOUR;
    case 'days':
    case 'weeks': {
      if (schedule.kind === 'days' && schedule.atHour === null) return previous + schedule.every * DAY;
      const local = localTime(previous, schedule.timeZone);
      const day = shiftDate(local, schedule.every * (schedule.kind === 'weeks' ? 7 : 1));
      return instantOf({ ...day, hour: local.hour, minute: local.minute }, schedule.timeZone);
    }
  }
}

function shiftDate(local: { year: number; month: number; day: number }, days: number) {
  const shifted = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function dayOfWeek(day: { year: number; month: number; day: number }): number {
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
}
