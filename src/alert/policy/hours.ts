/**
 * Working hours in a time zone ("Mon–Fri 09:00–18:00 Europe/Paris"): the schema, whether an instant
 * falls inside them, and the next instant that does. Escalation policies use it to continue only
 * within working hours; routes use it to match on time. Everything goes through Intl, so it is
 * correct across daylight-saving changes without a time-zone table of our own.
 */
import { z } from 'zod';
import { instantOf, isTimeZone, naiveOf, wallClock } from '../time/tz.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const MINUTE = 60_000;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True when `tz` is an IANA time zone this Node knows (e.g. "Europe/Paris", "UTC"). */
export const isValidTimeZone = isTimeZone;

export const TimeOfDaySchema = z
  .string()
  .regex(HHMM, { message: 'must be a time of day HH:MM between 00:00 and 23:59 (e.g. "09:00")' });

export const WorkingHoursSchema = z
  .strictObject({
    timeZone: z.string().refine(isValidTimeZone, {
      message: 'must be an IANA time zone such as "Europe/Paris" or "UTC"',
    }),
    days: z
      .array(z.enum(WEEKDAYS, { message: `must be one of ${WEEKDAYS.join(', ')}` }))
      .min(1, { message: 'must list at least one day (mon … sun)' })
      .refine((d) => new Set(d).size === d.length, { message: 'lists a day twice' }),
    /** Start, local time. */
    from: TimeOfDaySchema,
    /** End (exclusive), local time; earlier than `from` means the window runs past midnight. */
    to: TimeOfDaySchema,
  })
  .refine((h) => h.from !== h.to, {
    message: 'from and to are equal: the window would be empty (use 00:00 to 23:59 for all day)',
    path: ['to'],
  });
export type WorkingHours = z.infer<typeof WorkingHoursSchema>;

function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`invalid time of day "${hhmm}" (expected HH:MM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
}

/** The wall-clock time of instant `t` in `tz`. */
function wallOf(t: number, tz: string): Wall {
  const w = new Date(wallClock(t, tz));
  return { y: w.getUTCFullYear(), mo: w.getUTCMonth() + 1, d: w.getUTCDate(), h: w.getUTCHours(), mi: w.getUTCMinutes() };
}

/** Day of the week of a civil date (0 = Monday). */
function weekdayIndex(y: number, mo: number, d: number): number {
  return (new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 6) % 7;
}

/**
 * The instant at which the wall clock in `tz` reads the given local time: an ambiguous time
 * (clocks going back) gives the earlier instant; a time that does not exist (clocks going
 * forward) moves forward by the gap (RFC 5545, as the on-call schedules do).
 */
export function zonedTimeToUtc(y: number, mo: number, d: number, h: number, mi: number, tz: string): number {
  return instantOf(naiveOf(y, mo, d, h, mi), tz);
}

/** True when instant `t` (epoch ms) falls inside the working hours. */
export function isWithinHours(hours: WorkingHours, t: number): boolean {
  const w = wallOf(t, hours.timeZone);
  const m = w.h * 60 + w.mi;
  const from = minutesOf(hours.from);
  const to = minutesOf(hours.to);
  const dayIdx = weekdayIndex(w.y, w.mo, w.d);
  const today = WEEKDAYS[dayIdx] as Weekday;
  if (from < to) return hours.days.includes(today) && m >= from && m < to;
  // Past midnight: the window belongs to the day it starts on.
  const yesterday = WEEKDAYS[(dayIdx + 6) % 7] as Weekday;
  return (hours.days.includes(today) && m >= from) || (hours.days.includes(yesterday) && m < to);
}

/**
 * The first instant at or after `t` that falls inside the working hours: `t` itself when it already
 * does, otherwise the start of the next window (DST-correct). Valid hours always have one within
 * eight days; an error is thrown otherwise (only invalid hours get there).
 */
export function nextAllowedTime(hours: WorkingHours, t: number): number {
  if (isWithinHours(hours, t)) return t;
  const from = minutesOf(hours.from);
  const w = wallOf(t, hours.timeZone);
  for (let k = 0; k <= 8; k++) {
    const civil = new Date(Date.UTC(w.y, w.mo - 1, w.d + k));
    const y = civil.getUTCFullYear();
    const mo = civil.getUTCMonth() + 1;
    const d = civil.getUTCDate();
    if (!hours.days.includes(WEEKDAYS[weekdayIndex(y, mo, d)] as Weekday)) continue;
    let start = zonedTimeToUtc(y, mo, d, Math.floor(from / 60), from % 60, hours.timeZone);
    if (start >= t && isWithinHours(hours, start)) {
      // A start inside a daylight-saving gap moved forward by the gap: the window really opens
      // when the gap ends, a little earlier (minute resolution, at most the gap's length).
      for (let i = 0; i < 180 && start - MINUTE >= t && isWithinHours(hours, start - MINUTE); i++) start -= MINUTE;
      return start;
    }
  }
  throw new Error(`working hours ${JSON.stringify(hours)} have no window in the next 8 days`);
}
