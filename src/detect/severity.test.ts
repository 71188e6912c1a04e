import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../demo/prng.ts';
import { severityRank } from '../domain/signal.ts';
import {
  computeSeverity,
  DEFAULT_SEVERITY_OPTIONS,
  resolveSeverityOptions,
  type SeverityArgs,
  SeverityOptionsError,
  severityFor,
} from './severity.ts';
import type { SeverityInput } from './types.ts';

/** A volume bump of a small brand: 5× the usual mentions, ordinary sentiment, nobody notable. */
const BUMP: SeverityInput = {
  kind: 'volume',
  score: 0.95,
  observed: 300,
  expected: 60,
  mentions: 300,
  negative: 36,
  usualNegativeShare: 0.12,
  reach: 60_000,
  negativeReach: 7_000,
  usualReach: 20_000,
  influencers: 0,
  media: 0,
  employees: 0,
  velocity: 2,
  categories: [],
};

/** A strong negative anomaly: negative volume 10× its usual, 58% negative against 12% usually. */
const NEGATIVE: SeverityInput = {
  ...BUMP,
  kind: 'negative_volume',
  observed: 70,
  expected: 7,
  mentions: 120,
  negative: 70,
  negativeReach: 35_000,
};

function factor(r: { factors: { name: string; points: number }[] }, name: string): number {
  return r.factors.find((f) => f.name === name)?.points ?? 0;
}

test('intent: a bump is SEV4, a strong negative anomaly SEV3, with media or reach SEV2, with a breach or huge reach SEV1', () => {
  assert.equal(computeSeverity(BUMP).severity, 'SEV4');
  // The same bump at its most extreme (score 1, 10× acceleration) is still only a watch.
  assert.equal(computeSeverity({ ...BUMP, score: 1, velocity: 10, reach: 200_000, negativeReach: 20_000 }).severity, 'SEV4');
  // A big brand's ordinary bump: its usual negative reach is large, so 3× of it stays a watch.
  const big = { ...BUMP, reach: 3e6, usualReach: 1e6, negativeReach: 360_000 };
  assert.equal(computeSeverity(big).severity, 'SEV4');

  assert.equal(computeSeverity(NEGATIVE).severity, 'SEV3');
  // Strong negativity on a volume signal (not a negative detector) is still SEV3.
  assert.equal(computeSeverity({ ...NEGATIVE, kind: 'volume' }).severity, 'SEV3');

  assert.equal(computeSeverity({ ...NEGATIVE, media: 1 }).severity, 'SEV2');
  assert.equal(computeSeverity({ ...NEGATIVE, influencers: 1, negativeReach: 150_000 }).severity, 'SEV2');
  assert.equal(computeSeverity({ ...NEGATIVE, reach: 1.5e6, negativeReach: 1.2e6 }).severity, 'SEV2');

  const withMedia = { ...NEGATIVE, media: 1, negativeReach: 120_000 };
  assert.equal(computeSeverity({ ...withMedia, categories: ['data_breach'] }).severity, 'SEV1');
  assert.equal(computeSeverity({ ...withMedia, categories: ['product_defect'] }).severity, 'SEV1');
  assert.equal(computeSeverity({ ...withMedia, categories: ['pricing'] }).severity, 'SEV2');
  assert.equal(computeSeverity({ ...withMedia, reach: 3e6, negativeReach: 2.5e6 }).severity, 'SEV1');
});

test('the factors sum to the points, each with a one-sentence English detail', () => {
  const rng = new Rng(7);
  for (let i = 0; i < 500; i++) {
    const r = computeSeverity(randomInput(rng));
    const sum = r.factors.reduce((s, f) => s + f.points, 0);
    assert.ok(Math.abs(sum - r.points) < 1e-9, `factors sum ${sum}, points ${r.points}`);
    assert.equal(r.severity, severityFor(r.points));
    for (const f of r.factors) {
      assert.notEqual(f.points, 0, `${f.name} listed without points`);
      assert.match(f.detail, /^[A-Z0-9].*\.$/, `detail of ${f.name}: ${f.detail}`);
      assert.ok(Number.isFinite(f.value));
    }
  }
});

test('negative share: "58% negative, usual 12%", shrunk on small windows, none below the usual', () => {
  const r = computeSeverity(NEGATIVE);
  const f = r.factors.find((x) => x.name === 'negative_share');
  assert.ok(f);
  assert.match(f.detail, /58% negative \(70 of 120\), usual 12%/);
  // 3 negative mentions out of 3 count for much less than 60 out of 60.
  const few = factor(computeSeverity({ ...NEGATIVE, mentions: 3, negative: 3 }), 'negative_share');
  const many = factor(computeSeverity({ ...NEGATIVE, mentions: 60, negative: 60 }), 'negative_share');
  assert.ok(few > 0 && few < many / 2, `few ${few}, many ${many}`);
  // At or below the usual share: no points.
  assert.equal(factor(computeSeverity({ ...BUMP, negative: 20 }), 'negative_share'), 0);
  // Unknown usual share: assumed, and said so.
  const unknown = computeSeverity({ ...NEGATIVE, usualNegativeShare: null }).factors.find((x) => x.name === 'negative_share');
  assert.match(unknown?.detail ?? '', /assumed/);
});

