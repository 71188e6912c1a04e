/**
 * Distinct count of a set of hashes in bounded memory, mergeable: a "k minimum values" sketch
 * keeps the k smallest distinct 32-bit hashes seen. Exact below k distinct values; above, the
 * estimate (k - 1) / (k-th smallest / 2^32) has a relative error of about 1/sqrt(k - 2). The
 * union of two sketches is the sketch of the union, so storylines spread over several minutes
 * count their distinct authors correctly.
 */
import { mix32 } from './simhash.ts';

export const DISTINCT_K = 32;

export class DistinctSketch {
  /** The smallest hashes seen (unsigned), ascending; at most DISTINCT_K. */
  private readonly values: number[] = [];
  /** True once a value was left out: the count is then an estimate. */
  private saturated = false;

  /** Adds a value given as any 32-bit hash (it is mixed again, so FNV hashes are fine). */
  add(hash: number): void {
    this.insert(mix32(hash) >>> 0);
  }

  private insert(v: number): void {
    const vs = this.values;
    const n = vs.length;
    if (n === DISTINCT_K && v >= (vs[n - 1] as number)) {
      if (v !== vs[n - 1]) this.saturated = true;
      return;
    }
    let i = n;
    while (i > 0 && (vs[i - 1] as number) > v) i--;
    if (i > 0 && vs[i - 1] === v) return;
    vs.splice(i, 0, v);
    if (vs.length > DISTINCT_K) {
      vs.pop();
      this.saturated = true;
    }
  }

  /** Adds every value of another sketch. */
  merge(other: DistinctSketch): void {
    for (const v of other.values) this.insert(v);
    if (other.saturated) this.saturated = true;
  }

  estimate(): number {
    const n = this.values.length;
    if (!this.saturated) return n;
    return Math.round((DISTINCT_K - 1) / (((this.values[n - 1] as number) + 1) / 4294967296));
  }
}
