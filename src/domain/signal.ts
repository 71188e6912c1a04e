import { z } from 'zod';
import { WorkspaceIdSchema } from './ids.ts';
import { SentimentLabelSchema, StakeholderSchema } from './mention.ts';

/**
 * Severity of a signal, from SEV4 (watch) to SEV1 (critical). The formula is in
 * src/detect/severity.ts and docs/detection.md; every signal carries the factors that made it.
 */
export const SeveritySchema = z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
export type Severity = z.infer<typeof SeveritySchema>;

/** Numeric rank: SEV1 → 1 … SEV4 → 4 (lower is more severe). */
export function severityRank(s: Severity): number {
  return Number(s.slice(3));
}

/** The more severe of two severities. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) <= severityRank(b) ? a : b;
}

/**
 * What a signal is about.
 * - volume: mentions per bucket far above what the brand's rhythm predicts.
 * - negative_volume: negative mentions per bucket far above expectation.
 * - negative_share: the share of negative mentions far above its usual level (guarded against tiny volumes).
 * - reach_negativity: reach-weighted negative mentions (many people see negative posts).
 * - influencer_arrival: influencers or media accounts speaking about the brand beyond their usual rate.
 * - feed_quiet: listening went quiet (far fewer mentions than expected: a dead connector is not a calm day).
 * - trigger_burst: negative mentions carrying a serious crisis-trigger category (product safety, data
 *   breach…) far above the brand's usual rate for that category: a crisis told by its content
 *   before its volume.
 */
export const SignalKindSchema = z.enum([
  'volume',
  'negative_volume',
  'negative_share',
  'reach_negativity',
  'influencer_arrival',
  'feed_quiet',
  'trigger_burst',
]);
export type SignalKind = z.infer<typeof SignalKindSchema>;

/** One term of the severity formula: what was measured, the points it gave, and why. */
export const SeverityFactorSchema = z.object({
  /** anomaly | negative_share | reach | influencer | media | employee | velocity | category | volume_guard | … */
  name: z.string(),
  /** The measured value (a ratio, a share, a count…), as used by the formula. */
  value: z.number(),
  /** Points this factor added to the total (the total maps to the severity). */
  points: z.number(),
  /** One short English sentence, e.g. "42% negative (usual 9%)". */
  detail: z.string(),
});
export type SeverityFactor = z.infer<typeof SeverityFactorSchema>;

export const BurstTermSchema = z.object({
  term: z.string(),
  /** Occurrences in the signal's window. */
  count: z.number().int().nonnegative(),
  /** Occurrences the brand's own baseline predicts for a window of that size. */
  expected: z.number().nonnegative(),
  /** Dunning log-likelihood ratio (G²) of window vs baseline; higher is burstier. */
  llr: z.number(),
});
export type BurstTerm = z.infer<typeof BurstTermSchema>;

export const EvidencePostSchema = z.object({
  mentionId: z.string(),
  url: z.string().nullable(),
  authorId: z.string(),
  authorHandle: z.string().nullable(),
  followers: z.number().int().nonnegative().nullable(),
  /** The text, cut to 280 characters at most. */
  text: z.string(),
  lang: z.string().nullable(),
  createdAt: z.number().int(),
  reach: z.number().nonnegative(),
  sentiment: SentimentLabelSchema.nullable(),
});
export type EvidencePost = z.infer<typeof EvidencePostSchema>;

export const EvidenceAuthorSchema = z.object({
  authorId: z.string(),
  handle: z.string().nullable(),
  followers: z.number().int().nonnegative().nullable(),
  stakeholder: StakeholderSchema.nullable(),
  /** Mentions by this author in the window. */
  mentions: z.number().int().nonnegative(),
  reach: z.number().nonnegative(),
});
export type EvidenceAuthor = z.infer<typeof EvidenceAuthorSchema>;

export const StorylineSchema = z.object({
  id: z.string(),
  /** near_duplicate: texts that are near-identical (SimHash/MinHash); repost_chain: reposts and quotes of one root post. */
  kind: z.enum(['near_duplicate', 'repost_chain']),
  size: z.number().int().positive(),
  authors: z.number().int().nonnegative(),
  firstAt: z.number().int(),
  lastAt: z.number().int(),
  /** The root post of a chain, or the cluster's earliest member. */
  representative: EvidencePostSchema,
  reach: z.number().nonnegative(),
  /**
   * Signs of organised or automated amplification (src/understand/coordination.ts): young,
   * low-follower, prolific or empty accounts, posting fast or again and again. Absent from
   * evidence made before it existed.
   */
  coordination: z
    .object({
      /** In [0, 1]: 0 organic, 1 surely coordinated. */
      score: z.number().min(0).max(1),
      level: z.enum(['organic', 'mixed', 'suspected']),
      /** What counted, in English (e.g. "38 of 40 posts from accounts under 30 days old"). */
      reasons: z.array(z.string()),
    })
    .optional(),
});
export type Storyline = z.infer<typeof StorylineSchema>;

/** "Why it spikes": what the brand's mentions in the signal's window say, against its own baseline. */
export const EvidenceSchema = z.object({
  /** The window the evidence covers, epoch ms [from, to). */
  from: z.number().int(),
  to: z.number().int(),
  mentions: z.number().int().nonnegative(),
  terms: z.array(BurstTermSchema),
  hashtags: z.array(BurstTermSchema),
  topPosts: z.array(EvidencePostSchema),
  topAuthors: z.array(EvidenceAuthorSchema),
  storylines: z.array(StorylineSchema),
  /** A few mentions per language, most reached first. */
  samples: z.array(z.object({ lang: z.string(), mentions: z.array(EvidencePostSchema) })),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * A signal is one episode of anomaly on one brand and one kind: opened at the first anomalous
 * bucket, updated while the anomaly lasts (peak score, highest severity), closed once the series
 * has been calm for a while. The same id is upserted as it evolves.
 */
export const SignalSchema = z.object({
  id: z.string().min(1).max(200),
  workspaceId: WorkspaceIdSchema,
  brandId: z.string(),
  kind: SignalKindSchema,
  status: z.enum(['open', 'closed']),
  /** Start of the first anomalous bucket, epoch ms. */
  startedAt: z.number().int(),
  /** Start of the last bucket that updated the signal. */
  updatedAt: z.number().int(),
  /** Start of the bucket at which the episode was closed, or null while open. */
  endedAt: z.number().int().nullable(),
  bucketMs: z.number().int().positive(),
  /** Peak anomaly score in [0, 1]. */
  score: z.number().min(0).max(1),
  /** Highest severity reached in the episode. */
  severity: SeveritySchema,
  /** The factors behind `severity` (at the bucket where it was reached). */
  factors: z.array(SeverityFactorSchema),
  /** Observed and expected values of the detector's quantity at the peak. */
  observed: z.number(),
  expected: z.number(),
  /** One English sentence saying what happened, e.g. "Mentions 8.2× the usual level (312 vs 38 per 5 min)". */
  summary: z.string(),
  evidence: EvidenceSchema.nullable(),
  /** True when made during a drill or a replay that must not page anyone. */
  drill: z.boolean(),
});
export type Signal = z.infer<typeof SignalSchema>;
