import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logLikelihoodRatio } from './llr.ts';

/** G² from its definition, 2 Σ O ln(O / E) over the four cells. */
function direct(a: number, n: number, b: number, m: number): number {
  const cells = [
    [a, n - a],
    [b, m - b],
  ];
  const total = n + m;
  const cols = [a + b, n - a + m - b];
  const rows = [n, m];
  let g = 0;
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 2; c++) {
      const o = (cells[r] as number[])[c] as number;
      const e = ((rows[r] as number) * (cols[c] as number)) / total;
      if (o > 0) g += o * Math.log(o / e);
    }
  }
  return 2 * g;
}

test('G² matches its definition, with decayed (fractional) baseline counts too', () => {
  for (const [a, n, b, m] of [
    [30, 100, 12, 1000],
    [5, 40, 0, 700],
    [1, 1, 3.5, 12.25],
    [60, 60, 0.2, 4321.7],
  ] as const) {
    assert.ok(Math.abs(logLikelihoodRatio(a, n, b, m) - direct(a, n, b, m)) < 1e-9, `${a}/${n} vs ${b}/${m}`);
  }
});

test('G² is 0 for equal rates or an empty side, and grows with the evidence', () => {
  assert.ok(Math.abs(logLikelihoodRatio(10, 100, 100, 1000)) < 1e-9);
  assert.equal(logLikelihoodRatio(5, 10, 0, 0), 0);
  assert.equal(logLikelihoodRatio(0, 0, 5, 10), 0);
  assert.ok(logLikelihoodRatio(20, 100, 10, 1000) > logLikelihoodRatio(2, 10, 10, 1000));
  assert.ok(logLikelihoodRatio(20, 100, 10, 1000) > logLikelihoodRatio(20, 100, 100, 1000));
});
