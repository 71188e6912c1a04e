/**
 * One-vs-rest L2-regularised logistic regression on sparse rows, every category fitted at once
 * (the objective is a sum of independent per-category problems, so one L-BFGS run over all the
 * weights minimises each of them; a row's features are read once for all categories).
 * Deterministic: no randomness, the result depends on the data alone.
 *
 * Objective per category: mean log-loss over rows + λ/2 ‖w‖² (the bias is not regularised).
 */

/** Rows in compressed sparse row form: row i's columns are cols[rowPtr[i]..rowPtr[i+1]). */
export interface SparseRows {
  rows: number;
  columns: number;
  rowPtr: Int32Array;
  cols: Int32Array;
  vals: Float64Array;
}

export interface LogisticFit {
  /** columns × k, row-major (the k weights of a column together). */
  weights: Float64Array;
  bias: Float64Array;
  iterations: number;
  converged: boolean;
}

export interface FitOptions {
  lambda: number;
  maxIterations?: number;
  /** Stop when the gradient's largest component is below this. */
  tolerance?: number;
}

/** Fits k logistic regressions; `labels[i * k + c]` is 1 when row i has category c. */
export function fitLogistic(x: SparseRows, labels: Uint8Array, k: number, options: FitOptions): LogisticFit {
  const n = x.rows;
  const d = x.columns;
  if (labels.length !== n * k) throw new Error(`fitLogistic: ${labels.length} labels for ${n} rows × ${k} categories`);
  const size = (d + 1) * k; // weights, then the k biases
  const lambda = options.lambda;
  const maxIter = options.maxIterations ?? 500;
  const tol = options.tolerance ?? 1e-6;
  const z = new Float64Array(n * k);

  const evaluate = (theta: Float64Array, grad: Float64Array): number => {
    // z = X·W + b
    const biasAt = d * k;
    for (let i = 0; i < n; i++) {
      const zi = i * k;
      for (let c = 0; c < k; c++) z[zi + c] = theta[biasAt + c] as number;
      for (let p = x.rowPtr[i] as number, end = x.rowPtr[i + 1] as number; p < end; p++) {
        const col = (x.cols[p] as number) * k;
        const v = x.vals[p] as number;
        for (let c = 0; c < k; c++) z[zi + c] = (z[zi + c] as number) + v * (theta[col + c] as number);
      }
    }
    grad.fill(0);
    let loss = 0;
    const inv = 1 / n;
    for (let i = 0; i < n; i++) {
      const zi = i * k;
      for (let c = 0; c < k; c++) {
        const s = z[zi + c] as number;
        const y = labels[zi + c] as number;
        // log(1 + e^-s) for y = 1, log(1 + e^s) for y = 0, computed stably.
        const m = y === 1 ? -s : s;
        loss += m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
        const p = 1 / (1 + Math.exp(-s));
        z[zi + c] = (p - y) * inv; // reuse z as the residual
      }
    }
    loss *= inv;
    for (let i = 0; i < n; i++) {
      const zi = i * k;
      for (let p = x.rowPtr[i] as number, end = x.rowPtr[i + 1] as number; p < end; p++) {
        const col = (x.cols[p] as number) * k;
        const v = x.vals[p] as number;
        for (let c = 0; c < k; c++) grad[col + c] = (grad[col + c] as number) + v * (z[zi + c] as number);
      }
      for (let c = 0; c < k; c++) grad[biasAt + c] = (grad[biasAt + c] as number) + (z[zi + c] as number);
    }
    let reg = 0;
    for (let j = 0; j < biasAt; j++) {
      const w = theta[j] as number;
      reg += w * w;
      grad[j] = (grad[j] as number) + lambda * w;
    }
    return loss + 0.5 * lambda * reg;
  };

  const { theta, iterations, converged } = lbfgs(evaluate, size, maxIter, tol);
  return { weights: theta.slice(0, d * k), bias: theta.slice(d * k), iterations, converged };
}

