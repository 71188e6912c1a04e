import { z } from 'zod';
import { CATEGORIES } from '../understand/categories/taxonomy.ts';
import { severityRank as rank } from '../domain/signal.ts';

/**
 * The options of the severity formula (src/detect/severity.ts): points per factor, thresholds,
 * category weights; their defaults, and their validation with errors that name the path.
 */

const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;

function num(what: string, min: number, max = Number.MAX_VALUE) {
  const error = max === Number.MAX_VALUE ? `expected ${what} ≥ ${min}` : `expected ${what} from ${min} to ${max}`;
  return z.number({ error }).min(min, { error }).max(max, { error });
}
const points = (max = 1000) => num('points', 0, max);

const CategoryId = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'expected a category id such as data_breach' });

const Thresholds = z.strictObject({
  /** Points from which a signal is SEV3 (below: SEV4). */
  SEV3: points(),
  SEV2: points(),
  SEV1: points(),
});

const Anomaly = z.strictObject({
  volume: points(),
  negative_volume: points(),
  negative_share: points(),
  reach_negativity: points(),
  influencer_arrival: points(),
  trigger_burst: points(),
});

const NegativeShare = z.strictObject({
  /** Points when the (shrunk) negative share exceeds the usual one by `fullExcess` or more. */
  points: points(),
  fullExcess: num('a share', 0.01, 1),
  /** Strength of the prior: the window's share is pulled towards the usual share as if this many usual mentions were added. */
  priorMentions: num('a number of mentions', 0, 1e6),
  /** Usual share assumed while the brand's own is unknown (warming up). */
  assumedUsual: num('a share', 0, 1),
});

const Reach = z.strictObject({
  points: points(),
  /** Reach this many times the usual gives the full points (log scale from 1×). */
  fullRatio: num('a ratio', 1.01),
});

const NegativeReach = z.strictObject({
  points: points(),
  /** No points below this many people reached by negative posts, whatever the brand. */
  floor: num('a reach', 1),
  /** Nor below this multiple of the brand's usual negative reach. */
  usualMultiple: num('a multiple', 0),
  /** Full points at this many times the floor (log scale). */
  fullFactor: num('a factor', 1.01),
});

const Voices = z.strictObject({
  /** Points per distinct account of the kind speaking in the window… */
  each: points(),
  /** …up to this many. */
  max: points(),
});

const Velocity = z.strictObject({
  points: points(),
  /** Latest bucket this many times the few before gives the full points (log scale from 1×). */
  fullRatio: num('a ratio', 1.01),
});

const VolumeGuard = z.strictObject({
  /** Below this many mentions in the window, anomaly points are scaled by mentions / this. */
  mentions: num('a number of mentions', 0, 1e6),
});

const Categories = z.strictObject({
  /** Points of the most serious crisis-trigger category present (categories do not add up). */
  weights: z.record(CategoryId, points()),
  /** Points of a category id absent from `weights`. */
  unknown: points(),
  /** A category counts only when at least this many mentions of the window carry it… */
  minMentions: num('a number of mentions', 1, 1e6),
  /** …and at least this share of the window's mentions (a stray post does not make a crisis type)… */
  minShare: num('a share', 0, 1),
  /** …and when the brand's usual share of it would give that many with at most this probability (what it hears every day does not count). */
  maxPValue: num('a probability', 0, 1),
});

const SeverityEnum = z.enum(SEVERITIES, { error: `expected one of ${SEVERITIES.join(', ')}` });

const FeedQuiet = z.strictObject({
  /** Severity of a feed_quiet signal. */
  severity: SeverityEnum,
  /** Severity once the feed has been quiet for `longAfterMs`. */
  longSeverity: SeverityEnum,
  longAfterMs: num('a duration in ms', 0),
});

const Sections = {
  thresholds: Thresholds,
  anomaly: Anomaly,
  negativeShare: NegativeShare,
  reach: Reach,
  negativeReach: NegativeReach,
  influencer: Voices,
  media: Voices,
  employee: Voices,
  velocity: Velocity,
  volumeGuard: VolumeGuard,
  categories: Categories,
  feedQuiet: FeedQuiet,
};

/** The complete options (what computeSeverity takes), with the checks that span fields. */
export const SeverityOptionsSchema = z.strictObject(Sections).superRefine((o, ctx) => {
  const t = o.thresholds;
  if (!(t.SEV3 > 0 && t.SEV3 < t.SEV2 && t.SEV2 < t.SEV1)) {
    ctx.addIssue({
      code: 'custom',
      path: ['thresholds'],
      message: `expected 0 < SEV3 < SEV2 < SEV1 (got SEV3 ${t.SEV3}, SEV2 ${t.SEV2}, SEV1 ${t.SEV1})`,
    });
  }
  if (rank(o.feedQuiet.longSeverity) > rank(o.feedQuiet.severity)) {
    ctx.addIssue({
      code: 'custom',
      path: ['feedQuiet', 'longSeverity'],
      message: `expected a severity at least as high as feedQuiet.severity (${o.feedQuiet.severity})`,
    });
  }
});
export type SeverityOptions = z.infer<typeof SeverityOptionsSchema>;

