/**
 * Counts of terms (by key, see tokens.ts) in bounded memory: before the map would hold twice its
 * capacity, it keeps the `capacity` largest counts and forgets the rest (their count restarts
 * from zero should they come again). A term that carries a burst is among a slot's most frequent
 * ones, so pruning the tail loses nothing an explanation shows; a quiet slot never reaches the
 * bound and is counted exactly. Pruning sorts 2 × capacity counts once every `capacity` new
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

  private prune(): void {
    const m = this.entries;
    const sorted = new Float64Array(m.size);
    let k = 0;
    for (const e of m.values()) sorted[k++] = e.count;
    sorted.sort();
    // Keep counts above the threshold, and as many equal to it as fit.
    const threshold = sorted[sorted.length - this.capacity] as number;
    let room = this.capacity;
    for (const v of sorted) if (v > threshold) room--;
    for (const [key, e] of m) {
      if (e.count > threshold) continue;
      if (e.count === threshold && room > 0) {
        room--;
        continue;
      }
      m.delete(key);
      if (e.count > this.forgotten) this.forgotten = e.count;
    }
  }
}
