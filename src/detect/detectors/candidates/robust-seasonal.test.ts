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
});
