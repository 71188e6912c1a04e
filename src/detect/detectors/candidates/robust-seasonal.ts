import type { StreamingDetector } from '../../types.ts';

// Candidate production volume detector: a robust forecast (level + time-of-day profile) in a
// variance-stabilised space; evidence at several time scales; each evidence judged by how rare it
// is for THIS series (a return period in days, from a Gumbel fit to the series' own daily maxima of
// that evidence); one output per episode. Durations are in time, not points, so the same parameters
// serve 1-minute brand buckets, 5-minute tweets and hourly metrics.
//
// Two modes, chosen by the data alone. While every value is a non-negative integer the series is
// read as counts (the production case: mentions): variance-stabilised, Poisson noise floor, rises
// only (a drop in mentions is feed health's business). The first fractional or negative value
// switches it, for good, to a continuous mode: the same model on the raw values (so scores don't
// change if the unit does: % or fraction, °C or °F), noise floor from the series' own resolution,
// and evidence both ways (a temperature falling, a CPU going to 0) plus a "went flat" channel.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const EULER = 0.5772156649;
const GUMBEL_SD = Math.PI / Math.sqrt(6);

export interface RobustSeasonalParams {
  /** Over-dispersion φ of counts (variance μ + φμ²): below ~1/φ counts behave like Poisson, above it like multiplicative noise. */
  dispersion: number;
  /** Half-life of the level (ms). */
  levelHalfLife: number;
  /** Half-life of each hour-of-day offset, in calendar time (ms); 0 turns the daily profile off. */
  seasonHalfLife: number;
  /** Half-life of the robust scale (mean absolute residual) (ms). */
  scaleHalfLife: number;
  /** Residuals are clipped at this many scales before they update level, profile and scale. */
  clip: number;
  /** Half-lives (ms) of the evidence channels that average several points (sustained rises). */
  sumHalfLives: readonly number[];
  /** Also judge the excess in counts above the forecast (on a log scale): big in absolute terms. */
  excess: boolean;
  /** Half-life of the daily-maxima statistics (ms). */
  rarityHalfLife: number;
  /** Prior daily maximum of a z channel (mean, sd), worth `priorDays` days, for the warm-up. */
  priorMax: number;
  priorSd: number;
  priorDays: number;
  /** After an output, a new one needs log-rarity this many times the decayed previous peak. */
  rearm: number;
  /** Half-life of that previous peak (ms): the refractory period. */
  refractoryHalfLife: number;
  /** Return period (days) that maps to score 0.5. */
  halfScoreDays: number;
}

export const DEFAULTS: Readonly<RobustSeasonalParams> = {
  // Social volumes turn multiplicative around ~10 per bucket (CV ≈ 30 %); only the shape matters, the scale is estimated.
  dispersion: 0.1,
  // A day: slow enough that a morning peak is not "the new normal", fast enough to follow a lasting shift.
  levelHalfLife: DAY,
  // Each hour bin is seen once a day: three days of it give a usable profile, and follow a changing habit.
  seasonHalfLife: 3 * DAY,
  scaleHalfLife: 3 * DAY,
  // Huber-like: a residual beyond 2 scales counts as 2 (plus the persistent deviation, see update()).
  clip: 2,
  // Multi-scale evidence: the point; an hour (a story taking off); six hours (a sustained rise).
  sumHalfLives: [HOUR, 6 * HOUR],
  excess: true,
  // A week of daily maxima: what is "rare" for this series follows its own recent habits, weekdays included.
  rarityHalfLife: 7 * DAY,
  // Before the first days: a daily maximum of ~5 ± 1.5 sd (heavier than Gaussian noise), worth two days.
  priorMax: 5,
  priorSd: 1.5,
  priorDays: 2,
  // Re-alert within an episode only on clearly rarer evidence (ln T 1.5× the decayed peak).
  rearm: 1.5,
  // Half a day: an episode (spike, aftershocks) gives one alert, the next day's news can alert again.
  refractoryHalfLife: 12 * HOUR,
  // Score 0.5 = an event this series sees about once a month.
  halfScoreDays: 30,
};

const BINS = 24;
/** The "went flat" channel reads ln(|step| / scale + QUIET_EPS): a flat line sits at ln(QUIET_EPS). */
const QUIET_EPS = 0.1;
/** Continuous mode: how far (in scales) a residual counts towards the persistent deviation. */
const SHIFT_CAP = 16;

/** Streaming Gumbel fit to daily maxima of one evidence channel, robust to its own outliers. */
class DailyMaxima {
  private block = Number.NaN;
  private cur = Number.NEGATIVE_INFINITY;
  private mean: number;
  private variance: number;
  private weight: number;

  constructor(mean: number, sd: number, priorDays: number) {
    this.mean = mean;
    this.variance = sd * sd;
    this.weight = priorDays;
  }

