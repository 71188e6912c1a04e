import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../demo/prng.ts';
import {
  DEFAULT_FEED_HEALTH_OPTIONS,
  FeedHealthDetector,
  FeedHealthOptionsError,
  type FeedHealthState,
  poissonLowerTailLogBound,
} from './feed-health.ts';
import { computeSeverity } from './severity.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Monday 2026-03-02 00:00 UTC. */
const T0 = Date.UTC(2026, 2, 2);

/**
 * A brand's mentions per minute: about 20/min in the afternoon, 2/min at 03:00, smooth in
 * between; weekends at 60%. `wobble` multiplies whole days (seeded), as real days differ.
 */
function brandRate(t: number, scale = 1): number {
  const h = ((t - T0) % DAY) / HOUR;
  const day = 0.5 - 0.5 * Math.cos((2 * Math.PI * (h - 3)) / 24);
  const weekday = Math.floor((t - T0) / DAY) % 7;
  return scale * (2 + 18 * day ** 1.5) * (weekday >= 5 ? 0.6 : 1);
}

interface Run {
  detector: FeedHealthDetector;
  states: Array<FeedHealthState & { t: number; dead: boolean }>;
}

/** Feeds `days` of minutes from T0; `dead(t)` says when the connector delivers nothing. */
function run(opts: { seed: number; days: number; rate: (t: number) => number; dead?: (t: number) => boolean; keep?: (t: number) => boolean }): Run {
  const rng = new Rng(opts.seed);
  const detector = new FeedHealthDetector();
  const states: Run['states'] = [];
  let wobble = 1;
  for (let t = T0; t < T0 + opts.days * DAY; t += MIN) {
    if ((t - T0) % DAY === 0) wobble = rng.logNormal(1, 0.15);
    const dead = opts.dead?.(t) ?? false;
    const count = dead ? 0 : rng.poisson(opts.rate(t) * wobble);
    const s = detector.update(t, count);
    if (s.quiet || opts.keep?.(t)) states.push({ ...s, t, dead });
  }
  return { detector, states };
}

test('a dead connector at the day rate (~20/min) is quiet within 5 or 6 minutes, and says since when', () => {
  const deadFrom = T0 + 9 * DAY + 15 * HOUR; // a Wednesday, 15:00
  const deadTo = deadFrom + 90 * MIN;
  const { states } = run({ seed: 1, days: 10, rate: brandRate, dead: (t) => t >= deadFrom && t < deadTo });
  const first = states.find((s) => s.quiet);
  assert.ok(first, 'never quiet');
  assert.ok(first.dead, `quiet at ${new Date(first.t).toISOString()} before the feed died`);
  const minutes = (first.t - deadFrom) / MIN + 1;
  // 0.15 × ~18 expected a minute: the chance of 0 mentions falls below 1e-6 in the 6th minute.
  assert.ok(minutes <= 6, `quiet after ${minutes} minutes`);
  assert.ok(first.rate > 14 && first.rate < 28, `expected rate ${first.rate} per minute`);
  assert.equal(first.observed, 0);
  assert.ok(first.expected >= DEFAULT_FEED_HEALTH_OPTIONS.minExpected);
  assert.equal(first.score, 1);
  // Quiet for the whole outage, the silence growing, and nothing of it outside the outage.
  const during = states.filter((s) => s.dead);
  assert.equal(during.length, (deadTo - deadFrom) / MIN - minutes + 1);
  assert.ok(during.every((s) => s.quiet));
  const last = during.at(-1);
  assert.ok(last && last.silentForMs >= 85 * MIN, `silent for ${last?.silentForMs}`);
  // Its severity: SEV3 first, SEV2 once silent for half an hour.
  const sev = (s: FeedHealthState) =>
    computeSeverity({
      kind: 'feed_quiet',
      score: s.score,
      observed: s.observed,
      expected: s.expected,
      mentions: s.observed,
      negative: 0,
      usualNegativeShare: null,
      reach: 0,
      negativeReach: 0,
      usualReach: null,
      influencers: 0,
      media: 0,
      employees: 0,
      velocity: null,
      categories: [],
      silentForMs: s.silentForMs,
    }).severity;
  assert.equal(sev(first), 'SEV3');
  assert.equal(sev(last), 'SEV2');
});

