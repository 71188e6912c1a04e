/**
 * Dunning's log-likelihood ratio G² for a term: the 2 × 2 table of mentions with and without the
 * term, in the window (a of n) and in the baseline (b of m; decayed counts, so not integers).
 * G² = 2 Σ O ln(O / E), E from the table's margins; 0 ln 0 = 0. Large when the window's rate
 * a / n differs from the baseline's b / m beyond what chance explains for counts that size.
 */
function xlnx(x: number): number {
  return x > 0 ? x * Math.log(x) : 0;
}

export function logLikelihoodRatio(a: number, n: number, b: number, m: number): number {
  if (n <= 0 || m <= 0) return 0;
  const a2 = Math.min(Math.max(a, 0), n);
  const b2 = Math.min(Math.max(b, 0), m);
  const notA = n - a2;
  const notB = m - b2;
  // 2 [Σ cells x ln x − Σ rows r ln r − Σ columns c ln c + N ln N]: the same as Σ O ln(O/E).
  const cells = xlnx(a2) + xlnx(notA) + xlnx(b2) + xlnx(notB);
  const rows = xlnx(a2 + b2) + xlnx(notA + notB);
  const columns = xlnx(n) + xlnx(m);
  const g2 = 2 * (cells - rows - columns + xlnx(n + m));
  return g2 > 0 ? g2 : 0;
}
