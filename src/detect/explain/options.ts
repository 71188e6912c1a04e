/**
 * The explainer's settings: the recent horizon, the bounds of every structure (which make its
 * memory bounded whatever the volume), the baseline's decay, and the size of the evidence.
 */
export interface ExplainerLimits {
  /** Length of a slot (ms): windows are explained in whole slots. */
  slotMs: number;
  /** Slots held in the recent horizon (the latest `horizonSlots` slots that have mentions). */
  horizonSlots: number;
  /** Half-life of the baseline's decayed counts (ms). */
  halfLifeMs: number;
  /** Terms and hashtags counted per slot (the map may grow to twice this before pruning). */
  termsPerSlot: number;
  /** Below this many (decayed) mentions in the baseline, the held slots before a window count in it too. */
  baselineMinMentions: number;
  /** Terms in the baseline vocabulary (may grow to 1.5 × this before pruning). */
  baselineTerms: number;
  postsPerSlot: number;
  /** Authors tallied per slot (may grow to twice this before pruning). */
  authorsPerSlot: number;
  clustersPerSlot: number;
  /** Repost chains per slot (may grow to twice this before pruning). */
  chainsPerSlot: number;
  languagesPerSlot: number;
  samplesPerLanguage: number;
  /** Two texts are near-duplicates when their 64-bit SimHashes differ in at most this many bits. */
  maxHamming: number;
  /** Texts with fewer distinct terms and hashtags are too short to compare (their fingerprints mean little). */
  minClusterTerms: number;
  /** A term must be in at least this many of the window's mentions to be reported. */
  minTermCount: number;
  topTerms: number;
  topPosts: number;
  topAuthors: number;
  topStorylines: number;
  minStorylineSize: number;
  /** Languages given samples (the most frequent first). */
  sampleLanguages: number;
}

export type ExplainerOptions = Partial<ExplainerLimits>;

export const DEFAULT_LIMITS: Readonly<ExplainerLimits> = {
  slotMs: 60_000,
  horizonSlots: 180,
  halfLifeMs: 3 * 24 * 3600_000,
  termsPerSlot: 128,
  baselineMinMentions: 200,
  baselineTerms: 10_000,
  postsPerSlot: 10,
  authorsPerSlot: 24,
  clustersPerSlot: 24,
  chainsPerSlot: 16,
  languagesPerSlot: 16,
  samplesPerLanguage: 3,
  maxHamming: 12,
  minClusterTerms: 4,
  minTermCount: 3,
  topTerms: 10,
  topPosts: 10,
  topAuthors: 10,
  topStorylines: 10,
  minStorylineSize: 2,
  sampleLanguages: 6,
};

/** The settings with defaults filled in; throws a RangeError naming the first bad one. */
export function resolveLimits(options: ExplainerOptions = {}): ExplainerLimits {
  const out: ExplainerLimits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ExplainerLimits)[]) {
    const v = options[key];
    if (v === undefined) continue;
    const min = key === 'maxHamming' || key === 'minClusterTerms' || key === 'baselineMinMentions' ? 0 : 1;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      throw new RangeError(
        `Explainer option ${key} must be an integer of at least ${min} (got ${String(v)}); leave it out to use ${DEFAULT_LIMITS[key]}.`,
      );
    }
    out[key] = v;
  }
  if (out.maxHamming > 32) {
    throw new RangeError(`Explainer option maxHamming must be at most 32 bits of 64 (got ${out.maxHamming}); the default is ${DEFAULT_LIMITS.maxHamming}.`);
  }
  return out;
}
