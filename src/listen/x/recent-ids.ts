/**
 * The last N post ids seen, to drop duplicates: X's stream repeats posts, and a gap fill overlaps
 * what the stream delivers. Bounded: the oldest id is forgotten when a new one comes in.
 */
export class RecentIds {
  readonly #set = new Set<string>();
  readonly #ring: Array<string | undefined>;
  #next = 0;

  constructor(size: number) {
    this.#ring = new Array<string | undefined>(Math.max(1, size));
  }

  has(id: string): boolean {
    return this.#set.has(id);
  }

  /** Remembers the id; false when it was already there (a duplicate). */
  add(id: string): boolean {
    if (this.#set.has(id)) return false;
    const old = this.#ring[this.#next];
    if (old !== undefined) this.#set.delete(old);
    this.#ring[this.#next] = id;
    this.#next = (this.#next + 1) % this.#ring.length;
    this.#set.add(id);
    return true;
  }
}
