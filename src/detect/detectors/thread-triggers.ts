import type { Mention } from '../../domain/mention.ts';

/**
 * The crisis-trigger categories a mention carries in its thread: its own, plus those of the post
 * it replies to, quotes or reposts (and so on up the thread). "Courage, get that burn checked"
 * says nothing of product safety on its own, but under a post about an exploding cooker it is
 * part of that story — and such replies are much of a crisis' first minutes.
 *
 * Remembers the categories of recent triggered mentions by id, bounded in time (`horizonMs`) and
 * size (`maxEntries`, oldest dropped first), so memory stays constant in a crisis.
 */
export class ThreadTriggers {
  private readonly watched: ReadonlySet<string>;
  private readonly byId = new Map<string, { at: number; categories: readonly string[] }>();
  private readonly horizonMs: number;
  private readonly maxEntries: number;

  constructor(watched: Iterable<string>, options: { horizonMs?: number; maxEntries?: number } = {}) {
    this.watched = new Set(watched);
    this.horizonMs = options.horizonMs ?? 24 * 3_600_000;
    this.maxEntries = options.maxEntries ?? 20_000;
  }

  /** The watched categories of `m` in its thread (remembered for its own replies); [] when none. */
  observe(m: Pick<Mention, 'id' | 'createdAt' | 'relations' | 'enrichment'>): readonly string[] {
    let categories: string[] = m.enrichment.categories.filter((c) => this.watched.has(c));
    for (const parent of [m.relations.replyTo, m.relations.quoteOf, m.relations.repostOf]) {
      if (parent === null) continue;
      const known = this.byId.get(parent);
      if (known === undefined) continue;
      for (const c of known.categories) if (!categories.includes(c)) categories = [...categories, c];
    }
    if (categories.length > 0) {
      this.byId.delete(m.id);
      this.byId.set(m.id, { at: m.createdAt, categories });
      // Insertion order is about time order: drop from the front what is too old or too many.
      for (const [id, v] of this.byId) {
        if (this.byId.size <= this.maxEntries && v.at >= m.createdAt - this.horizonMs) break;
        this.byId.delete(id);
      }
    }
    return categories;
  }

  get size(): number {
    return this.byId.size;
  }
}
