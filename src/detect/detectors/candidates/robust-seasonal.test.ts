import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../demo/prng.ts';
import { create, DEFAULTS, RobustSeasonalDetector } from './robust-seasonal.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2024, 0, 1);

/** Runs a fresh detector over `n` points `step` apart whose values come from `value(i, t)`. */
function run(n: number, step: number, value: (i: number, t: number) => number): { t: number[]; v: number[]; s: number[] } {
  const d = create();
  const t: number[] = [];
  const v: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < n; i++) {
    const ti = T0 + i * step;
    const x = value(i, ti);
    t.push(ti);
    v.push(x);
    s.push(d.update(ti, x));
  }
  return { t, v, s };
}

const maxOf = (xs: number[], from = 0, to = xs.length): number => Math.max(...xs.slice(from, to));

describe('RobustSeasonalDetector', () => {
  it('keeps a flat Poisson series low and scores within [0, 1]', () => {
    const rng = new Rng(1);
    const { s } = run(7 * 288, 5 * MINUTE, () => rng.poisson(20));
    for (const x of s) assert.ok(x >= 0 && x <= 1, `score ${x} outside [0, 1]`);
    assert.ok(maxOf(s, 288) < 0.5, `max score after the first day ${maxOf(s, 288)}`);
  });

  it('gives a 10× spike a high score at that point', () => {
    const rng = new Rng(2);
    const at = 3 * 288 + 100;
    const { s } = run(4 * 288, 5 * MINUTE, (i) => (i === at ? 200 : rng.poisson(20)));
    assert.ok((s[at] as number) > 0.9, `score at the spike ${s[at]}`);
    assert.ok(maxOf(s, 288, at) < 0.5, 'quiet before the spike');
  });

  it('absorbs a lasting level shift within about a day', () => {
    const rng = new Rng(3);
    const shift = 3 * 288;
    const { s } = run(6 * 288, 5 * MINUTE, (i) => rng.poisson(i < shift ? 20 : 60));
    assert.ok(maxOf(s, shift, shift + 24) > 0.5, 'the shift itself is noticed');
    assert.ok(maxOf(s, shift + 288) < 0.5, `still firing a day after the shift: ${maxOf(s, shift + 288)}`);
  });

  it('does not fire every morning on a daily rhythm', () => {
    const rng = new Rng(4);
    // 5 per 5 minutes at night, 60 in the afternoon, a steep morning ramp.
    const mean = (t: number): number => {
      const h = (t % DAY) / HOUR;
      return 5 + 55 * Math.max(0, Math.sin((Math.PI * (h - 6)) / 16)) ** 2;
    };
    const { s } = run(14 * 288, 5 * MINUTE, (_i, t) => rng.poisson(mean(t)));
    let mornings = 0;
    for (let day = 3; day < 14; day++) if (maxOf(s, day * 288 + 5 * 12, day * 288 + 12 * 12) >= 0.5) mornings++;
    assert.ok(mornings <= 1, `fired on ${mornings} of 11 mornings`);
  });

  it('does not fire on a single post of a sparse series (3 a day, 1-minute buckets) but does on a burst', () => {
    const rng = new Rng(5);
    const burst = 5 * 1440 + 600;
    const { v, s } = run(7 * 1440, MINUTE, (i) => (i === burst ? 30 : rng.poisson(3 / 1440)));
    let posts = 0;
    for (let i = 0; i < burst; i++) {
      if ((v[i] as number) > 0) {
        posts++;
        assert.ok((s[i] as number) < 0.5, `a single post at minute ${i} scored ${s[i]}`);
      }
    }
    assert.ok(posts >= 5, 'the series has posts');
    assert.ok((s[burst] as number) > 0.5, `30 posts in a minute scored ${s[burst]}`);
  });

  it('is useful from the first hour: quiet on noise, fires on a 10× spike at minute 40', () => {
    const rng = new Rng(6);
    const { s } = run(60, MINUTE, (i) => (i === 40 ? 100 : rng.poisson(10)));
    assert.ok(maxOf(s, 0, 40) < 0.5, `noise in the first 40 minutes scored ${maxOf(s, 0, 40)}`);
    assert.ok((s[40] as number) > 0.5, `the spike at minute 40 scored ${s[40]}`);
  });

  it('alerts once per episode: a sustained burst does not keep firing', () => {
    const rng = new Rng(7);
    const start = 3 * 288;
    const { s } = run(4 * 288, 5 * MINUTE, (i) => rng.poisson(i >= start && i < start + 36 ? 150 : 20));
    const fired = s.slice(start, start + 36).filter((x) => x >= 0.5).length;
    assert.ok(fired >= 1 && fired <= 2, `${fired} outputs ≥ 0.5 during one 3-hour burst`);
  });

  it('skips broken points without losing its state', () => {
    const rng = new Rng(8);
    const d = new RobustSeasonalDetector();
    let t = T0;
    for (let i = 0; i < 2 * 288; i++, t += 5 * MINUTE) d.update(t, rng.poisson(20));
    assert.equal(d.update(t, Number.NaN), 0);
    assert.equal(d.update(t, Number.POSITIVE_INFINITY), 0);
    assert.equal(d.update(t - DAY, 1000), 0, 'a point from the past is ignored');
    assert.ok(d.update(t, rng.poisson(20)) < 0.5, 'still calm after the broken points');
    assert.ok(d.update(t + 5 * MINUTE, 200) > 0.9, 'and still sees a spike');
  });

  it('documents a default for every parameter', () => {
    for (const [k, v] of Object.entries(DEFAULTS)) assert.ok(v !== undefined, k);
  });

  it('documents a default for every parameter', () => {
    for (const [k, v] of Object.entries(DEFAULTS)) assert.ok(v !== undefined, k);
  });
});

