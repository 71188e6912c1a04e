import type { NabCorpus, NabFile } from './corpus.ts';
import { NabDataError } from './errors.ts';
import { PROFILE_NAMES, PROFILES, type CostMatrix, type ProfileName } from './profiles.ts';

// NAB's scoring (../shared/data/nab/SCORING.md): a detection in a window earns by how early it is,
// a window missed costs fnWeight, a detection outside windows costs fpWeight (less just after a
// window), one threshold per detector and profile over all files, normalised null → 0, perfect → 100.

/** S(y) = 2 / (1 + e^(5y)) − 1, and −1 past y = 3. */
export function scaledSigmoid(y: number): number {
  return y > 3 ? -1 : 2 / (1 + Math.exp(5 * y)) - 1;
}

const S_MINUS_ONE = scaledSigmoid(-1);

/**
 * What a detection at each scored row (probation excluded) is worth before the profile's weights:
 * in a window, S(−(R − i + 1) / W) / S(−1) (1 at the window's first row); outside, the FP factor
 * (−1 before the first window, S(y) after one). `window[k]` is the window's index in the file, or −1.
 */
export interface RowWeights {
  window: Int32Array;
  weight: Float64Array;
}

const rowWeightsCache = new WeakMap<NabFile, RowWeights>();

export function rowWeights(file: NabFile): RowWeights {
  const cached = rowWeightsCache.get(file);
  if (cached) return cached;
  const n = file.times.length - file.probation;
  const window = new Int32Array(n).fill(-1);
  const weight = new Float64Array(n);
  let w = 0; // the first window that does not end before row i
  for (let k = 0; k < n; k++) {
    const i = k + file.probation;
    while (w < file.windows.length && (file.windows[w]?.last as number) < i) w++;
    const cur = file.windows[w];
    const prev = file.windows[w - 1];
    if (cur !== undefined && cur.first <= i) {
      const width = cur.last - cur.first + 1;
      window[k] = w;
      weight[k] = scaledSigmoid(-(cur.last - i + 1) / width) / S_MINUS_ONE;
    } else if (prev === undefined) {
      weight[k] = -1;
    } else {
      // A one-row window gives 0 / 0 past it: count such a detection as a full false positive.
      const y = (i - prev.last) / (prev.last - prev.first);
      weight[k] = Number.isFinite(y) ? scaledSigmoid(y) : -1;
    }
  }
  const weights = { window, weight };
  rowWeightsCache.set(file, weights);
  return weights;
}

/** A detector's anomaly scores: one array per corpus file, one score per row. */
export type ScoresPerFile = readonly ArrayLike<number>[];

export interface DetectorScore {
  /** Normalised scores: 0 = never fires, 100 = the first row of every window and nothing else. */
  standard: number;
  reward_low_FP_rate: number;
  reward_low_FN_rate: number;
  /** The threshold chosen for each profile (a row is a detection when its score is ≥ it). */
  thresholds: Record<ProfileName, number>;
  /** The summed raw score at that threshold. */
  raw: Record<ProfileName, number>;
}

/** Raw score → 100 × (S − S_null) / (S_perfect − S_null). */
export function normaliseScore(raw: number, windows: number, profile: CostMatrix): number {
  if (windows === 0) throw new NabDataError('no labelled window in the files scored: the NAB score is undefined (add files with windows)');
  const nullScore = -profile.fn * windows;
  const perfect = profile.tp * windows;
  return (100 * (raw - nullScore)) / (perfect - nullScore);
}

/** The threshold that means "no detection" (NAB's 1.1, above any score in [0, 1]). */
const NO_DETECTION = 1.1;

/**
 * Scores a detector on the corpus: for each profile, the threshold (every distinct score, plus
 * 1.1) that maximises the raw score summed over all files, found in one sweep down the scores.
 */
export function scoreDetector(
  corpus: NabCorpus,
  scoresPerFile: ScoresPerFile,
  profiles: Readonly<Record<ProfileName, CostMatrix>> = PROFILES,
): DetectorScore {
  const rows = gatherScoredRows(corpus, scoresPerFile);
  const thresholds = {} as Record<ProfileName, number>;
  const raw = {} as Record<ProfileName, number>;
  const normalised = {} as Record<ProfileName, number>;
  for (const name of PROFILE_NAMES) {
    const best = sweep(rows, corpus.windows, profiles[name]);
    thresholds[name] = best.threshold;
    raw[name] = best.raw;
    normalised[name] = normaliseScore(best.raw, corpus.windows, profiles[name]);
  }
  return { ...normalised, thresholds, raw };
}