test('each factor moves the points the right way', () => {
  // Below every cap, so that each factor has room to grow.
  const MID: SeverityInput = { ...NEGATIVE, negative: 40 };
  const base = computeSeverity(MID).points;
  const more: Array<[string, Partial<SeverityInput>]> = [
    ['anomaly', { score: 1 }],
    ['negative_share', { negative: 90 }],
    ['reach', { reach: 200_000 }],
    ['negative_reach', { negativeReach: 200_000 }],
    ['influencer', { influencers: 2 }],
    ['media', { media: 1 }],
    ['employee', { employees: 1 }],
    ['velocity', { velocity: 6 }],
    ['category', { categories: ['legal'] }],
  ];
  for (const [name, change] of more) {
    const r = computeSeverity({ ...MID, ...change });
    assert.ok(r.points > base, `${name}: ${r.points} should exceed ${base}`);
    assert.ok(factor(r, name) > factor(computeSeverity(MID), name), `${name} factor should grow`);
  }
  // Less of it lowers the points.
  assert.ok(computeSeverity({ ...MID, score: 0.5 }).points < base);
  assert.ok(computeSeverity({ ...MID, negative: 20 }).points < base);
  assert.ok(computeSeverity({ ...MID, velocity: 0.5 }).points < base);
  assert.ok(computeSeverity({ ...MID, usualNegativeShare: 0.3 }).points < base);
  // A negative detector's anomaly weighs more than a volume one.
  assert.ok(factor(computeSeverity(NEGATIVE), 'anomaly') > factor(computeSeverity({ ...NEGATIVE, kind: 'volume' }), 'anomaly'));
  // Voices are capped.
  assert.equal(factor(computeSeverity({ ...NEGATIVE, media: 50 }), 'media'), DEFAULT_SEVERITY_OPTIONS.media.max);
});

test('categories: the most serious one counts once; unknown ids are generic; "none" counts nothing', () => {
  const pts = (categories: string[]) => factor(computeSeverity({ ...BUMP, categories }), 'category');
  assert.ok(pts(['data_breach']) > pts(['pricing']));
  assert.ok(pts(['product_defect']) > pts(['customer_service']));
  assert.equal(pts(['pricing', 'data_breach', 'legal']), pts(['data_breach']));
  assert.equal(pts(['moon_landing']), DEFAULT_SEVERITY_OPTIONS.categories.unknown);
  assert.equal(pts(['none']), 0);
  const detail = computeSeverity({ ...BUMP, categories: ['moon_landing', 'pricing'] }).factors.find((f) => f.name === 'category')?.detail;
  assert.match(detail ?? '', /moon_landing \(not a known category: counted as generic\); also pricing or billing/);
  // A bump about a data breach deserves a look.
  assert.equal(computeSeverity({ ...BUMP, categories: ['data_breach'] }).severity, 'SEV3');
});

test('a handful of mentions cannot make a strong anomaly', () => {
  const sparse: SeverityInput = {
    ...NEGATIVE,
    score: 0.99,
    mentions: 3,
    negative: 3,
    observed: 3,
    expected: 0.02,
    reach: 900,
    negativeReach: 900,
    usualReach: 300,
  };
  const r = computeSeverity(sparse);
  assert.equal(r.severity, 'SEV4');
  assert.ok(factor(r, 'volume_guard') < 0);
  assert.match(r.factors.find((f) => f.name === 'volume_guard')?.detail ?? '', /Only 3 mentions/);
  // More mentions, same share: more points (the guard is monotonic).
  assert.ok(computeSeverity({ ...sparse, mentions: 8, negative: 8 }).points > r.points);
  assert.equal(factor(computeSeverity({ ...sparse, mentions: 10, negative: 10 }), 'volume_guard'), 0);
});

