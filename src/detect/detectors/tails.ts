/**
 * Tail probabilities for count tests, in natural-log space so tiny p-values stay exact enough to
 * compare (a crisis gives p ≈ 1e-40; what matters is its order of magnitude).
 */

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error < 1e-13 over the range used here). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/**
 * ln P(X ≥ k) for X ~ Poisson(λ). Sums the upper tail from k while terms matter (k > λ: the
 * terms fall fast), and uses 1 − P(X < k) below the mean. Cost O(√λ + 40) at most.
 */
export function poissonLogUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 0;
  if (!(lambda > 0)) return Number.NEGATIVE_INFINITY;
  k = Math.ceil(k);
  const logPmf = (i: number): number => i * Math.log(lambda) - lambda - lnGamma(i + 1);
  if (k > lambda) {
    let sum = Number.NEGATIVE_INFINITY;
    for (let i = k; i < k + 1000; i++) {
      const term = logPmf(i);
      sum = logAddExp(sum, term);
      if (term < sum - 35) break;
    }
    return Math.min(0, sum);
  }
  // Lower side: P(X ≥ k) = 1 − P(X ≤ k − 1); P(X ≤ k−1) is then small or moderate.
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = k - 1; i >= 0; i--) {
    const term = logPmf(i);
    lower = logAddExp(lower, term);
    if (term < lower - 35) break;
  }
  const p = 1 - Math.exp(lower);
  return p > 0 ? Math.log(p) : Number.NEGATIVE_INFINITY;
}

/** ln P(X ≤ k) for X ~ Poisson(λ) (the "went quiet" side). */
export function poissonLogLowerTail(k: number, lambda: number): number {
  if (k < 0) return Number.NEGATIVE_INFINITY;
  if (!(lambda > 0)) return 0;
  return k + 1 > lambda * 3 + 50 ? 0 : Math.log(Math.max(Number.MIN_VALUE, 1 - Math.exp(poissonLogUpperTail(Math.floor(k) + 1, lambda))));
}

/** ln P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialLogUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 0;
  if (k > n) return Number.NEGATIVE_INFINITY;
  if (!(p > 0)) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return 0;
  const lnC = (i: number): number => lnGamma(n + 1) - lnGamma(i + 1) - lnGamma(n - i + 1);
  const logPmf = (i: number): number => lnC(i) + i * Math.log(p) + (n - i) * Math.log1p(-p);
  let sum = Number.NEGATIVE_INFINITY;
  for (let i = Math.ceil(k); i <= n; i++) {
    const term = logPmf(i);
    sum = logAddExp(sum, term);
    if (i > n * p && term < sum - 35) break;
  }
  return Math.min(0, sum);
}

/**
 * Maps a log tail probability to an anomaly score in [0, 1]: 0 until p = 10^-minDecades, 1 at
 * p = 10^-fullDecades, linear in decades between (so the score reads as "how many orders of
 * magnitude of surprise", and 0.5 sits halfway).
 */
export function surpriseScore(logP: number, minDecades: number, fullDecades: number): number {
  const decades = -logP / Math.LN10;
  if (!(decades > minDecades)) return 0;
  return Math.min(1, (decades - minDecades) / (fullDecades - minDecades));
}

/**
 * ln P(X ≥ k) for X ~ NegativeBinomial(r, p), pmf Γ(k+r)/(Γ(r) k!) p^r (1−p)^k: the predictive
 * distribution of a Poisson count whose rate has a Gamma(r, b) posterior (p = b / (b + w) for a
 * window of w buckets). Wider than Poisson when the rate is known from little data.
 */
export function negBinomialLogUpperTail(k: number, r: number, p: number): number {
  if (k <= 0) return 0;
  if (!(r > 0) || !(p > 0)) return 0;
  if (p >= 1) return Number.NEGATIVE_INFINITY;
  k = Math.ceil(k);
  const q = 1 - p;
  const logQ = Math.log(q);
  const mean = (r * q) / p;
  if (k <= mean) {
    // Lower side: 1 − P(X ≤ k − 1), summed downwards from k − 1.
    let lower = Number.NEGATIVE_INFINITY;
    let term = lnGamma(k - 1 + r) - lnGamma(r) - lnGamma(k) + r * Math.log(p) + (k - 1) * logQ;
    for (let i = k - 1; i >= 0; i--) {
      lower = logAddExp(lower, term);
      if (term < lower - 35) break;
      // term(i−1) = term(i) × i / ((i − 1 + r) q)
      term += Math.log(i) - Math.log(i - 1 + r) - logQ;
    }
    const rest = 1 - Math.exp(lower);
    return rest > 0 ? Math.log(rest) : Number.NEGATIVE_INFINITY;
  }
  let term = lnGamma(k + r) - lnGamma(r) - lnGamma(k + 1) + r * Math.log(p) + k * logQ;
  let sum = Number.NEGATIVE_INFINITY;
  for (let i = k; i < k + 5000; i++) {
    sum = logAddExp(sum, term);
    const ratioLog = Math.log(i + r) - Math.log(i + 1) + logQ;
    if (term < sum - 35) break;
    // Once the ratio is below 1 and steady, the rest is at most a geometric tail.
    if (i > k + 200 && ratioLog < 0) {
      sum = logAddExp(sum, term + ratioLog - Math.log(-Math.expm1(ratioLog)));
      break;
    }
    term += ratioLog;
  }
  return Math.min(0, sum);
}
