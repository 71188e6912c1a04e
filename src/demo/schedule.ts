import type { Rng } from './prng.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export type PhaseName = 'baseline' | 'onset' | 'influencer' | 'media' | 'peak' | 'response' | 'recovery';
export interface Phase {
  name: PhaseName;
  start: number;
  end: number;
}

/** When each beat of the story happens (epoch ms, whole seconds). */
export interface Schedule {
  startMs: number;
  endMs: number;
  onsetMs: number;
  victimEditMs: number;
  influencerMs: number;
  journalistMs: number;
  mediaMs: number;
  employeeMs: number;
  mediaEnMs: number;
  consumersMs: number;
  peakMs: number;
  responseMs: number;
  responseEnMs: number;
  recoveryMs: number;
  /** Baseline beats: a long recipe post, an edited post, the brand's giveaway, a footballer's goal. */
  longPostMs: number;
  editedPostMs: number;
  giveawayMs: number;
  footballMs: number;
  phases: Phase[];
}

const sec = (ms: number): number => Math.floor(ms / 1000) * 1000;

/**
 * The story's timeline. The onset is on day `baselineDays + 1` between 11:30 and 12:15 UTC (12:30–13:15
 * in Paris in winter when `start` is midnight UTC); each later beat follows at a seeded distance.
 */
export function buildSchedule(rng: Rng, startMs: number, baselineDays: number): Schedule {
  const crisisDay = startMs + baselineDays * DAY_MS;
  const onsetMs = sec(crisisDay + 11 * HOUR_MS + rng.int(30, 75) * MINUTE_MS + rng.int(0, 59) * 1000);
  const influencerMs = sec(onsetMs + rng.int(100, 150) * MINUTE_MS + rng.int(0, 59) * 1000);
  const mediaMs = sec(influencerMs + rng.int(130, 170) * MINUTE_MS + rng.int(0, 59) * 1000);
  const peakMs = mediaMs + HOUR_MS;
  const responseMs = sec(onsetMs + rng.int(440, 500) * MINUTE_MS + rng.int(0, 59) * 1000);
  const recoveryMs = responseMs + 3 * HOUR_MS;
  const endMs = startMs + (baselineDays + 3) * DAY_MS;
  const day = (d: number, h: number, m: number): number => sec(startMs + d * DAY_MS + h * HOUR_MS + m * MINUTE_MS);
  const phases: Phase[] = [
    { name: 'baseline', start: startMs, end: onsetMs },
    { name: 'onset', start: onsetMs, end: influencerMs },
    { name: 'influencer', start: influencerMs, end: mediaMs },
    { name: 'media', start: mediaMs, end: peakMs },
    { name: 'peak', start: peakMs, end: responseMs },
    { name: 'response', start: responseMs, end: recoveryMs },
    { name: 'recovery', start: recoveryMs, end: endMs },
  ];
  return {
    startMs,
    endMs,
    onsetMs,
    victimEditMs: onsetMs + rng.int(9, 20) * MINUTE_MS,
    influencerMs,
    journalistMs: mediaMs - rng.int(25, 50) * MINUTE_MS,
    mediaMs,
    employeeMs: mediaMs + rng.int(30, 60) * MINUTE_MS,
    mediaEnMs: mediaMs + rng.int(70, 110) * MINUTE_MS,
    consumersMs: peakMs + rng.int(10, 40) * MINUTE_MS,
    peakMs,
    responseMs,
    responseEnMs: responseMs + rng.int(4, 12) * MINUTE_MS,
    recoveryMs,
    longPostMs: day(Math.min(1, baselineDays - 1), 17, rng.int(0, 59)),
    editedPostMs: day(Math.min(2, baselineDays - 1), 11, rng.int(0, 59)),
    giveawayMs: day(Math.min(3, baselineDays - 1), 17, 0),
    footballMs: day(Math.min(5, baselineDays - 1), 19, 30 + rng.int(0, 20)),
    phases,
  };
}

export function phaseAt(schedule: Schedule, ms: number): PhaseName {
  for (let i = schedule.phases.length - 1; i >= 0; i--) {
    const p = schedule.phases[i];
    if (p !== undefined && ms >= p.start) return p.name;
  }
  return 'baseline';
}
