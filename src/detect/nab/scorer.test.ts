import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, test } from 'node:test';
import { loadNabCorpus, probationLength, type NabCorpus } from './corpus.ts';
import { PROFILES } from './profiles.ts';
import { readDetectorResults } from './results.ts';
import { normaliseScore, scaledSigmoid, scoreAtThreshold, scoreDetector } from './scorer.ts';
import { flat, scoresWith, writeNabFixture, type Fixture } from './test-fixture.ts';

// Expected values are worked out by hand from SCORING.md (S(y) = 2 / (1 + e^(5y)) − 1 = −tanh(2.5 y)):
const S_MINUS_1 = Math.tanh(2.5); // 0.98661…
const W25 = Math.tanh(1.25) / S_MINUS_1; // row 25 of window [20, 29]: S(−5/10) / S(−1) = 0.85979…
const W22 = Math.tanh(2.5 * 0.8) / S_MINUS_1; // row 22: S(−8/10) / S(−1) = 0.97711…
const AFTER_3 = -Math.tanh(2.5 / 3); // 3 rows after a 10-row window: S(3/9) = −0.68226…

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A corpus of the given files, and a stored detector "d" with the given scores. */
function corpusOf(fixture: Fixture): NabCorpus {
  const dir = writeNabFixture(fixture);
  dirs.push(dir);
  return loadNabCorpus(dir);
}

/** One 40-row file (probation 6) with the window [20, 29] and a detector firing (score 1) at `rows`. */
function oneWindow(rows: number[], n = 40): { corpus: NabCorpus; scores: number[][] } {
  const corpus = corpusOf({ files: { 'cat/a.csv': { values: flat(n), windows: [[20, 29]] } } });
  return { corpus, scores: [scoresWith(n, Object.fromEntries(rows.map((r) => [r, 1])))] };
}