/** Logits (n × k) of rows under a fit. */
export function logits(x: SparseRows, fit: LogisticFit, k: number): Float64Array {
  const out = new Float64Array(x.rows * k);
  for (let i = 0; i < x.rows; i++) {
    const zi = i * k;
    for (let c = 0; c < k; c++) out[zi + c] = fit.bias[c] as number;
    for (let p = x.rowPtr[i] as number, end = x.rowPtr[i + 1] as number; p < end; p++) {
      const col = (x.cols[p] as number) * k;
      const v = x.vals[p] as number;
      for (let c = 0; c < k; c++) out[zi + c] = (out[zi + c] as number) + v * (fit.weights[col + c] as number);
    }
  }
  return out;
}

/** Limited-memory BFGS with a backtracking (Armijo) line search, from θ = 0. */
function lbfgs(
  f: (theta: Float64Array, grad: Float64Array) => number,
  size: number,
  maxIter: number,
  tol: number,
): { theta: Float64Array; iterations: number; converged: boolean } {
  const m = 10;
  let theta = new Float64Array(size);
  let grad = new Float64Array(size);
  let fx = f(theta, grad);
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  const dir = new Float64Array(size);
  const alpha = new Float64Array(m);
  let nextTheta = new Float64Array(size);
  let nextGrad = new Float64Array(size);
  const dot = (a: Float64Array, b: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
    return s;
  };
  const maxAbs = (a: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s = Math.max(s, Math.abs(a[i] as number));
    return s;
  };
  for (let iter = 1; iter <= maxIter; iter++) {
    if (maxAbs(grad) < tol) return { theta, iterations: iter - 1, converged: true };
    // Two-loop recursion: dir = -H·grad.
    for (let i = 0; i < size; i++) dir[i] = -(grad[i] as number);
    for (let j = sList.length - 1; j >= 0; j--) {
      const a = (rho[j] as number) * dot(sList[j] as Float64Array, dir);
      alpha[j] = a;
      const y = yList[j] as Float64Array;
      for (let i = 0; i < size; i++) dir[i] = (dir[i] as number) - a * (y[i] as number);
    }
    if (sList.length > 0) {
      const last = sList.length - 1;
      const gamma = dot(sList[last] as Float64Array, yList[last] as Float64Array) / dot(yList[last] as Float64Array, yList[last] as Float64Array);
      for (let i = 0; i < size; i++) dir[i] = (dir[i] as number) * gamma;
    }
    for (let j = 0; j < sList.length; j++) {
      const b = (rho[j] as number) * dot(yList[j] as Float64Array, dir);
      const s = sList[j] as Float64Array;
      const a = alpha[j] as number;
      for (let i = 0; i < size; i++) dir[i] = (dir[i] as number) + (a - b) * (s[i] as number);
    }
    let slope = dot(grad, dir);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sList.length = 0;
      yList.length = 0;
      rho.length = 0;
      for (let i = 0; i < size; i++) dir[i] = -(grad[i] as number);
      slope = dot(grad, dir);
    }
    let step = sList.length === 0 ? Math.min(1, 1 / Math.max(1e-12, maxAbs(grad))) : 1;
    let fNext = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < size; i++) nextTheta[i] = (theta[i] as number) + step * (dir[i] as number);
      fNext = f(nextTheta, nextGrad);
      if (fNext <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNext < fx)) return { theta, iterations: iter, converged: maxAbs(grad) < tol * 100 };
    const s = new Float64Array(size);
    const y = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      s[i] = (nextTheta[i] as number) - (theta[i] as number);
      y[i] = (nextGrad[i] as number) - (grad[i] as number);
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (sList.length === m) {
        sList.shift();
        yList.shift();
        rho.shift();
      }
      sList.push(s);
      yList.push(y);
      rho.push(1 / sy);
    }
    const improvement = fx - fNext;
    [theta, nextTheta] = [nextTheta, theta];
    [grad, nextGrad] = [nextGrad, grad];
    fx = fNext;
    if (improvement < 1e-12 * Math.max(1, Math.abs(fx))) return { theta, iterations: iter, converged: true };
  }
  return { theta, iterations: maxIter, converged: maxAbs(grad) < tol };
}
