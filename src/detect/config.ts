import { z } from 'zod';

/**
 * Detection settings: one set of global defaults, overridable per brand (never tuned per series).
 * Each value is documented in docs/detection.md ("Detectors").
 */
export const DetectionOptionsSchema = z.strictObject({
  /** Width of a detection bucket, minutes: the 1-minute series is judged every this many minutes. */
  bucketMinutes: z.number().int().min(1).max(60),
  /** Offset of the audience's local time from UTC, minutes (the daily rhythm follows it). */
  utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60),
  /** A kind's episode opens when its score reaches this, and stays open while it is above `closeScore`. */
  openScore: z.number().min(0).max(1),
  closeScore: z.number().min(0).max(1),
  /** Detection buckets below `closeScore` before an episode closes. */
  calmBuckets: z.number().int().min(1).max(1000),
  /** The trailing window (detection buckets) described by severity and evidence. */
  contextBuckets: z.number().int().min(1).max(100),
  /** Trailing windows of the count and share tests, in detection buckets. */
  windows: z.array(z.number().int().min(1).max(288)).min(1).max(6),
  /** −log10 p at which a count or share test starts scoring, and at which it reaches 1. */
  minDecades: z.number().min(1).max(50),
  fullDecades: z.number().min(2).max(100),
  /** Negative share: no judgement under this many mentions in the window. */
  shareMinMentions: z.number().int().min(1).max(100000),
  /** Reach-weighted negativity: fires at this multiple of the usual negative reach (0.5), 1 at ten times it… */
  reachMinRatio: z.number().min(1),
  /** …and never under this many people reached (the most reached post left out). */
  reachFloor: z.number().min(0),
  /** Days of stored series replayed (without signalling) to warm the detectors up at start. */
  primeDays: z.number().min(0).max(60),
});
export type DetectionOptions = z.infer<typeof DetectionOptionsSchema>;

export const DEFAULT_DETECTION_OPTIONS: Readonly<DetectionOptions> = Object.freeze({
  bucketMinutes: 5,
  utcOffsetMinutes: 60,
  openScore: 0.5,
  closeScore: 0.25,
  calmBuckets: 6,
  contextBuckets: 3,
  windows: [1, 3, 12],
  minDecades: 4,
  fullDecades: 12,
  shareMinMentions: 8,
  reachMinRatio: 10,
  reachFloor: 10_000,
  primeDays: 14,
});

export class DetectionOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DetectionOptionsError';
  }
}

/** Defaults overridden by `overrides` (validated: unknown keys and bad values are named). */
export function resolveDetectionOptions(overrides: unknown, where = 'detection'): DetectionOptions {
  const merged = { ...DEFAULT_DETECTION_OPTIONS, ...(typeof overrides === 'object' && overrides !== null ? overrides : {}) };
  const parsed = DetectionOptionsSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${where}.${i.path.join('.')}: ${i.message}`);
    throw new DetectionOptionsError(`invalid detection options:\n  ${lines.join('\n  ')}`);
  }
  const o = parsed.data;
  if (o.closeScore > o.openScore) throw new DetectionOptionsError(`${where}.closeScore (${o.closeScore}) must not exceed openScore (${o.openScore})`);
  if (o.fullDecades <= o.minDecades) throw new DetectionOptionsError(`${where}.fullDecades (${o.fullDecades}) must exceed minDecades (${o.minDecades})`);
  if (overrides !== undefined && (typeof overrides !== 'object' || overrides === null)) {
    throw new DetectionOptionsError(`${where}: expected a mapping of options, got ${JSON.stringify(overrides)}`);
  }
  return o;
}
