/**
 * Counts by key in bounded memory: once the map holds twice its capacity, it keeps the
 * `capacity` largest counts and forgets the rest (their count goes back to zero should they
 * come again). A term that carries a burst is among a minute's most frequent ones, so pruning
 * the tail loses nothing the explanation shows; a quiet minute never reaches the bound and is
 * counted exactly. Pruning costs a sort of 2 × capacity counts once every `capacity` new keys
 * at most: constant amortised time per key.
 */
export class BoundedCounts {
  readonly counts = new Map<string, number>();
  private readonly capacity: number;
  /** The largest count forgotten so far: counts kept may be short of that much. */
  forgotten = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  add(key: string, n: number): void {
    const m = this.counts;
    const c = m.get(key);
    if (c !== undefined) m.set(key, c + n);
    else {
      m.set(key, n);
      if (m.size >= 2 * this.capacity) this.prune();
    }
  }

  get size(): number {
    return this.counts.size;
  }

  private prune(): void {
    const m = this.counts;
    const sorted = Float64Array.from(m.values()).sort();
    // Keep counts above the threshold, and as many equal to it as fit.
    const threshold = sorted[sorted.length - this.capacity] as number;
    let equalKept = 0;
    let above = 0;
    for (const v of sorted) if (v > threshold) above++;
    const equalRoom = this.capacity - above;
    for (const [k, v] of m) {
      if (v > threshold) continue;
      if (v === threshold && equalKept < equalRoom) {
        equalKept++;
        continue;
      }
      m.delete(k);
      if (v > this.forgotten) this.forgotten = v;
    }
  }
}
