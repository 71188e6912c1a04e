/**
 * What the RSS source remembers per feed, and its checkpoint: the entries already seen (a short
 * hash of each mention id, bounded, most recent last) and the validators of the last answer used
 * for conditional GET (ETag, Last-Modified). The checkpoint is
 * `{"v":1,"feeds":{"<feed name>":{"seen":["…"],"etag":"…","lastModified":"…"}}}`; each feed's part
 * is serialised once per change, so a checkpoint per yielded item stays cheap.
 */
import { createHash } from 'node:crypto';

const VERSION = 1;

/** 72 bits of SHA-256 in base64url: collisions are out of reach for a few thousand entries per feed. */
export function seenKey(mentionId: string): string {
  return createHash('sha256').update(mentionId).digest('base64url').slice(0, 12);
}

export class FeedMemory {
  /** Insertion order = recency: the first key is the oldest. */
  readonly #seen = new Map<string, true>();
  #etag: string | null = null;
  #lastModified: string | null = null;
  #json: string | null = null;

  get etag(): string | null {
    return this.#etag;
  }

  get lastModified(): string | null {
    return this.#lastModified;
  }

  get size(): number {
    return this.#seen.size;
  }

  has(mentionId: string): boolean {
    return this.#seen.has(seenKey(mentionId));
  }

  /** Marks ids as seen now (moving already-seen ones to the recent end). */
  touch(mentionIds: Iterable<string>): void {
    for (const id of mentionIds) {
      const k = seenKey(id);
      this.#seen.delete(k);
      this.#seen.set(k, true);
    }
    this.#json = null;
  }

  /** Forgets the oldest ids beyond `bound` (never fewer than `keep`, the entries the feed still lists). */
  trim(bound: number, keep = 0): void {
    const limit = Math.max(bound, keep);
    if (this.#seen.size <= limit) return;
    let drop = this.#seen.size - limit;
    for (const k of this.#seen.keys()) {
      if (drop-- <= 0) break;
      this.#seen.delete(k);
    }
    this.#json = null;
  }

  validators(etag: string | null, lastModified: string | null): void {
    if (etag === this.#etag && lastModified === this.#lastModified) return;
    this.#etag = etag;
    this.#lastModified = lastModified;
    this.#json = null;
  }

  toJSON(): string {
    this.#json ??= JSON.stringify({ seen: [...this.#seen.keys()], etag: this.#etag, lastModified: this.#lastModified });
    return this.#json;
  }

  /** From a checkpoint's part; unknown or wrong-typed fields are dropped. */
  static from(value: unknown): FeedMemory {
    const m = new FeedMemory();
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return m;
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.seen)) for (const k of v.seen) if (typeof k === 'string' && k.length <= 64) m.#seen.set(k, true);
    m.#etag = typeof v.etag === 'string' ? v.etag : null;
    m.#lastModified = typeof v.lastModified === 'string' ? v.lastModified : null;
    return m;
  }
}

/** The source's checkpoint from its feeds' memories (in configuration order). */
export function encodeCheckpoint(feeds: ReadonlyMap<string, FeedMemory>): string {
  const parts: string[] = [];
  for (const [name, memory] of feeds) parts.push(`${JSON.stringify(name)}:${memory.toJSON()}`);
  return `{"v":${VERSION},"feeds":{${parts.join(',')}}}`;
}

export type DecodedCheckpoint = { ok: true; feeds: Map<string, FeedMemory> } | { ok: false; reason: string };

/** A checkpoint as written by encodeCheckpoint; feeds no longer configured are dropped by the caller. */
export function decodeCheckpoint(text: string): DecodedCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `the checkpoint is not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'the checkpoint is not a JSON object' };
  const v = value as Record<string, unknown>;
  if (v.v !== VERSION) return { ok: false, reason: `the checkpoint has version ${JSON.stringify(v.v)}, expected ${VERSION}` };
  const feeds = v.feeds;
  if (feeds === null || typeof feeds !== 'object' || Array.isArray(feeds)) return { ok: false, reason: 'the checkpoint has no "feeds" object' };
  const out = new Map<string, FeedMemory>();
  for (const [name, part] of Object.entries(feeds)) out.set(name, FeedMemory.from(part));
  return { ok: true, feeds: out };
}