test('recovery clears it within minutes, and the outage is not learnt as the new normal', () => {
  const deadFrom = T0 + 8 * DAY + 10 * HOUR; // Tuesday 10:00, for two days and a half
  const deadTo = deadFrom + 60 * HOUR;
  const probe = T0 + 11 * DAY + 15 * HOUR; // Friday 15:00, after the outage
  const { detector, states } = run({
    seed: 2,
    days: 11,
    rate: brandRate,
    dead: (t) => t >= deadFrom && t < deadTo,
    keep: (t) => t >= deadTo - 5 * MIN && t < deadTo + 30 * MIN,
  });
  const quietAtEnd = states.find((s) => s.t === deadTo - MIN);
  assert.ok(quietAtEnd?.quiet, 'quiet until the end of the outage');
  assert.ok(quietAtEnd.silentForMs > 59 * HOUR);
  const after = states.filter((s) => s.t >= deadTo);
  const back = after.findIndex((s) => !s.quiet);
  assert.ok(back >= 0 && back <= 2, `still quiet ${back} minutes after recovery`);
  assert.ok(after.slice(back).every((s) => !s.quiet), 'quiet again after recovery');
  // What it expects now is what it expected before: two and a half days of zeros were not learnt.
  const expected = detector.expectedAt(probe);
  const truth = brandRate(probe);
  assert.ok(Math.abs(expected - truth) / truth < 0.2, `expects ${expected} per minute on Friday 15:00, truth ${truth}`);
});

test('a long outage right after the start is not learnt either', () => {
  // Quiet from 12:00 on day 1 to the end of day 3; then one normal day; then the same hour is probed.
  const { detector } = run({ seed: 3, days: 5, rate: brandRate, dead: (t) => t >= T0 + DAY + 12 * HOUR && t < T0 + 4 * DAY });
  const probe = T0 + 5 * DAY + 13 * HOUR;
  const truth = brandRate(probe);
  assert.ok(detector.expectedAt(probe) > 0.7 * truth, `expects ${detector.expectedAt(probe)}, truth ${truth}`);
});

test('normal days and nights are never quiet: the night is judged against the night rate', () => {
  for (const seed of [11, 12, 13]) {
    const { states } = run({ seed, days: 21, rate: brandRate, keep: (t) => (t - T0) % DAY === 3 * HOUR && t > T0 + 7 * DAY });
    const quiet = states.filter((s) => s.quiet);
    assert.equal(quiet.length, 0, `seed ${seed}: quiet at ${quiet.map((s) => new Date(s.t).toISOString()).slice(0, 3)}`);
    // 03:00 after a week: the learnt rate is the night's, not the day's.
    for (const s of states) assert.ok(s.rate > 1 && s.rate < 3.5, `night rate ${s.rate} at ${new Date(s.t).toISOString()}`);
  }
});

test('a dead feed during the night lull is caught, later than by day', () => {
  const deadFrom = T0 + 9 * DAY + 2 * HOUR; // Wednesday 02:00
  const { states } = run({ seed: 4, days: 10, rate: brandRate, dead: (t) => t >= deadFrom && t < deadFrom + 3 * HOUR });
  const first = states.find((s) => s.quiet);
  assert.ok(first?.dead, 'quiet outside the outage');
  const minutes = (first.t - deadFrom) / MIN + 1;
  // About 2/min at night: expecting ~0.3/min even when calm, it takes tens of minutes to be sure.
  assert.ok(minutes > 10 && minutes <= 90, `quiet after ${minutes} minutes`);
  assert.ok(first.rate < 4, `judged against ${first.rate} per minute`);
});

