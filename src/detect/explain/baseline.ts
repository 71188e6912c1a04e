/**
 * The brand's baseline vocabulary: for each term (by key, see tokens.ts: no text kept), the number of mentions that used it, and the
 * number of mentions overall, both decayed exponentially with a half-life (a term used three
 * half-lives ago weighs an eighth). Counts arrive a minute slot at a time, once the slot has left
 * the explainer's recent horizon, so a crisis under way is not yet part of its own baseline.
 *
 * Decay without touching every entry: a count added at time t is stored multiplied by
 * 2^((t - ref) / halfLife), and read back divided by the same factor for the reading time. When
 * the factor grows large the whole map is rescaled once (every ~64 half-lives). The vocabulary is
 * capped: past 1.5 × capacity terms, the smallest decayed counts are dropped down to capacity.
 */
export class DecayedVocabulary {
  private readonly scaled = new Map<number, number>();
  private scaledTotal = 0;
  private ref = Number.NaN;
  private readonly halfLifeMs: number;
  private readonly capacity: number;

  constructor(halfLifeMs: number, capacity: number) {
    this.halfLifeMs = halfLifeMs;
    this.capacity = capacity;
  }

  private factor(t: number): number {
    if (Number.isNaN(this.ref)) this.ref = t;
    let e = (t - this.ref) / this.halfLifeMs;
    if (e > 64) {
      this.rescale(t);
      e = 0;
    }
    return 2 ** e;
  }

  private rescale(t: number): void {
    const k = 2 ** (-(t - this.ref) / this.halfLifeMs);
    for (const [term, v] of this.scaled) this.scaled.set(term, v * k);
    this.scaledTotal *= k;
    this.ref = t;
  }

  /** Adds `count` mentions using the term of this key (tokens.ts), seen at time t (ms). */
  add(term: number, count: number, t: number): void {
    const w = count * this.factor(t);
    const m = this.scaled;
    const v = m.get(term);
    if (v !== undefined) m.set(term, v + w);
    else {
      m.set(term, w);
      if (m.size > this.capacity * 1.5) this.prune();
    }
  }

  /** Adds `count` mentions (with or without any term) seen at time t. */
  addMentions(count: number, t: number): void {
    this.scaledTotal += count * this.factor(t);
  }

  /** Decayed count of mentions using the term of this key, as seen from time t. */
  count(term: number, t: number): number {
    const v = this.scaled.get(term);
    return v === undefined || Number.isNaN(this.ref) ? 0 : v * 2 ** (-(t - this.ref) / this.halfLifeMs);
  }

  /** Decayed count of mentions, as seen from time t. */
  mentions(t: number): number {
    return Number.isNaN(this.ref) ? 0 : this.scaledTotal * 2 ** (-(t - this.ref) / this.halfLifeMs);
  }

  get size(): number {
    return this.scaled.size;
  }

  private prune(): void {
    const m = this.scaled;
    const sorted = Float64Array.from(m.values()).sort();
    const threshold = sorted[sorted.length - this.capacity] as number;
    let room = this.capacity - sorted.filter((v) => v > threshold).length;
    for (const [term, v] of m) {
      if (v > threshold) continue;
      if (v === threshold && room > 0) {
        room--;
        continue;
      }
      m.delete(term);
    }
  }
}