const close = (actual: number, expected: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

test('the scaled sigmoid: 0 at the window end, S(−1) at its start, −1 beyond 3', () => {
  close(scaledSigmoid(0), 0, 'S(0)');
  close(scaledSigmoid(-1), 0.9866142981514305, 'S(−1)');
  close(scaledSigmoid(3), -Math.tanh(7.5), 'S(3)');
  assert.equal(scaledSigmoid(3.0001), -1);
});

test('probation: min(floor(15 % of rows), 750)', () => {
  assert.equal(probationLength(40), 6);
  assert.equal(probationLength(4999), 749);
  assert.equal(probationLength(5000), 750);
  assert.equal(probationLength(15_903), 750);
});

test('a detection on the first row of the window earns exactly 1: 100 in every profile', () => {
  const { corpus, scores } = oneWindow([20]);
  const s = scoreDetector(corpus, scores);
  assert.deepEqual(s.raw, { standard: 1, reward_low_FP_rate: 1, reward_low_FN_rate: 1 });
  assert.deepEqual([s.standard, s.reward_low_FP_rate, s.reward_low_FN_rate], [100, 100, 100]);
  assert.deepEqual(s.thresholds, { standard: 1, reward_low_FP_rate: 1, reward_low_FN_rate: 1 });
});

test('a later row earns less, and only the earliest detection of a window counts', () => {
  const { corpus, scores } = oneWindow([25, 27]);
  const s = scoreDetector(corpus, scores);
  close(s.raw.standard, W25, 'raw');
  close(s.standard, (100 * (W25 + 1)) / 2, 'standard');
  close(s.reward_low_FN_rate, (100 * (W25 + 2)) / 3, 'low FN');
});

test('the earliest detection counts even when a later one has a higher score', () => {
  const corpus = corpusOf({ files: { 'cat/a.csv': { values: flat(40), windows: [[20, 29]] } } });
  const s = scoreDetector(corpus, [scoresWith(40, { 22: 0.6, 26: 0.9 })]);
  assert.equal(s.thresholds.standard, 0.6);
  close(s.raw.standard, W22, 'raw');
});

test('a missed window costs fnWeight: one window found, one missed', () => {
  const files = { 'cat/a.csv': { values: flat(40), windows: [[20, 29]] as [number, number][] }, 'cat/b.csv': { values: flat(40), windows: [[20, 29]] as [number, number][] } };
  const corpus = corpusOf({ files });
  const s = scoreDetector(corpus, [scoresWith(40, { 20: 1 }), scoresWith(40, {})]);
  assert.equal(corpus.windows, 2);
  assert.deepEqual(s.raw, { standard: 0, reward_low_FP_rate: 0, reward_low_FN_rate: -1 });
  assert.deepEqual([s.standard, s.reward_low_FP_rate, s.reward_low_FN_rate], [50, 50, 50]);
});

test('a detector that never fires scores 0, at the threshold 1.1', () => {
  const { corpus } = oneWindow([]);
  const s = scoreDetector(corpus, [new Array<number>(40).fill(0.3)]);
  // Firing everywhere (threshold 0.3) would catch the window but pay 14 FPs before it and 10 after.
  assert.deepEqual(s.thresholds, { standard: 1.1, reward_low_FP_rate: 1.1, reward_low_FN_rate: 0.3 });
  assert.equal(s.standard, 0);
  assert.equal(s.reward_low_FP_rate, 0);
});

test('a false positive before the first window costs the full fpWeight', () => {
  const { corpus, scores } = oneWindow([10, 20]);
  const s = scoreDetector(corpus, scores);
  close(s.raw.standard, 0.89, 'standard raw');
  close(s.raw.reward_low_FP_rate, 0.78, 'low FP raw');
  close(s.raw.reward_low_FN_rate, 0.89, 'low FN raw');
  close(s.standard, 94.5, 'standard');
  close(s.reward_low_FP_rate, 89, 'low FP');
  close(s.reward_low_FN_rate, (100 * 2.89) / 3, 'low FN');
});

test('a false positive after a window costs fpWeight × S(y), y = rows past it / (W − 1)', () => {
  const near = oneWindow([20, 32], 60);
  close(scoreDetector(near.corpus, near.scores).raw.standard, 1 + 0.11 * AFTER_3, 'just after');
  const further = oneWindow([20, 39], 60);
  close(scoreDetector(further.corpus, further.scores).raw.standard, 1 - 0.11 * Math.tanh(2.5 * (10 / 9)), '10 rows after');
  const far = oneWindow([20, 57], 60);
  close(scoreDetector(far.corpus, far.scores).raw.standard, 0.89, 'y = 28/9 > 3');
});

test('after two windows, a false positive is measured from the later one', () => {
  const corpus = corpusOf({ files: { 'cat/a.csv': { values: flat(100), windows: [[50, 59], [20, 29]] } } });
  const s = scoreDetector(corpus, [scoresWith(100, { 20: 1, 50: 1, 62: 1 })]);
  close(s.raw.standard, 2 + 0.11 * AFTER_3, 'raw');
});

test('detections during probation are not scored', () => {
  const { corpus, scores } = oneWindow([3, 20]);
  assert.equal(corpus.files[0]?.probation, 6);
  assert.equal(scoreDetector(corpus, scores).raw.standard, 1);
});

test('one threshold per profile for all files together, the best for each profile', () => {
  // File a: the window's first row at 0.9. File b: row 25 of its window at 0.5, and 9 FPs at 0.7.
  const corpus = corpusOf({
    files: { 'cat/a.csv': { values: flat(40), windows: [[20, 29]] }, 'cat/b.csv': { values: flat(40), windows: [[20, 29]] } },
  });
  const b = scoresWith(40, { 25: 0.5 });
  for (let r = 10; r <= 18; r++) b[r] = 0.7;
  const scores = [scoresWith(40, { 20: 0.9 }), b];
  const s = scoreDetector(corpus, scores);
  // Standard: at 0.5, 1 + W25 − 9 × 0.11 = 0.8698 beats 0 at 0.9. Low FP: 9 × 0.22 = 1.98 is too dear.
  assert.deepEqual(s.thresholds, { standard: 0.5, reward_low_FP_rate: 0.9, reward_low_FN_rate: 0.5 });
  close(s.raw.standard, 1 + W25 - 0.99, 'standard raw');
  close(s.raw.reward_low_FP_rate, 0, 'low FP raw');
  close(s.standard, (100 * (1 + W25 - 0.99 + 2)) / 4, 'standard');
  close(s.reward_low_FP_rate, 50, 'low FP');
  close(s.reward_low_FN_rate, (100 * (1 + W25 - 0.99 + 4)) / 6, 'low FN');
  // Per file at the chosen threshold.
  const at = scoreAtThreshold(corpus, scores, PROFILES.standard, 0.5);
  close(at.perFile[0] as number, 1, 'file a');
  close(at.perFile[1] as number, W25 - 0.99, 'file b');
});

test('the sweep finds the same best threshold as scoring every candidate one by one', () => {
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const files: Fixture['files'] = {
    'x/a.csv': { values: flat(300), windows: [[80, 99], [200, 229]] },
    'x/b.csv': { values: flat(250), windows: [[120, 125]] },
    'y/c.csv': { values: flat(200), windows: [] },
  };
  const corpus = corpusOf({ files });
  // Scores rounded to 2 decimals, so many rows share a score.
  const scores = corpus.files.map((f) => Array.from(f.times, () => Math.round(random() ** 4 * 100) / 100));
  const s = scoreDetector(corpus, scores);
  for (const [name, profile] of Object.entries(PROFILES) as [keyof typeof PROFILES, (typeof PROFILES)['standard']][]) {
    const candidates = [...new Set(scores.flat()), 1.1];
    const best = Math.max(...candidates.map((t) => scoreAtThreshold(corpus, scores, profile, t).raw));
    close(s.raw[name], best, `${name} best raw`);
    close(scoreAtThreshold(corpus, scores, profile, s.thresholds[name]).raw, best, `${name} at its threshold`);
  }
});

test('normalisation: never firing → 0, perfect → 100; no window is an error', () => {
  assert.equal(normaliseScore(-33, 33, PROFILES.standard), 0);
  assert.equal(normaliseScore(33, 33, PROFILES.standard), 100);
  assert.equal(normaliseScore(-66, 33, PROFILES.reward_low_FN_rate), 0);
  assert.equal(normaliseScore(0, 33, PROFILES.reward_low_FN_rate), (100 * 66) / 99);
  assert.throws(() => normaliseScore(0, 0, PROFILES.standard), /no labelled window/);
});

test('stored results, plain or gzipped, are read and scored alike', () => {
  const files = { 'cat/a.csv': { values: flat(40), windows: [[20, 29]] as [number, number][] } };
  const results = { det: { 'cat/a.csv': scoresWith(40, { 10: 0.7, 25: 0.75 }) } };
  const plain = corpusOf({ files, results });
  const gz = corpusOf({ files, results, gzip: true });
  const a = readDetectorResults(plain, 'det');
  const b = readDetectorResults(gz, 'det');
  assert.deepEqual(b, a);
  assert.equal(a[0]?.[25], 0.75);
  const s = scoreDetector(gz, b);
  assert.equal(s.thresholds.standard, 0.75);
  close(s.raw.standard, W25, 'raw');
});