test('monotonic: more negative, more reach, more voices, faster, a category never lower the severity', () => {
  const rng = new Rng(20260309);
  const bumps: Array<(x: SeverityInput) => SeverityInput> = [
    (x) => ({ ...x, negative: Math.min(x.mentions, x.negative + 1 + rng.int(0, 50)) }),
    (x) => ({ ...x, reach: x.reach * (1 + rng.next() * 10) }),
    (x) => ({ ...x, negativeReach: x.negativeReach * (1 + rng.next() * 10) + 1000 }),
    (x) => {
      const k = 1 + rng.next() * 10;
      return { ...x, reach: x.reach * k, negativeReach: x.negativeReach * k };
    },
    (x) => ({ ...x, score: Math.min(1, x.score + rng.next() * 0.5) }),
    (x) => ({ ...x, influencers: x.influencers + 1 }),
    (x) => ({ ...x, media: x.media + 1 }),
    (x) => ({ ...x, employees: x.employees + 1 }),
    (x) => ({ ...x, velocity: (x.velocity ?? 1) * (1 + rng.next() * 4) }),
    (x) => ({ ...x, categories: [...x.categories, rng.pick(['data_breach', 'pricing', 'legal', 'other'])] }),
    (x) => ({ ...x, usualNegativeShare: x.usualNegativeShare === null ? null : x.usualNegativeShare * rng.next() }),
  ];
  for (let i = 0; i < 3000; i++) {
    const x = randomInput(rng);
    const y = rng.pick(bumps)(x);
    const a = computeSeverity(x);
    const b = computeSeverity(y);
    assert.ok(b.points >= a.points, `points fell from ${a.points} to ${b.points}:\n${JSON.stringify(x)}\n${JSON.stringify(y)}`);
    assert.ok(severityRank(b.severity) <= severityRank(a.severity));
  }
});

test('thresholds: exactly on a threshold is that severity, just below is the one under', () => {
  const t = DEFAULT_SEVERITY_OPTIONS.thresholds;
  assert.equal(severityFor(t.SEV3), 'SEV3');
  assert.equal(severityFor(t.SEV3 - 0.1), 'SEV4');
  assert.equal(severityFor(t.SEV2), 'SEV2');
  assert.equal(severityFor(t.SEV2 - 0.1), 'SEV3');
  assert.equal(severityFor(t.SEV1), 'SEV1');
  assert.equal(severityFor(t.SEV1 - 0.1), 'SEV2');
  assert.equal(severityFor(0), 'SEV4');
  // Through the formula: a lone category whose weight sits on a threshold.
  const quietInput: SeverityInput = { ...BUMP, score: 0, negative: 0, reach: 0, negativeReach: 0, velocity: null, mentions: 50 };
  for (const [sev, points] of [['SEV3', t.SEV3], ['SEV2', t.SEV2], ['SEV1', t.SEV1]] as const) {
    const on = resolveSeverityOptions({ categories: { weights: { custom: points, below: points - 0.1 } } });
    assert.equal(computeSeverity({ ...quietInput, categories: ['custom'] }, on).severity, sev);
    assert.notEqual(computeSeverity({ ...quietInput, categories: ['below'] }, on).severity, sev);
  }
  assert.deepEqual(computeSeverity(quietInput), { severity: 'SEV4', points: 0, factors: [] });
});

test('feed_quiet has its own rule: SEV3, SEV2 once silent long', () => {
  const quiet: SeverityArgs = { ...BUMP, kind: 'feed_quiet', score: 1, observed: 0, expected: 95, mentions: 0, negative: 0 };
  const r = computeSeverity(quiet);
  assert.equal(r.severity, 'SEV3');
  assert.match(r.factors[0]?.detail ?? '', /Listening went quiet: 0 mentions where 95 were expected/);
  assert.equal(computeSeverity({ ...quiet, silentForMs: 29 * 60_000 }).severity, 'SEV3');
  const long = computeSeverity({ ...quiet, silentForMs: 30 * 60_000 });
  assert.equal(long.severity, 'SEV2');
  assert.equal(long.points, long.factors.reduce((s, f) => s + f.points, 0));
  assert.match(long.factors[1]?.detail ?? '', /Quiet for 30 min/);
  // Voices, reach and categories mean nothing in silence.
  assert.equal(computeSeverity({ ...quiet, media: 3, categories: ['data_breach'] }).severity, 'SEV3');
  // A brand may make it louder.
  const loud = resolveSeverityOptions({ feedQuiet: { severity: 'SEV2', longSeverity: 'SEV1', longAfterMs: 600_000 } });
  assert.equal(computeSeverity(quiet, loud).severity, 'SEV2');
  assert.equal(computeSeverity({ ...quiet, silentForMs: 600_000 }, loud).severity, 'SEV1');
});

