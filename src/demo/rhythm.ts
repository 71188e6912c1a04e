import { parisHourFloat, parisWeekday } from './paris-time.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, type Schedule } from './schedule.ts';

/** Relative volume per Paris hour (value at hh:30), weekdays: quiet nights, lunch and evening peaks. */
export const WEEKDAY_PROFILE = [
  0.25, 0.12, 0.06, 0.04, 0.04, 0.07, 0.2, 0.45, 0.65, 0.75, 0.8, 0.95, 1.35, 1.3, 0.9, 0.8, 0.85, 1.0, 1.35, 1.7,
  1.8, 1.5, 1.0, 0.55,
];
/** Weekends: later mornings, a long Sunday-lunch peak, busier overall. */
export const WEEKEND_PROFILE = [
  0.4, 0.25, 0.12, 0.06, 0.04, 0.04, 0.08, 0.2, 0.45, 0.8, 1.1, 1.4, 1.6, 1.5, 1.0, 0.8, 0.85, 1.0, 1.3, 1.6, 1.7,
  1.45, 1.05, 0.7,
];
/** Volume of the whole day relative to a weekday, by Paris weekday (0 Sunday). */
export const WEEKDAY_FACTOR = [1.2, 0.95, 1, 1, 1.05, 1.1, 1.3];

/** Brand posts per hour on a weekday at profile weight 1. */
export const BASELINE_PER_HOUR = 70;
/** Homonym posts ("Kerlan", "Ker Lann") as a share of the baseline. */
export const NOISE_SHARE = 0.03;

function profileAt(profile: readonly number[], hour: number): number {
  const x = hour - 0.5;
  const i = Math.floor(x);
  const f = x - i;
  const a = profile[(i + 24) % 24] ?? 0;
  const b = profile[(i + 25) % 24] ?? 0;
  return a + (b - a) * f;
}

/** Expected baseline posts per minute at `ms`; `dayFactor` is the seeded day-to-day wobble. */
export function baselinePerMinute(ms: number, dayFactor: number): number {
  const wd = parisWeekday(ms);
  const profile = wd === 0 || wd === 6 ? WEEKEND_PROFILE : WEEKDAY_PROFILE;
  return (BASELINE_PER_HOUR / 60) * profileAt(profile, parisHourFloat(ms)) * (WEEKDAY_FACTOR[wd] ?? 1) * dayFactor;
}

/** Piecewise-linear envelope of crisis posts per minute, anchored on the story's beats. */
export function crisisKnots(s: Schedule): Array<[number, number]> {
  const r = s.responseMs;
  return [
    [s.onsetMs, 0.2],
    [s.influencerMs, 1.2],
    [s.influencerMs + 20 * MINUTE_MS, 6],
    [s.mediaMs, 10],
    [s.mediaMs + 40 * MINUTE_MS, 24],
    [s.peakMs, 38],
    [r, 44],
    [r + 45 * MINUTE_MS, 34],
    [r + 3 * HOUR_MS, 13],
    [r + 8 * HOUR_MS, 2.5],
    [r + 14 * HOUR_MS, 8],
    [r + 20 * HOUR_MS, 4.5],
    [r + 30 * HOUR_MS, 1.2],
    [r + 44 * HOUR_MS, 0.3],
    [Math.max(s.endMs, r + 2 * DAY_MS), 0.1],
  ];
}

export function crisisPerMinute(knots: ReadonlyArray<readonly [number, number]>, ms: number): number {
  const first = knots[0];
  if (first === undefined || ms < first[0]) return 0;
  for (let i = 1; i < knots.length; i++) {
    const [t1, v1] = knots[i] as readonly [number, number];
    const [t0, v0] = knots[i - 1] as readonly [number, number];
    if (ms < t1) return v0 + ((v1 - v0) * (ms - t0)) / (t1 - t0);
  }
  return knots[knots.length - 1]?.[1] ?? 0;
}

/** Extra retweets of the brand's giveaway: a bump that decays over a couple of hours. */
export function giveawayPerMinute(s: Schedule, ms: number): number {
  if (ms < s.giveawayMs) return 0;
  return 1.6 * Math.exp(-(ms - s.giveawayMs) / (50 * MINUTE_MS));
}

/** The footballer's goal: homonym posts for an hour or so. */
export function footballPerMinute(s: Schedule, ms: number): number {
  if (ms < s.footballMs) return 0;
  return 2 * Math.exp(-(ms - s.footballMs) / (20 * MINUTE_MS));
}
