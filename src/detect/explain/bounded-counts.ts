/**
 * Counts of terms (by key, see tokens.ts) in bounded memory: before the map would hold twice its
 * capacity, it keeps the `capacity` largest counts and forgets the rest (their count restarts
 * from zero should they come again). A term that carries a burst is among a slot's most frequent
 * ones, so pruning the tail loses nothing an explanation shows; a quiet slot never reaches the
 * bound and is counted exactly. Pruning reads 2 × capacity counts once every `capacity` new
 * terms at most: constant amortised time per term.
 */
export interface TermEntry {
  /** The term as reported ("#tag" for a hashtag). */
  readonly term: string;
  count: number;
}

export class BoundedCounts {
  readonly entries = new Map<number, TermEntry>();
  private readonly capacity: number;
  /** The largest count forgotten so far: counts kept may be short of that much. */
  forgotten = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get(key: number): TermEntry | undefined {
    return this.entries.get(key);
  }

  /** Counts a term not counted yet (check with `get` first). */
  insert(key: number, term: string, count: number): void {
    if (this.entries.size + 1 >= 2 * this.capacity) this.prune();
    this.entries.set(key, { term, count });
  }

  /** Adds n to a term's count. */
  add(key: number, term: string, n: number): void {
    const e = this.entries.get(key);
    if (e !== undefined) e.count += n;
    else this.insert(key, term, n);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The capacity-th largest count: by a histogram (counts in a slot are small), sorting only past 255. */
  private threshold(): number {
    const hist = HISTOGRAM;
    hist.fill(0);
    for (const e of this.entries.values()) {
      const b = e.count < 255 ? e.count : 255;
      hist[b] = (hist[b] as number) + 1;
    }
    let above = hist[255] as number;
    if (above >= this.capacity) {
      const big = [...this.entries.values()].filter((e) => e.count >= 255).map((e) => e.count);
      return big.sort((a, b) => b - a)[this.capacity - 1] as number;
    }
    for (let c = 254; c > 0; c--) {
      above += hist[c] as number;
      if (above >= this.capacity) return c;
    }
    return 0;
  }

  private prune(): void {
    const threshold = this.threshold();
    // Keep counts above the threshold, and as many equal to it as fit.
    let room = this.capacity;
    for (const e of this.entries.values()) if (e.count > threshold) room--;
    for (const [key, e] of this.entries) {
      if (e.count > threshold) continue;
      if (e.count === threshold && room > 0) {
        room--;
        continue;
      }
      this.entries.delete(key);
      if (e.count > this.forgotten) this.forgotten = e.count;
    }
  }
}

/** Scratch for `threshold` (one thread, no reentrance). */
const HISTOGRAM = new Int32Array(256);