interface ScoredRows {
  score: Float64Array;
  /** Index of the window across the corpus, or −1. */
  window: Int32Array;
  weight: Float64Array;
  /** Row indices by descending score. */
  order: Uint32Array;
}

function gatherScoredRows(corpus: NabCorpus, scoresPerFile: ScoresPerFile): ScoredRows {
  if (scoresPerFile.length !== corpus.files.length) {
    throw new NabDataError(`expected anomaly scores for ${corpus.files.length} files, got ${scoresPerFile.length}`);
  }
  let n = 0;
  corpus.files.forEach((file, f) => {
    const scores = scoresPerFile[f] as ArrayLike<number>;
    if (scores.length !== file.times.length) {
      throw new NabDataError(`${file.key}: ${scores.length} anomaly scores for ${file.times.length} rows`);
    }
    n += file.times.length - file.probation;
  });
  const score = new Float64Array(n);
  const window = new Int32Array(n);
  const weight = new Float64Array(n);
  let at = 0;
  let windowBase = 0;
  corpus.files.forEach((file, f) => {
    const scores = scoresPerFile[f] as ArrayLike<number>;
    const w = rowWeights(file);
    for (let k = 0; k < w.weight.length; k++, at++) {
      const s = scores[k + file.probation] as number;
      if (Number.isNaN(s)) throw new NabDataError(`${file.key}: row ${k + file.probation + 1}: the anomaly score is not a number`);
      score[at] = s;
      const local = w.window[k] as number;
      window[at] = local < 0 ? -1 : windowBase + local;
      weight[at] = w.weight[k] as number;
    }
    windowBase += file.windows.length;
  });
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (score[b] as number) - (score[a] as number));
  return { score, window, weight, order };
}

/** Lowers the threshold one distinct score at a time, keeping the running raw score. */
function sweep(rows: ScoredRows, windows: number, profile: CostMatrix): { threshold: number; raw: number } {
  const { score, window, weight, order } = rows;
  const n = order.length;
  // Each window's current credit: its best (earliest) detection so far, NaN while missed.
  const credit = new Float64Array(windows).fill(Number.NaN);
  let total = -profile.fn * windows;
  const top = n > 0 ? (score[order[0] as number] as number) : 0;
  // Ties go to the higher threshold (NAB keeps the first best in its descending sweep).
  let best = { threshold: top >= NO_DETECTION ? top + 1 : NO_DETECTION, raw: total };
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const w = window[i] as number;
    const value = weight[i] as number;
    if (w < 0) total += profile.fp * value;
    else {
      const had = credit[w] as number;
      if (Number.isNaN(had)) {
        credit[w] = value;
        total += profile.tp * value + profile.fn;
      } else if (value > had) {
        credit[w] = value;
        total += profile.tp * (value - had);
      }
    }
    const s = score[i] as number;
    const next = k + 1 < n ? (score[order[k + 1] as number] as number) : Number.NEGATIVE_INFINITY;
    if (next !== s && total > best.raw) best = { threshold: s, raw: total };
  }
  return best;
}

/** The raw score of each file at a given threshold (what NAB stores per file), and their sum. */
export function scoreAtThreshold(
  corpus: NabCorpus,
  scoresPerFile: ScoresPerFile,
  profile: CostMatrix,
  threshold: number,
): { raw: number; perFile: number[] } {
  const perFile = corpus.files.map((file, f) => {
    const scores = scoresPerFile[f] as ArrayLike<number>;
    const { window, weight } = rowWeights(file);
    const detected = new Array<boolean>(file.windows.length).fill(false);
    let sum = -profile.fn * file.windows.length;
    for (let k = 0; k < weight.length; k++) {
      if (!((scores[k + file.probation] as number) >= threshold)) continue;
      const w = window[k] as number;
      if (w < 0) sum += profile.fp * (weight[k] as number);
      else if (!detected[w]) {
        // Rows come in time order, so the first detection of a window is its earliest.
        detected[w] = true;
        sum += profile.tp * (weight[k] as number) + profile.fn;
      }
    }
    return sum;
  });
  return { raw: perFile.reduce((a, b) => a + b, 0), perFile };
}
