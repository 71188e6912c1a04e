import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitLogistic, logits, type SparseRows } from './logistic.ts';

/** Rows from dense arrays (zeros left out). */
function sparse(dense: number[][]): SparseRows {
  const rowPtr = [0];
  const cols: number[] = [];
  const vals: number[] = [];
  for (const row of dense) {
    row.forEach((v, j) => {
      if (v !== 0) {
        cols.push(j);
        vals.push(v);
      }
    });
    rowPtr.push(cols.length);
  }
  return { rows: dense.length, columns: dense[0]?.length ?? 0, rowPtr: Int32Array.from(rowPtr), cols: Int32Array.from(cols), vals: Float64Array.from(vals) };
}

/** The objective, written independently: mean log-loss + λ/2 ‖w‖² for category c. */
function objective(dense: number[][], y: number[], w: number[], b: number, lambda: number): number {
  let loss = 0;
  dense.forEach((row, i) => {
    const z = b + row.reduce((s, v, j) => s + v * (w[j] as number), 0);
    const p = 1 / (1 + Math.exp(-z));
    loss += -(y[i] === 1 ? Math.log(p) : Math.log(1 - p));
  });
  return loss / dense.length + (lambda / 2) * w.reduce((s, v) => s + v * v, 0);
}

const X = [
  [1, 0, 1],
  [1, 0, 0],
  [1, 1, 0],
  [0, 1, 1],
  [0, 1, 0],
  [0, 0, 1],
  [2, 0, 0],
  [0, 0, 0],
];
// Category 0 follows column 0, category 1 follows column 1 (with one exception).
const Y = [
  [1, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
  [0, 0],
  [1, 0],
  [0, 0],
];

test('learns each category from its column, and reaches the minimum of the objective', () => {
  const k = 2;
  const labels = Uint8Array.from(Y.flat());
  const lambda = 0.01;
  const fit = fitLogistic(sparse(X), labels, k, { lambda });
  assert.ok(fit.converged);
  const z = logits(sparse(X), fit, k);
  X.forEach((_, i) => {
    assert.equal((z[i * k] as number) > 0, Y[i]?.[0] === 1, `row ${i} category 0`);
  });
  assert.ok((fit.weights[0 * k + 0] as number) > 1, 'column 0 drives category 0');
  assert.ok((fit.weights[1 * k + 1] as number) > 1, 'column 1 drives category 1');
  // Finite differences of the independent objective vanish at the fit.
  for (let c = 0; c < k; c++) {
    const w = [0, 1, 2].map((j) => fit.weights[j * k + c] as number);
    const b = fit.bias[c] as number;
    const y = Y.map((r) => r[c] as number);
    const f0 = objective(X, y, w, b, lambda);
    const eps = 1e-4;
    for (let j = 0; j <= 3; j++) {
      const up = [...w];
      const down = [...w];
      let bu = b;
      let bd = b;
      if (j < 3) {
        up[j] = (up[j] as number) + eps;
        down[j] = (down[j] as number) - eps;
      } else {
        bu += eps;
        bd -= eps;
      }
      const d = (objective(X, y, up, bu, lambda) - objective(X, y, down, bd, lambda)) / (2 * eps);
      assert.ok(Math.abs(d) < 1e-4, `category ${c}, parameter ${j}: derivative ${d} at f=${f0}`);
    }
  }
});

test('stronger regularisation shrinks the weights; the same data gives the same fit', () => {
  const labels = Uint8Array.from(Y.flat());
  const weak = fitLogistic(sparse(X), labels, 2, { lambda: 0.001 });
  const strong = fitLogistic(sparse(X), labels, 2, { lambda: 1 });
  const norm = (w: Float64Array) => Math.sqrt(w.reduce((s, v) => s + v * v, 0));
  assert.ok(norm(strong.weights) < norm(weak.weights) / 3);
  assert.deepEqual(fitLogistic(sparse(X), labels, 2, { lambda: 0.001 }).weights, weak.weights);
  assert.throws(() => fitLogistic(sparse(X), labels.subarray(1), 2, { lambda: 1 }), /15 labels for 8 rows × 2 categories/);
});
