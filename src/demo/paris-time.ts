/**
 * Europe/Paris wall-clock time without Intl (fast, and identical on every machine): CET (UTC+1),
 * CEST (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC.
 */
const HOUR_MS = 3_600_000;

function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

export function parisOffsetMs(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const summer = ms >= lastSundayUtc(year, 2) && ms < lastSundayUtc(year, 9);
  return (summer ? 2 : 1) * HOUR_MS;
}

/** The hour of the day (0–23) in Paris. */
export function parisHour(ms: number): number {
  return new Date(ms + parisOffsetMs(ms)).getUTCHours();
}

/** The day of the week in Paris: 0 Sunday … 6 Saturday. */
export function parisWeekday(ms: number): number {
  return new Date(ms + parisOffsetMs(ms)).getUTCDay();
}

/** The hour of the day in Paris as a float (14.5 = 14:30), for smooth rhythms. */
export function parisHourFloat(ms: number): number {
  const local = new Date(ms + parisOffsetMs(ms));
  return local.getUTCHours() + local.getUTCMinutes() / 60;
}