test('a sparse brand (a few mentions a day, in bursts) is never quiet', () => {
  for (const seed of [21, 22, 23]) {
    const rng = new Rng(seed);
    const d = new FeedHealthDetector();
    let burst = 0;
    let maxScore = 0;
    for (let t = T0; t < T0 + 56 * DAY; t += MIN) {
      // ~3 a day on average, sometimes a burst of a dozen in an hour, sometimes days of nothing.
      if (rng.chance(1 / (5 * DAY / MIN))) burst = 60;
      const rate = burst > 0 ? 0.2 : (3 / (DAY / MIN)) * (rng.chance(0.5) ? 0 : 2);
      if (burst > 0) burst--;
      const s = d.update(t, rng.poisson(rate));
      assert.equal(s.quiet, false, `seed ${seed}: quiet at ${new Date(t).toISOString()}`);
      maxScore = Math.max(maxScore, s.score);
    }
    assert.ok(maxScore < 0.5, `seed ${seed}: score reached ${maxScore}`);
  }
});

test('a past spike does not make the same hour next week look quiet', () => {
  const spikeFrom = T0 + 1 * DAY + 14 * HOUR; // Tuesday 14:00: 30× for an hour
  const rate = (t: number) => brandRate(t) * (t >= spikeFrom && t < spikeFrom + HOUR ? 30 : 1);
  const { states } = run({ seed: 5, days: 9, rate, keep: (t) => t >= spikeFrom + 7 * DAY && t < spikeFrom + 7 * DAY + HOUR });
  assert.equal(states.filter((s) => s.quiet).length, 0);
  for (const s of states) assert.ok(s.rate < 2 * brandRate(s.t), `a week later it expects ${s.rate} per minute`);
});

test('a two-day crisis is not learnt: the week after is not quiet', () => {
  // 20× the usual at its peak, decaying over two days, from Tuesday 09:00.
  const onset = T0 + 8 * DAY + 9 * HOUR;
  const crisis = (t: number) => (t < onset ? 0 : 40 * Math.min((t - onset) / (3 * HOUR), Math.exp(-(t - onset - 3 * HOUR) / (10 * HOUR))));
  const { states } = run({
    seed: 7,
    days: 17,
    rate: (t) => brandRate(t, 0.1) + crisis(t),
    keep: (t) => t >= onset + 7 * DAY && (t - onset) % HOUR === 0,
  });
  assert.equal(states.filter((s) => s.quiet).length, 0);
  for (const s of states) {
    assert.ok(s.rate < 2 * (brandRate(s.t, 0.1) + crisis(s.t)), `a week later it expects ${s.rate} at ${new Date(s.t).toISOString()}`);
  }
});

test('a lasting rise is learnt, slowly (meanwhile the expectation errs low, never quiet)', () => {
  const from = T0 + 8 * DAY;
  const { detector, states } = run({ seed: 8, days: 29, rate: (t) => brandRate(t) * (t >= from ? 3 : 1) });
  assert.equal(states.filter((s) => s.quiet).length, 0);
  const probe = T0 + 29 * DAY + 15 * HOUR;
  const ratio = detector.expectedAt(probe) / brandRate(probe);
  assert.ok(ratio > 1.8 && ratio < 3.3, `expects ${ratio.toFixed(2)}× the old level after three weeks at 3×`);
});

test('a calm day at half the usual volume is not quiet; a source lost for good is', () => {
  const calm = run({ seed: 6, days: 10, rate: (t) => brandRate(t) * (t >= T0 + 9 * DAY ? 0.5 : 1) });
  assert.equal(calm.states.filter((s) => s.quiet).length, 0);
  // Nine sources of ten stop: 5% of the usual is left, far below any calm day.
  const partialFrom = T0 + 9 * DAY + 12 * HOUR;
  const partial = run({ seed: 6, days: 10, rate: (t) => brandRate(t) * (t >= partialFrom ? 0.05 : 1) });
  const first = partial.states.find((s) => s.quiet);
  assert.ok(first && first.t >= partialFrom && first.t < partialFrom + 15 * MIN, `quiet at ${first && new Date(first.t).toISOString()}`);
  assert.ok(first.observed > 0);
});