  /** ln(return period in days) of e, before e joins the current day's maximum. */
  logReturn(e: number): number {
    const beta = Math.sqrt(this.variance) / GUMBEL_SD;
    const mu = this.mean - EULER * beta;
    const u = (e - mu) / beta;
    // P(daily max > e) = 1 − exp(−exp(−u)); for large u, ln T ≈ u.
    const p = -Math.expm1(-Math.exp(-u));
    return p > 0 ? Math.max(-Math.log(p), 0) : u;
  }

  add(t: number, e: number, halfLife: number): void {
    const block = Math.floor(t / DAY);
    if (block !== this.block) {
      if (Number.isFinite(this.cur)) {
        const sd = Math.sqrt(this.variance);
        const x = Math.min(this.cur, this.mean + 4 * sd); // an anomaly doesn't redefine normal
        const a = Math.max(1 - Math.pow(0.5, DAY / halfLife), 1 / ++this.weight);
        const d = x - this.mean;
        this.mean += a * d;
        this.variance = (1 - a) * (this.variance + a * d * d);
      }
      this.block = block;
      this.cur = Number.NEGATIVE_INFINITY;
    }
    if (e > this.cur) this.cur = e;
  }
}

export class RobustSeasonalDetector implements StreamingDetector {
  private readonly p: RobustSeasonalParams;
  private n = 0;
  private lastT = Number.NaN;
  private level = 0;
  private scale = 0;
  private readonly season = new Float64Array(BINS);
  private seasonSum = 0;
  private readonly sums: Float64Array;
  private readonly maxima: DailyMaxima[];
  private peak = 0;
  private weight = 0;
  private best = 0;
  /** Continuous mode: on since the first fractional or negative value, never off again. */
  private continuous = false;
  /** The previous value, the smallest non-zero step between consecutive values (the series' resolution), the "went flat" average. */
  private prev = Number.NaN;
  private resolution = Number.POSITIVE_INFINITY;
  private quiet = 0;
  /** Continuous mode: the longest average of z, clipped at ±SHIFT_CAP, which widens the residual clip. */
  private shift = 0;
  /** Per-step rates, recomputed only when the step changes (it rarely does): level, profile, scale, peak decay, then per average its rate and its sd. */
  private rateDt = Number.NaN;
  private readonly rates: Float64Array;
  /**
   * The last point's log return period (ln days) per channel. Counts: point z, each average,
   * excess. Continuous: point z, each average (rises), the same for drops, then "went flat".
   */
  evidence: Float64Array;

  constructor(params: Partial<RobustSeasonalParams> = {}) {
    this.p = { ...DEFAULTS, ...params };
    const p = this.p;
    this.sums = new Float64Array(p.sumHalfLives.length);
    this.maxima = [new DailyMaxima(p.priorMax, p.priorSd, p.priorDays)];
    for (let k = 0; k < p.sumHalfLives.length; k++) this.maxima.push(new DailyMaxima(p.priorMax, p.priorSd, p.priorDays));
    // Excess channel: ln(excess in sd units), prior daily max ln(priorMax).
    if (p.excess) this.maxima.push(new DailyMaxima(Math.log(p.priorMax), p.priorSd / p.priorMax, p.priorDays));
    this.evidence = new Float64Array(this.maxima.length);
    this.rates = new Float64Array(4 + 2 * p.sumHalfLives.length);
  }

  private setRates(dt: number): void {
    const p = this.p;
    const r = this.rates;
    const rate = (halfLife: number): number => 1 - Math.pow(0.5, dt / halfLife);
    r[0] = rate(p.levelHalfLife);
    r[1] = p.seasonHalfLife > 0 ? rate(p.seasonHalfLife / BINS) : 0;
    r[2] = rate(p.scaleHalfLife);
    r[3] = 1 - rate(p.refractoryHalfLife);
    p.sumHalfLives.forEach((h, j) => {
      const a = rate(h);
      r[4 + 2 * j] = a;
      // An EW mean of unit-variance points has variance a / (2 − a).
      r[5 + 2 * j] = Math.sqrt(a / (2 - a));
    });
    this.rateDt = dt;
  }

  /** Judges channel k's evidence e by its return period, and adds it to the channel's day. */
  private judge(k: number, t: number, e: number): void {
    const m = this.maxima[k] as DailyMaxima;
    const lr = m.logReturn(e);
    m.add(t, e, this.p.rarityHalfLife);
    this.evidence[k] = lr;
    if (lr > this.best) this.best = lr;
  }

