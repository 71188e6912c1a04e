/**
 * Temperature scaling (Guo et al., 2017): one positive number T per head, logits / T before the
 * softmax, chosen to minimise the negative log-likelihood of held-out texts. It changes the
 * probabilities (their calibration), never the predicted label.
 */

/** Mean negative log-likelihood of `labels` under softmax(logits / t); logits holds three per text. */
export function meanNll(logits: ArrayLike<number>, labels: ArrayLike<number>, t: number): number {
  let sum = 0;
  const n = labels.length;
  for (let i = 0; i < n; i++) {
    const a = logits[i * 3]! / t;
    const b = logits[i * 3 + 1]! / t;
    const c = logits[i * 3 + 2]! / t;
    const m = Math.max(a, b, c);
    const lse = m + Math.log(Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m));
    sum += lse - logits[i * 3 + labels[i]!]! / t;
  }
  return n === 0 ? 0 : sum / n;
}

/** The temperature in [0.05, 20] minimising meanNll (golden-section search on log T). */
export function fitTemperature(logits: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (labels.length === 0) return 1;
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = meanNll(logits, labels, Math.exp(x1));
  let f2 = meanNll(logits, labels, Math.exp(x2));
  for (let it = 0; it < 60; it++) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = meanNll(logits, labels, Math.exp(x1));
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = meanNll(logits, labels, Math.exp(x2));
    }
  }
  // Rounded so that the model file does not depend on the last bits of the search.
  return Math.round(Math.exp((lo + hi) / 2) * 1e4) / 1e4;
}

/** Probabilities softmax(logits / t), three per text. */
export function probabilities(logits: ArrayLike<number>, t: number): Float64Array {
  const n = logits.length / 3;
  const out = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const a = logits[i * 3]! / t;
    const b = logits[i * 3 + 1]! / t;
    const c = logits[i * 3 + 2]! / t;
    const m = Math.max(a, b, c);
    const e0 = Math.exp(a - m);
    const e1 = Math.exp(b - m);
    const e2 = Math.exp(c - m);
    const s = e0 + e1 + e2;
    out[i * 3] = e0 / s;
    out[i * 3 + 1] = e1 / s;
    out[i * 3 + 2] = e2 / s;
  }
  return out;
}
