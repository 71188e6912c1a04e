import assert from 'node:assert/strict';
import { test } from 'node:test';
import { binomialLogUpperTail, lnGamma, poissonLogLowerTail, poissonLogUpperTail, surpriseScore } from './tails.ts';

const close = (a: number, b: number, tol: number): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('lnGamma matches factorials', () => {
  close(lnGamma(1), 0, 1e-12);
  close(lnGamma(5), Math.log(24), 1e-12);
  close(lnGamma(11), Math.log(3628800), 1e-10);
  close(lnGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-12);
});

test('Poisson upper tail: exact small cases and extremes', () => {
  // P(X ≥ 1 | 2) = 1 − e^-2
  close(Math.exp(poissonLogUpperTail(1, 2)), 1 - Math.exp(-2), 1e-12);
  // P(X ≥ 3 | 1) = 1 − e^-1 (1 + 1 + 1/2)
  close(Math.exp(poissonLogUpperTail(3, 1)), 1 - Math.exp(-1) * 2.5, 1e-12);
  assert.equal(poissonLogUpperTail(0, 5), 0);
  // far tail stays finite in log space: P(X ≥ 100 | 1) = e^-1/100! × (1 + 1/101 + 1/(101·102) + …)
  close(poissonLogUpperTail(100, 1), -1 - lnGamma(101) + Math.log(1 + 1 / 101 + 1 / (101 * 102) + 1 / (101 * 102 * 103)), 1e-8);
  assert.equal(poissonLogUpperTail(1, 0), Number.NEGATIVE_INFINITY);
  // below the mean the tail is near 1
  assert.ok(poissonLogUpperTail(5, 50) > -1e-6);
});

test('Poisson lower tail', () => {
  close(Math.exp(poissonLogLowerTail(0, 3)), Math.exp(-3), 1e-12);
  close(Math.exp(poissonLogLowerTail(1, 3)), Math.exp(-3) * 4, 1e-12);
});

test('binomial upper tail', () => {
  // P(X ≥ 2 | n=3, p=.5) = 4/8
  close(Math.exp(binomialLogUpperTail(2, 3, 0.5)), 0.5, 1e-12);
  close(Math.exp(binomialLogUpperTail(3, 3, 0.1)), 0.001, 1e-12);
  assert.equal(binomialLogUpperTail(4, 3, 0.5), Number.NEGATIVE_INFINITY);
});

test('surprise score reads decades of surprise', () => {
  assert.equal(surpriseScore(Math.log(1e-2), 3, 9), 0);
  close(surpriseScore(Math.log(1e-6), 3, 9), 0.5, 1e-9);
  assert.equal(surpriseScore(Math.log(1e-20), 3, 9), 1);
});

test('negative binomial upper tail: geometric case and Poisson limit', async () => {
  const { negBinomialLogUpperTail } = await import('./tails.ts');
  // r = 1: geometric, P(X ≥ k) = q^k
  close(Math.exp(negBinomialLogUpperTail(3, 1, 0.4)), 0.6 ** 3, 1e-12);
  close(Math.exp(negBinomialLogUpperTail(1, 1, 0.4)), 0.6, 1e-12);
  // large r with the same mean tends to Poisson
  const lambda = 2;
  const r = 1e5;
  const p = r / (r + lambda);
  close(negBinomialLogUpperTail(8, r, p), poissonLogUpperTail(8, lambda), 1e-3);
  // wider than Poisson with little data
  assert.ok(negBinomialLogUpperTail(8, 4, 4 / (4 + lambda)) > poissonLogUpperTail(8, lambda));
});