  update(t: number, value: number): number {
    // A missing or broken point (NaN, ±∞, time going backwards) is skipped: it must not poison the state.
    if (!Number.isFinite(value) || !Number.isFinite(t) || t < this.lastT) return 0;
    if (!this.continuous && !(value >= 0 && Number.isInteger(value))) this.toContinuous();
    if (this.continuous) return this.updateContinuous(t, value);
    const p = this.p;
    this.prev = value;
    const y = this.transform(value);
    const hour = Math.floor((((t % DAY) + DAY) % DAY) / HOUR);
    if (this.n === 0) {
      this.n = 1;
      this.lastT = t;
      this.level = y;
      this.scale = 1;
      this.weight = 1;
      return 0;
    }
    const dt = Math.max(t - this.lastT, 0);
    this.lastT = t;
    this.n++;
    const seasonOn = p.seasonHalfLife > 0;
    const offset = seasonOn ? (this.season[hour] as number) - this.seasonSum / BINS : 0;
    const pred = this.level + offset;
    const mu = this.inverse(pred);
    // Noise can't be below Poisson's: under this transform its sd is 1/√(1 + φμ).
    const floor = 1 / Math.sqrt(1 + p.dispersion * mu);
    const s = Math.max(this.scale, floor);
    const r = y - pred;
    const z = r / s;

    if (dt !== this.rateDt) this.setRates(dt);
    const rates = this.rates;
    this.best = 0;
    this.judge(0, t, z);
    for (let j = 0; j < this.sums.length; j++) {
      const a = rates[4 + 2 * j] as number;
      const m = (this.sums[j] as number) + a * (Math.min(z, 2 * p.clip) - (this.sums[j] as number));
      this.sums[j] = m;
      this.judge(1 + j, t, a > 0 ? m / (rates[5 + 2 * j] as number) : 0);
    }
    if (p.excess) {
      // Excess in counts over the noise's sd in counts at the forecast: log scale (heavy tailed).
      const sdRaw = s * Math.sqrt(Math.max(mu, 1) * (1 + p.dispersion * mu));
      this.judge(1 + this.sums.length, t, Math.log(Math.max(Math.max(value, 0) - mu, 0) / sdRaw + 1e-9));
    }

    // Clip residuals beyond the recent persistent deviation (the longest average of z): a lone
    // spike stays clipped, a lasting level shift widens the clip and is absorbed within about a day.
    const persistent = this.sums.length > 0 ? Math.abs(this.sums[this.sums.length - 1] as number) : 0;
    const limit = p.clip + persistent;
    const rc = Math.max(-limit, Math.min(limit, z)) * s;
    const w = 1 / ++this.weight;
    this.level += Math.max(rates[0] as number, w) * rc;
    if (seasonOn) this.learnSeason(hour, (rates[1] as number) * rc);
    this.scale += Math.max(rates[2] as number, w) * (Math.abs(rc) - this.scale);
    return this.output();
  }

  /** One output per episode: a new output needs clearly more than the decayed last peak. */
  /** Moves one hour-of-day offset by `delta`, keeping the offsets' sum for their centring. */
  private learnSeason(hour: number, delta: number): void {
    const before = this.season[hour] as number;
    this.season[hour] = before + delta;
    this.seasonSum += delta;
  }

  private output(): number {
    const p = this.p;
    this.peak *= this.rates[3] as number;
    const best = this.best;
    if (best <= p.rearm * this.peak) return 0;
    this.peak = Math.max(this.peak, best);
    const T = Math.exp(Math.min(best, 700));
    return T / (T + p.halfScoreDays);
  }

  /**
   * Switches to continuous mode, converting what was learnt on counts to raw units: level and
   * hour offsets through the inverse transform, the scale through its slope at the level. The
   * rise channels (z units in both modes) keep their calibration; drops and "went flat" start
   * from the prior; the count-only excess channel goes.
   */
  private toContinuous(): void {
    const p = this.p;
    const S = p.sumHalfLives.length;
    this.continuous = true;
    const up = this.maxima.slice(0, 1 + S);
    const down: DailyMaxima[] = [];
    for (let k = 0; k <= S; k++) down.push(new DailyMaxima(p.priorMax, p.priorSd, p.priorDays));
    this.maxima.splice(0, this.maxima.length, ...up, ...down, new DailyMaxima(p.priorMax, p.priorSd, p.priorDays));
    this.evidence = new Float64Array(this.maxima.length);
    if (this.n === 0) return;
    const mu = this.inverse(this.level);
    const mean = this.seasonSum / BINS;
    let sum = 0;
    for (let h = 0; h < BINS; h++) {
      const o = this.inverse(this.level + (this.season[h] as number) - mean) - mu;
      this.season[h] = o;
      sum += o;
    }
    this.seasonSum = sum;
    if (this.sums.length > 0) this.shift = this.sums[this.sums.length - 1] as number;
    const s = Math.max(this.scale, 1 / Math.sqrt(1 + p.dispersion * mu));
    this.scale = s * Math.sqrt(Math.max(mu, 1) * (1 + p.dispersion * mu));
    this.level = mu;
  }