/** What a brand may override: any subset of any section; category weights merge with the defaults. */
export const SeverityOverridesSchema = z.strictObject({
  thresholds: Thresholds.partial().optional(),
  anomaly: Anomaly.partial().optional(),
  negativeShare: NegativeShare.partial().optional(),
  reach: Reach.partial().optional(),
  negativeReach: NegativeReach.partial().optional(),
  influencer: Voices.partial().optional(),
  media: Voices.partial().optional(),
  employee: Voices.partial().optional(),
  velocity: Velocity.partial().optional(),
  volumeGuard: VolumeGuard.partial().optional(),
  categories: Categories.partial().optional(),
  feedQuiet: FeedQuiet.partial().optional(),
});
export type SeverityOverrides = z.infer<typeof SeverityOverridesSchema>;

/** Human names of the crisis-trigger categories of the understanding stage (its taxonomy). */
export const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(CATEGORIES.map((c) => [c.id, c.en.charAt(0).toLowerCase() + c.en.slice(1)])),
  none: 'no crisis trigger',
};

export const DEFAULT_SEVERITY_OPTIONS: SeverityOptions = deepFreeze({
  thresholds: { SEV3: 30, SEV2: 55, SEV1: 80 },
  // A detector on a negative quantity already says sentiment is abnormal: worth more than volume alone.
  // A burst of crisis triggers is negative by construction: weighed like the negative detectors.
  anomaly: { volume: 15, negative_volume: 20, negative_share: 20, reach_negativity: 20, influencer_arrival: 15, trigger_burst: 20 },
  negativeShare: { points: 20, fullExcess: 0.35, priorMentions: 20, assumedUsual: 0.15 },
  reach: { points: 5, fullRatio: 16 },
  negativeReach: { points: 25, floor: 10_000, usualMultiple: 2, fullFactor: 100 },
  influencer: { each: 8, max: 16 },
  media: { each: 12, max: 24 },
  employee: { each: 5, max: 10 },
  velocity: { points: 5, fullRatio: 8 },
  volumeGuard: { mentions: 10 },
  categories: {
    weights: {
      product_defect: 25,
      product_safety: 25,
      data_breach: 25,
      legal: 15,
      conduct: 15,
      service_outage: 12,
      boycott: 12,
      campaign: 10,
      customer_service: 6,
      pricing: 5,
      none: 0,
    },
    unknown: 8,
    minMentions: 2,
    minShare: 0.05,
    maxPValue: 0.001,
  },
  feedQuiet: { severity: 'SEV3', longSeverity: 'SEV2', longAfterMs: 30 * 60_000 },
});

/** Bad severity options: every problem, one a line, each with its path and what was expected. */
export class SeverityOptionsError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid severity options:\n${problems.join('\n')}`);
    this.name = 'SeverityOptionsError';
    this.problems = problems;
  }
}

/**
 * Validates a brand's overrides (from configuration or the API) and merges them over the
 * defaults. `where` prefixes each problem's path (e.g. "brands.kerlann.severity").
 * Throws SeverityOptionsError listing every problem.
 */
export function resolveSeverityOptions(
  overrides: unknown,
  base: SeverityOptions = DEFAULT_SEVERITY_OPTIONS,
  where = 'severity',
): SeverityOptions {
  const parsed = SeverityOverridesSchema.safeParse(overrides ?? {});
  if (!parsed.success) throw new SeverityOptionsError(describeIssues(parsed.error.issues, overrides, where));
  const o = parsed.data;
  const merged = {
    thresholds: { ...base.thresholds, ...o.thresholds },
    anomaly: { ...base.anomaly, ...o.anomaly },
    negativeShare: { ...base.negativeShare, ...o.negativeShare },
    reach: { ...base.reach, ...o.reach },
    negativeReach: { ...base.negativeReach, ...o.negativeReach },
    influencer: { ...base.influencer, ...o.influencer },
    media: { ...base.media, ...o.media },
    employee: { ...base.employee, ...o.employee },
    velocity: { ...base.velocity, ...o.velocity },
    volumeGuard: { ...base.volumeGuard, ...o.volumeGuard },
    categories: {
      weights: { ...base.categories.weights, ...o.categories?.weights },
      unknown: o.categories?.unknown ?? base.categories.unknown,
      minMentions: o.categories?.minMentions ?? base.categories.minMentions,
      minShare: o.categories?.minShare ?? base.categories.minShare,
      maxPValue: o.categories?.maxPValue ?? base.categories.maxPValue,
    },
    feedQuiet: { ...base.feedQuiet, ...o.feedQuiet },
  };
  const full = SeverityOptionsSchema.safeParse(merged);
  if (!full.success) throw new SeverityOptionsError(describeIssues(full.error.issues, merged, where));
  return deepFreeze(full.data);
}

interface Issue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  keys?: readonly string[];
  issues?: readonly { message: string }[];
}

function describeIssues(issues: readonly Issue[], data: unknown, where: string): string[] {
  return issues.map((i) => {
    const path = [where, ...i.path.map(String)].join('.');
    if (i.code === 'unrecognized_keys' && i.keys) {
      return `${path}: unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')} (check the spelling; see docs/detection.md)`;
    }
    if (i.code === 'invalid_key') {
      return `${path}: ${i.issues?.[0]?.message ?? i.message} (got the key ${JSON.stringify(String(i.path.at(-1)))})`;
    }
    const got = valueAt(data, i.path);
    return `${path}: ${i.message}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`;
  });
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return typeof v === 'object' ? undefined : v;
}

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