// NAB-like non-count series: 5-minute points, two weeks, the anomaly on day 9 (after NAB's 15 % probation).
const STEP = 5 * MINUTE;
const WEEKS2 = 14 * 288;
const AT = 9 * 288 + 7;
const daily = (i: number): number => Math.sin((2 * Math.PI * i) / 288);
/** Outputs ≥ 0.5 from day `from` on, outside [lo, hi). */
const falseAlarms = (s: number[], lo: number, hi: number, from = 2 * 288): number =>
  s.filter((x, i) => i >= from && (i < lo || i >= hi) && x >= 0.5).length;

describe('RobustSeasonalDetector on continuous series', () => {
  it('stays in count mode on non-negative integers and switches for good on the first fractional or negative value', () => {
    const counts = new RobustSeasonalDetector();
    for (let i = 0; i < 10; i++) counts.update(T0 + i * STEP, i % 3);
    assert.equal(counts.evidence.length, 4, 'counts: point, two averages, excess');
    const frac = new RobustSeasonalDetector();
    frac.update(T0, 3);
    frac.update(T0 + STEP, 2.5);
    frac.update(T0 + 2 * STEP, 3);
    assert.equal(frac.evidence.length, 7, 'continuous: point and two averages each way, went flat');
    const neg = new RobustSeasonalDetector();
    neg.update(T0, -1);
    assert.equal(neg.evidence.length, 7);
  });

  it('gives the same scores whatever the unit (a fraction or a percentage)', () => {
    const rng = new Rng(20);
    const base = Array.from({ length: 4 * 288 }, (_, i) => 0.3 + 0.1 * daily(i) + 0.02 * rng.normal() + (i === 3 * 288 ? 0.2 : 0));
    const a = new RobustSeasonalDetector();
    const b = new RobustSeasonalDetector();
    base.forEach((x, i) => {
      const sa = a.update(T0 + i * STEP, x);
      const sb = b.update(T0 + i * STEP, 100 * x + 7);
      assert.ok(Math.abs(sa - sb) < 1e-6, `row ${i}: ${sa} vs ${sb}`);
    });
  });

  it('fires on a spike in a flat noisy series, and not elsewhere', () => {
    const rng = new Rng(21);
    const { s } = run(WEEKS2, STEP, (i) => 50 + 2 * rng.normal() + (i === AT ? 20 : 0));
    assert.ok((s[AT] as number) > 0.9, `spike scored ${s[AT]}`);
    assert.equal(falseAlarms(s, AT, AT + 1), 0);
  });

  it('notices a level shift up and the shift back down, then absorbs each', () => {
    const rng = new Rng(22);
    const up = 4 * 288;
    const down = 9 * 288;
    const { s } = run(WEEKS2, STEP, (i) => 10 + 0.5 * rng.normal() + (i >= up && i < down ? 3 : 0));
    assert.ok(maxOf(s, up, up + 12) > 0.5 && maxOf(s, up, up + 36) > 0.9, 'the rise is seen within the hour');
    assert.ok(maxOf(s, down, down + 12) > 0.5 && maxOf(s, down, down + 36) > 0.9, 'the fall is seen within the hour');
    assert.ok(maxOf(s, up + 432, down) < 0.5, `still firing 36 hours after the rise: ${maxOf(s, up + 432, down)}`);
    assert.ok(maxOf(s, down + 432) < 0.5, `still firing 36 hours after the fall: ${maxOf(s, down + 432)}`);
  });

  it('barely fires on a slow drift', () => {
    const rng = new Rng(23);
    const { s } = run(WEEKS2, STEP, (i) => 20 + (5 * i) / WEEKS2 + rng.normal());
    assert.ok(falseAlarms(s, 0, 0) <= 1, `${falseAlarms(s, 0, 0)} outputs ≥ 0.5 on a drift`);
  });

  it('fires when a CPU in [0, 100] jumps to 85 %', () => {
    const rng = new Rng(24);
    const cpu = (i: number): number => Math.min(100, Math.max(0, (i >= AT && i < AT + 72 ? 85 : 30) + 4 * rng.normal() + (rng.chance(0.01) ? 30 * rng.next() : 0)));
    const { s } = run(WEEKS2, STEP, (i) => Math.round(cpu(i) * 1000) / 1000);
    assert.ok(maxOf(s, AT, AT + 3) > 0.9, `the jump scored ${maxOf(s, AT, AT + 3)}`);
    assert.ok(falseAlarms(s, AT, AT + 72 + 288) <= 2, `${falseAlarms(s, AT, AT + 72 + 288)} false alarms`);
  });

  it('fires on a drop in a series of values in [0, 1], and on a CPU going to 0', () => {
    const rng = new Rng(25);
    const occ = run(WEEKS2, STEP, (i) => Math.max(0, (i >= AT && i < AT + 36 ? 0.03 : 0.25 + 0.15 * daily(i)) + 0.02 * rng.normal()));
    assert.ok(maxOf(occ.s, AT, AT + 12) > 0.5 && maxOf(occ.s, AT, AT + 36) > 0.9, `the drop scored ${maxOf(occ.s, AT, AT + 36)}`);
    assert.equal(falseAlarms(occ.s, AT, AT + 36 + 288), 0);
    const cpu = run(WEEKS2, STEP, (i) => (i >= AT && i < AT + 72 ? 0 : 40 + 10 * daily(i) + 3 * rng.normal()));
    assert.ok(maxOf(cpu.s, AT, AT + 3) > 0.9, `CPU at 0 scored ${maxOf(cpu.s, AT, AT + 3)}`);
    assert.equal(falseAlarms(cpu.s, AT, AT + 72 + 288), 0);
  });

  it('fires on latency tripling for two hours, not on its heavy-tailed noise', () => {
    const rng = new Rng(26);
    const { s } = run(WEEKS2, STEP, (i) => rng.logNormal(i >= AT && i < AT + 24 ? 150 : 50, 0.3));
    assert.ok(maxOf(s, AT, AT + 6) > 0.9, `the rise scored ${maxOf(s, AT, AT + 6)}`);
    assert.ok(falseAlarms(s, AT, AT + 24 + 288) <= 1, `${falseAlarms(s, AT, AT + 24 + 288)} false alarms`);
  });

  it('fires on jumps up and down of a daily pattern', () => {
    for (const sign of [1, -1]) {
      const rng = new Rng(27);
      const { s } = run(WEEKS2, STEP, (i) => 40 + 15 * daily(i) + rng.normal() + (i >= AT && i < AT + 144 ? sign * 15 : 0));
      assert.ok(maxOf(s, AT, AT + 12) > 0.5 && maxOf(s, AT, AT + 36) > 0.8, `jump ${sign > 0 ? 'up' : 'down'} scored ${maxOf(s, AT, AT + 36)}`);
      assert.ok(falseAlarms(s, AT, AT + 144 + 288) <= 1, `jump ${sign > 0 ? 'up' : 'down'}: ${falseAlarms(s, AT, AT + 144 + 288)} false alarms`);
    }
  });

  it('fires when a noisy metric goes flat (at its usual value)', () => {
    const rng = new Rng(28);
    const { s } = run(WEEKS2, STEP, (i) => (i >= AT && i < AT + 288 ? 12 : Math.round((12 + 3 * rng.normal()) * 1000) / 1000));
    assert.ok(maxOf(s, AT, AT + 12) > 0.3 && maxOf(s, AT, AT + 36) > 0.8, `the flat line scored ${maxOf(s, AT, AT + 36)} in its first three hours`);
    assert.equal(falseAlarms(s, AT, AT + 2 * 288), 0);
  });

  it('keeps counts upward only: mentions dropping to 0 do not fire', () => {
    const rng = new Rng(29);
    const { s } = run(WEEKS2, STEP, (i) => (i >= AT && i < AT + 36 ? 0 : rng.poisson(20)));
    assert.equal(falseAlarms(s, 0, 0), 0);
  });

  it('switches mid-series without a false alarm, and then sees drops', () => {
    const rng = new Rng(30);
    const sw = 3 * 288;
    // Integer counts for three days, then the same level written with a fraction; a drop on day 9.
    const { s } = run(WEEKS2, STEP, (i) => (i >= AT && i < AT + 36 ? 2.5 : rng.poisson(20) + (i >= sw ? 0.5 : 0)));
    assert.ok(maxOf(s, sw, AT) < 0.5, `the switch scored ${maxOf(s, sw, AT)}`);
    assert.ok(maxOf(s, AT, AT + 12) > 0.5 && maxOf(s, AT, AT + 36) > 0.9, `the drop after the switch scored ${maxOf(s, AT, AT + 36)}`);
  });
});
