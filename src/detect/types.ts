import type { Mention, Stakeholder } from '../domain/mention.ts';
import type { Evidence, Severity, SeverityFactor, SignalKind } from '../domain/signal.ts';

/**
 * A streaming detector over one univariate series: one call per point, in time order, no
 * look-ahead; constant time and memory per point. Returns an anomaly score in [0, 1].
 * `t` is the point's time (epoch ms): detectors use it for the daily and weekly rhythm.
 */
export interface StreamingDetector {
  update(t: number, value: number): number;
}

/** What the severity formula reads (src/detect/severity.ts). */
export interface SeverityInput {
  kind: SignalKind;
  /** Anomaly score in [0, 1]. */
  score: number;
  /** Observed and expected values of the detector's quantity in the bucket. */
  observed: number;
  expected: number;
  /** Mentions in the signal's recent window (e.g. the last 15 minutes), and those negative. */
  mentions: number;
  negative: number;
  /** The brand's usual negative share (0–1), or null when unknown (warming up). */
  usualNegativeShare: number | null;
  /** Summed reach of the window's mentions and of the negative ones. */
  reach: number;
  negativeReach: number;
  /** The brand's usual reach for a window that long, or null when unknown. */
  usualReach: number | null;
  /** Distinct influencers, media/journalist accounts and employees speaking in the window. */
  influencers: number;
  media: number;
  employees: number;
  /** Mentions in the latest bucket over the mean of the few before it (≥ 1 means accelerating), or null. */
  velocity: number | null;
  /** Crisis-trigger categories present in the window (from the understanding stage), if any. */
  categories: readonly string[];
}

export interface SeverityResult {
  severity: Severity;
  /** The total the severity was read from. */
  points: number;
  factors: SeverityFactor[];
}

/** What the explainer needs from a mention (a subset of Mention; see src/detect/explain). */
export type ExplainableMention = Pick<
  Mention,
  'id' | 'url' | 'author' | 'text' | 'lang' | 'createdAt' | 'relations' | 'engagement' | 'enrichment'
>;

/** Per-brand incremental "why it spikes" (src/detect/explain). */
export interface BrandExplainer {
  /** Adds one newly stored mention of the brand (any order within the allowed lateness). */
  observe(mention: ExplainableMention): void;
  /** The evidence for the window [from, to) against the brand's baseline before `from`. */
  explain(from: number, to: number): Evidence;
}

export type { Stakeholder };