test('warm-up: usable from the first minutes, warmedUp once a day has been seen', () => {
  const d = new FeedHealthDetector();
  const rng = new Rng(8);
  let t = T0 + 15 * HOUR;
  let s = d.update(t, rng.poisson(20));
  assert.equal(s.warmedUp, false);
  assert.equal(s.quiet, false);
  for (let i = 1; i < 60; i++) s = d.update((t += MIN), rng.poisson(20));
  // After an hour at 20/min, a dead feed is caught on the recent rate alone.
  let quietAfter = 0;
  for (let i = 1; i <= 15 && !s.quiet; i++) {
    s = d.update((t += MIN), 0);
    quietAfter = i;
  }
  assert.ok(s.quiet && quietAfter <= 6, `quiet after ${quietAfter} min`);
  for (let i = 0; i < DAY / MIN; i++) s = d.update((t += MIN), rng.poisson(20));
  assert.equal(s.warmedUp, true);
  assert.equal(s.quiet, false);
});

test('five-minute buckets: the rhythm is per hour, not per update', () => {
  const d = new FeedHealthDetector({ bucketMs: 5 * MIN });
  const rng = new Rng(9);
  let s: FeedHealthState | null = null;
  for (let t = T0; t < T0 + 8 * DAY; t += 5 * MIN) s = d.update(t, rng.poisson(5 * brandRate(t)));
  assert.ok(s && !s.quiet);
  const probe = T0 + 8 * DAY + 15 * HOUR;
  const ratio = d.expectedAt(probe) / (5 * brandRate(probe));
  assert.ok(ratio > 0.8 && ratio < 1.25, `expected/true ${ratio}`);
});

test('bad input: clear errors, and the detector carries on', () => {
  const d = new FeedHealthDetector();
  d.update(T0, 3);
  assert.throws(() => d.update(T0 + MIN, -1), /count must be a finite number ≥ 0 \(got -1\)/);
  assert.throws(() => d.update(T0 + MIN, Number.NaN), /count must be a finite number/);
  assert.throws(() => d.update(T0, 3), /time .* is not after the previous bucket .*in time order/);
  assert.throws(() => d.update(Number.NaN, 3), RangeError);
  assert.equal(d.update(T0 + MIN, 4).quiet, false);

  const problems = (o: unknown): string[] => {
    try {
      // Deliberately wrong options, as they could come from a YAML file.
      new FeedHealthDetector(o as Record<string, number>);
    } catch (e) {
      assert.ok(e instanceof FeedHealthOptionsError);
      return [...e.problems];
    }
    assert.fail('expected a FeedHealthOptionsError');
  };
  assert.deepEqual(problems({ calmRatio: 2 }), ['feedHealth.calmRatio: expected a ratio from 0.001 to 0.9 (got 2)']);
  assert.match(problems({ pQuet: 1e-9 })[0] ?? '', /feedHealth: unknown key\(s\) "pQuet"/);
  assert.match(problems({ bucketMs: 2 * HOUR })[0] ?? '', /bucketMs: expected a duration in ms from 1000 to 3600000/);
  assert.equal(problems({ calmRatio: 2, minExpected: 0 }).length, 2);
});

test('the Poisson lower-tail bound is exact at zero and never below the true tail', () => {
  assert.equal(poissonLowerTailLogBound(0, 20), -20);
  assert.equal(poissonLowerTailLogBound(30, 20), 0);
  for (const [k, mu] of [
    [1, 10],
    [5, 25],
    [12, 40],
    [80, 150],
  ] as const) {
    let term = Math.exp(-mu);
    let p = term;
    for (let j = 1; j <= k; j++) {
      term *= mu / j;
      p += term;
    }
    const bound = poissonLowerTailLogBound(k, mu);
    assert.ok(bound >= Math.log(p), `k ${k}, mu ${mu}: bound ${bound} < exact ${Math.log(p)}`);
    assert.ok(bound - Math.log(p) < 3, `k ${k}, mu ${mu}: bound too loose`);
  }
});