  /** The continuous mode: the count mode's model on raw values, evidence both ways. */
  private updateContinuous(t: number, x: number): number {
    const p = this.p;
    const hour = Math.floor((((t % DAY) + DAY) % DAY) / HOUR);
    if (this.n === 0) {
      this.n = 1;
      this.lastT = t;
      this.level = x;
      // Unknown until the first deviation: there is no natural unit, unlike counts.
      this.scale = Number.NaN;
      this.weight = 1;
      this.prev = x;
      return 0;
    }
    const dt = Math.max(t - this.lastT, 0);
    this.lastT = t;
    this.n++;
    const step = Math.abs(x - this.prev);
    this.prev = x;
    if (step > 0 && step < this.resolution) this.resolution = step;
    const seasonOn = p.seasonHalfLife > 0;
    const offset = seasonOn ? (this.season[hour] as number) - this.seasonSum / BINS : 0;
    const pred = this.level + offset;
    const r = x - pred;
    // Noise can't be finer than the series' resolution (half its smallest step; a 1e-12 relative
    // guard for float round-off); not Poisson's, which would depend on the unit.
    const floor = Math.max(this.resolution < Number.POSITIVE_INFINITY ? this.resolution / 2 : 0, 1e-12 * Math.abs(pred));
    const known = this.scale > 0;
    const s = known ? Math.max(this.scale, floor) : floor;
    const z = s > 0 ? r / s : 0;

    if (dt !== this.rateDt) this.setRates(dt);
    const rates = this.rates;
    const S = this.sums.length;
    const cap = 2 * p.clip;
    this.best = 0;
    this.judge(0, t, z);
    this.judge(1 + S, t, -z);
    for (let j = 0; j < S; j++) {
      const a = rates[4 + 2 * j] as number;
      const m = (this.sums[j] as number) + a * (Math.max(-cap, Math.min(z, cap)) - (this.sums[j] as number));
      this.sums[j] = m;
      const e = a > 0 ? m / (rates[5 + 2 * j] as number) : 0;
      this.judge(1 + j, t, e);
      this.judge(2 + S + j, t, -e);
    }
    if (S > 0) {
      // "Went flat": the shortest average of ln(|step| / scale), judged low. Cheap, and a noisy
      // metric stuck on one value (a dead sensor, a CPU at 0) is the change it catches.
      const a = rates[4] as number;
      const u = s > 0 ? Math.log(step / s + QUIET_EPS) : 0;
      this.quiet += a * (u - this.quiet);
      this.judge(2 + 2 * S, t, a > 0 ? -this.quiet / (rates[5] as number) : 0);
    }

    // As for counts, the clip widens with the persistent deviation; but raw values are not
    // compressed, so a shift can be tens of scales: its own average, clipped much wider than the
    // evidence's, lets the level absorb it within about a day.
    if (S > 0) this.shift += (rates[4 + 2 * (S - 1)] as number) * (Math.max(-SHIFT_CAP, Math.min(z, SHIFT_CAP)) - this.shift);
    const persistent = Math.abs(this.shift);
    const limit = p.clip + persistent;
    const rc = s > 0 ? Math.max(-limit, Math.min(limit, z)) * s : r;
    const w = 1 / ++this.weight;
    // A deviation that has lasted hours beyond the clip is a new level, not noise: the level then
    // follows at the rate of the longest average instead of the day's (smoothly, as it grows).
    const lasting = S > 0 ? Math.min(1, Math.max(0, persistent - p.clip) / p.clip) : 0;
    const aL = (rates[0] as number) + lasting * Math.max((rates[4 + 2 * (S - 1)] as number) - (rates[0] as number), 0);
    this.level += Math.max(aL, w) * rc;
    if (seasonOn) this.learnSeason(hour, (rates[1] as number) * rc);
    // The first deviation sets the scale unclipped; after that, as for counts.
    if (!known) this.scale = Math.abs(r);
    else this.scale += Math.max(rates[2] as number, w) * (Math.abs(rc) - this.scale);
    return this.output();
  }

  private transform(x: number): number {
    const phi = this.p.dispersion;
    return (2 / Math.sqrt(phi)) * Math.asinh(Math.sqrt(phi * Math.max(x, 0)));
  }

  private inverse(y: number): number {
    const phi = this.p.dispersion;
    const u = Math.sinh((Math.max(y, 0) * Math.sqrt(phi)) / 2);
    return (u * u) / phi;
  }
}

export function create(params: Partial<RobustSeasonalParams> = {}): StreamingDetector {
  return new RobustSeasonalDetector(params);
}
