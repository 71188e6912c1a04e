import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { StreamingDetector } from '../types.ts';
import { evaluateNab } from './evaluate.ts';
import { readDetectorResults } from './results.ts';
import { runStreamingDetector, writeNabResults } from './run-detector.ts';
import { scoreDetector } from './scorer.ts';
import { flat, scoresWith, writeNabFixture } from './test-fixture.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Two files whose windows open with a jump in volume (rows 30 and 40), and a perfect stored detector. */
function fixture(): string {
  const a = flat(60).map((v, i) => (i >= 30 && i < 34 ? 200 : v + (i % 3)));
  const b = flat(80).map((v, i) => (i >= 40 && i < 44 ? 300 : v + (i % 4)));
  const dir = writeNabFixture({
    files: { 'cat/a.csv': { values: a, windows: [[30, 39]] }, 'cat/b.csv': { values: b, windows: [[40, 49]] } },
    results: { perfect: { 'cat/a.csv': scoresWith(60, { 30: 1 }), 'cat/b.csv': scoresWith(80, { 40: 1 }) } },
    gzip: true,
  });
  dirs.push(dir);
  return dir;
}

/** Fires once, on the first value at least `ratio` times the running mean: it keeps state per file. */
function jumpDetector(ratio: number): StreamingDetector {
  let n = 0;
  let sum = 0;
  let fired = false;
  return {
    update(_t: number, value: number): number {
      const jump = n > 0 && !fired && value >= (ratio * sum) / n;
      n++;
      sum += value;
      if (jump) fired = true;
      return jump ? 1 : 0;
    },
  };
}

test('runs a new detector instance per file, rows in order, and scores it beside the stored detectors', () => {
  const dir = fixture();
  const e = evaluateNab(dir, { createDetector: () => jumpDetector(5) });
  assert.deepEqual(e.detectors.map((d) => d.name), ['vigie', 'perfect']);
  // A shared instance would have fired on file a only.
  assert.deepEqual(e.vigieScores.map((s) => s.indexOf(1)), [30, 40]);
  assert.equal(e.detectors[0]?.score.standard, 100);
  assert.equal(e.detectors[1]?.score.standard, 100);
  assert.deepEqual(e.skipped, []);
});

test("Vigie's production volume detector runs on every file with scores in [0, 1]", () => {
  const dir = fixture();
  const e = evaluateNab(dir, { detectorOnly: true });
  assert.deepEqual(e.detectors.map((d) => d.name), ['vigie']);
  assert.deepEqual(e.vigieScores.map((s) => s.length), [60, 80]);
  for (const s of e.vigieScores) for (const x of s) assert.ok(x >= 0 && x <= 1);
  const score = e.detectors[0]?.score.standard as number;
  assert.ok(score >= 0 && score <= 100, String(score));
});

test('a stored detector that cannot be scored is skipped with the reason; results/vigie is not re-read', () => {
  const dir = fixture();
  mkdirSync(join(dir, 'results', 'partial', 'cat'), { recursive: true });
  writeFileSync(join(dir, 'results', 'partial', 'cat', 'partial_a.csv'), 'timestamp,value,anomaly_score\n');
  const e = evaluateNab(dir, { createDetector: () => jumpDetector(5) });
  writeNabResults(dir, 'vigie', e.corpus, e.vigieScores);
  const again = evaluateNab(dir, { createDetector: () => jumpDetector(5) });
  assert.deepEqual(again.detectors.map((d) => d.name), ['vigie', 'perfect']);
  assert.equal(again.skipped.length, 1);
  assert.equal(again.skipped[0]?.name, 'partial');
  assert.match(again.skipped[0]?.reason ?? '', /partial_a\.csv: 0 rows, but the data file .* has 60/);
});

test('written results read back as the same scores', () => {
  const dir = fixture();
  const e = evaluateNab(dir, { createDetector: () => jumpDetector(3), detectorOnly: true });
  const out = join(dir, 'out');
  const paths = writeNabResults(out, 'vigie', e.corpus, e.vigieScores);
  assert.deepEqual(paths, [join(out, 'results', 'vigie', 'cat', 'vigie_a.csv'), join(out, 'results', 'vigie', 'cat', 'vigie_b.csv')]);
  const back = readDetectorResults({ ...e.corpus, dir: out }, 'vigie');
  assert.deepEqual(back, e.vigieScores);
  assert.deepEqual(scoreDetector(e.corpus, back), e.detectors[0]?.score);
});

test('a detector returning a score outside [0, 1] is an error naming the file and line', () => {
  const dir = fixture();
  const e = evaluateNab(dir, { detectorOnly: true, createDetector: () => jumpDetector(5) });
  assert.throws(
    () => runStreamingDetector(e.corpus, () => ({ update: (_t, v) => (v > 100 ? Number.NaN : 0) }), 'test detector'),
    /test detector returned the anomaly score NaN \(expected a number in \[0, 1\]\) at cat\/a\.csv line 32/,
  );
});
