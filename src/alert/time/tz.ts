/**
 * Wall-clock arithmetic in IANA time zones with the platform's Intl (no library).
 *
 * On-call hand-offs and restrictions are written in local wall-clock time ("09:00 in Paris"), but
 * shifts are instants. We model local time as a "naive" millisecond count (the local date and time
 * read as if it were UTC) and convert between the two:
 *
 * - `wallClock(t, tz)`: instant → naive local time (always well defined).
 * - `instantOf(naive, tz)`: naive local time → instant. Two cases need a rule, and we use the one of
 *   RFC 5545 and Temporal's `disambiguation: 'compatible'`:
 *   - a local time that does not exist (skipped by a spring-forward change, e.g. 02:30 on the last
 *     Sunday of March in Paris) is moved forward by the length of the gap: 02:30 → 03:30 local;
 *   - a local time that happens twice (repeated by a fall-back change, e.g. 02:30 on the last Sunday
 *     of October in Paris) means its first occurrence (the summer-time one).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone the platform knows ("Europe/Paris", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local wall-clock time of instant `t` in `timeZone`, as naive milliseconds (local fields read as UTC). */
export function wallClock(t: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(t));
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of parts) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') mo = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
    else if (p.type === 'hour') h = Number(p.value);
    else if (p.type === 'minute') mi = Number(p.value);
    else if (p.type === 'second') s = Number(p.value);
  }
  const ms = ((t % 1000) + 1000) % 1000;
  return naiveOf(y, mo, d, h, mi, s) + ms;
}

/** The instant of naive local time `naive` in `timeZone` (gaps move forward, repeats take the first occurrence). */
export function instantOf(naive: number, timeZone: string): number {
  const offsetBefore = wallClock(naive - DAY_MS, timeZone) - (naive - DAY_MS);
  const offsetAfter = wallClock(naive + DAY_MS, timeZone) - (naive + DAY_MS);
  const early = naive - offsetBefore;
  const late = naive - offsetAfter;
  const earlyOk = wallClock(early, timeZone) === naive;
  const lateOk = wallClock(late, timeZone) === naive;
  if (earlyOk && lateOk) return Math.min(early, late);
  if (earlyOk) return early;
  if (lateOk) return late;
  // A gap: read the time with the offset in force before the change, i.e. move it forward by the gap.
  return early;
}

/** Naive milliseconds of a local date and time (month 1–12). Years 0–99 are kept as such. */
export function naiveOf(y: number, month: number, d: number, h = 0, mi = 0, s = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, month - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date.getTime();
}

/** Midnight of the naive day containing `naive`. */
export function startOfNaiveDay(naive: number): number {
  return naive - (((naive % DAY_MS) + DAY_MS) % DAY_MS);
}

/** Day of the week of a naive time: 0 = Sunday … 6 = Saturday. */
export function naiveWeekday(naive: number): number {
  return new Date(naive).getUTCDay();
}

/** "2025-03-30T02:30" (naive time, minute precision; seconds shown only when not zero). */
export function formatNaive(naive: number): string {
  const iso = new Date(naive).toISOString();
  return iso.slice(16, 19) === ':00' ? iso.slice(0, 16) : iso.slice(0, 19);
}
