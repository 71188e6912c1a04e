/**
 * A count rate with the daily and weekly rhythm, learned online: one bin per hour of the day,
 * weekdays and weekends apart (48 bins), each an exponentially decayed (sum, exposure) pair,
 * shrunk towards the global rate by a prior worth `priorBuckets` buckets — so a bin seen twice
 * leans on the global rate, and a bin seen for weeks speaks for itself. Constant memory.
 *
 * `rate(t)` is the expected count per bucket at t; `evidence(t)` is the effective number of
 * buckets behind it (the Gamma posterior's rate), which the tests turn into a predictive
 * negative binomial: wide while warming up, Poisson-like once the rhythm is known.
 */
export interface RateProfileOptions {
  /** Bucket width, ms. */
  bucketMs: number;
  /** Half-life of a bin's memory, in days (each bin is visited once a day, or once a week-end day). */
  binHalfLifeDays: number;
  /** Half-life of the global rate, in days. */
  globalHalfLifeDays: number;
  /** Weight of the global rate in each bin, in buckets. */
  priorBuckets: number;
  /** Cap on the effective evidence (keeps the predictive over-dispersed: social series are bursty). */
  maxEvidenceBuckets: number;
  /** Offset of local time from UTC, minutes (the rhythm follows the audience's clock). */
  utcOffsetMinutes: number;
  /** Floor of the rate, per bucket (a count that never happened is not impossible). */
  minRate: number;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

export class RateProfile {
  private readonly sum = new Float64Array(48);
  private readonly exposure = new Float64Array(48);
  private gSum = 0;
  private gExposure = 0;
  private readonly binDecay: number;
  private readonly globalDecay: number;
  readonly options: RateProfileOptions;

  constructor(options: RateProfileOptions) {
    this.options = options;
    const bucketsPerHour = HOUR / options.bucketMs;
    // A bin receives bucketsPerHour buckets per visit-day.
    this.binDecay = 0.5 ** (1 / (options.binHalfLifeDays * Math.max(1, bucketsPerHour)));
    this.globalDecay = 0.5 ** (options.bucketMs / (options.globalHalfLifeDays * DAY));
  }

  private bin(t: number): number {
    const local = t + this.options.utcOffsetMinutes * 60_000;
    const day = Math.floor(local / DAY);
    // 1970-01-01 was a Thursday: (day + 3) % 7 gives 0 = Monday … 5 = Saturday, 6 = Sunday.
    const weekday = (((day + 3) % 7) + 7) % 7;
    const hour = Math.floor((((local % DAY) + DAY) % DAY) / HOUR);
    return (weekday >= 5 ? 24 : 0) + hour;
  }

  get globalRate(): number {
    return this.gExposure > 0 ? this.gSum / this.gExposure : 0;
  }

  /** Buckets of data seen (decayed). */
  get seen(): number {
    return this.gExposure;
  }

  rate(t: number): number {
    const b = this.bin(t);
    const g = this.globalRate;
    const prior = Math.min(this.options.priorBuckets, this.gExposure);
    const e = (this.exposure[b] as number) + prior;
    const r = e > 0 ? ((this.sum[b] as number) + prior * g) / e : 0;
    return Math.max(this.options.minRate, r);
  }

  evidence(t: number): number {
    const b = this.bin(t);
    const prior = Math.min(this.options.priorBuckets, this.gExposure);
    return Math.min(this.options.maxEvidenceBuckets, (this.exposure[b] as number) + prior);
  }

  /** Learns one bucket's count (the caller caps it when it is anomalous). */
  learn(t: number, count: number): void {
    const b = this.bin(t);
    this.sum[b] = (this.sum[b] as number) * this.binDecay + count;
    this.exposure[b] = (this.exposure[b] as number) * this.binDecay + 1;
    this.gSum = this.gSum * this.globalDecay + count;
    this.gExposure = this.gExposure * this.globalDecay + 1;
  }
}