test('a brand overrides weights and thresholds; the rest keeps its defaults', () => {
  const o = resolveSeverityOptions({ media: { each: 30 }, thresholds: { SEV2: 40 }, categories: { weights: { recall: 40 } } });
  assert.equal(o.media.each, 30);
  assert.equal(o.media.max, DEFAULT_SEVERITY_OPTIONS.media.max);
  assert.equal(o.thresholds.SEV3, DEFAULT_SEVERITY_OPTIONS.thresholds.SEV3);
  assert.equal(o.categories.weights.data_breach, DEFAULT_SEVERITY_OPTIONS.categories.weights.data_breach);
  assert.equal(computeSeverity(NEGATIVE, o).severity, 'SEV2');
  assert.equal(factor(computeSeverity({ ...BUMP, categories: ['recall'] }, o), 'category'), 40);
  assert.deepEqual(resolveSeverityOptions(undefined), DEFAULT_SEVERITY_OPTIONS);
  assert.ok(Object.isFrozen(o.categories.weights));
});

test('bad options are rejected with every problem, its path and what was expected', () => {
  const problems = (overrides: unknown): string[] => {
    try {
      resolveSeverityOptions(overrides, DEFAULT_SEVERITY_OPTIONS, 'brands.kerlann.severity');
    } catch (e) {
      assert.ok(e instanceof SeverityOptionsError);
      return [...e.problems];
    }
    assert.fail('expected a SeverityOptionsError');
  };
  assert.deepEqual(problems({ media: { each: -1 } }), ['brands.kerlann.severity.media.each: expected points from 0 to 1000 (got -1)']);
  assert.match(problems({ thresholds: { SEV2: 20 } })[0] ?? '', /thresholds: expected 0 < SEV3 < SEV2 < SEV1 \(got SEV3 30, SEV2 20, SEV1 80\)/);
  assert.match(problems({ medias: { each: 1 } })[0] ?? '', /severity: unknown key "medias"/);
  assert.match(problems({ media: { eahc: 1 } })[0] ?? '', /severity\.media: unknown key "eahc"/);
  assert.match(problems({ categories: { weights: { 'Data Breach': 3 } } })[0] ?? '', /categories\.weights\.Data Breach: expected a category id such as data_breach \(got the key "Data Breach"\)/);
  assert.match(problems({ feedQuiet: { longSeverity: 'SEV4' } })[0] ?? '', /feedQuiet\.longSeverity: expected a severity at least as high as feedQuiet\.severity \(SEV3\)/);
  assert.match(problems({ feedQuiet: { severity: 'SEV9' } })[0] ?? '', /feedQuiet\.severity: expected one of SEV1, SEV2, SEV3, SEV4 \(got "SEV9"\)/);
  assert.match(problems({ negativeShare: { fullExcess: 'a lot' } })[0] ?? '', /negativeShare\.fullExcess: expected a share from 0\.01 to 1 \(got "a lot"\)/);
  assert.equal(problems({ media: { each: -1 }, reach: { points: -2 } }).length, 2);
  assert.match(problems(42)[0] ?? '', /brands\.kerlann\.severity/);
});

test('a bad input number is a clear error naming the field', () => {
  assert.throws(() => computeSeverity({ ...BUMP, score: Number.NaN }), /computeSeverity: score must be a finite number ≥ 0 \(got NaN\) on a volume signal/);
  assert.throws(() => computeSeverity({ ...BUMP, reach: -5 }), /reach must be a finite number/);
  assert.throws(() => computeSeverity({ ...BUMP, velocity: Number.POSITIVE_INFINITY }), /velocity/);
  // negative > mentions (counts from two sources) is read as everything negative, not an error.
  assert.equal(computeSeverity({ ...NEGATIVE, negative: 500 }).severity, computeSeverity({ ...NEGATIVE, negative: 120 }).severity);
});

function randomInput(rng: Rng): SeverityInput {
  const mentions = rng.int(0, 400);
  const reach = rng.chance(0.1) ? 0 : rng.logNormal(30_000, 2);
  return {
    kind: rng.pick(['volume', 'negative_volume', 'negative_share', 'reach_negativity', 'influencer_arrival'] as const),
    score: rng.next(),
    observed: rng.int(0, 500),
    expected: rng.next() * 100,
    mentions,
    negative: rng.int(0, mentions),
    usualNegativeShare: rng.chance(0.2) ? null : rng.next() * 0.5,
    reach,
    negativeReach: reach * rng.next(),
    usualReach: rng.chance(0.2) ? null : rng.logNormal(20_000, 1.5),
    influencers: rng.chance(0.7) ? 0 : rng.int(1, 4),
    media: rng.chance(0.8) ? 0 : rng.int(1, 3),
    employees: rng.chance(0.9) ? 0 : rng.int(1, 3),
    velocity: rng.chance(0.2) ? null : rng.next() * 6,
    categories: rng.chance(0.6) ? [] : [rng.pick(['data_breach', 'pricing', 'legal', 'whatever', 'none'])],
  };
}
