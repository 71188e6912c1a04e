/**
 * The Reddit source's checkpoint: for each feed, the creation time (seconds) of the newest item
 * taken from it (never later than when it was read); and the fullnames of the items recently
 * taken, with their creation times, shared by all feeds (a post found by two searches is taken
 * once). A poll takes an item when its fullname is not remembered and it is no more than the late
 * margin older than its feed's newest.
 *
 * `{"v":1,"feeds":{"search:lumora":1773326463},"seen":["t3_1jb9q0d",1773326463, …]}`
 *
 * Remembered fullnames are forgotten once older than every feed's window (see prune), or oldest
 * first past `seenLimit`. A checkpoint is made for every item: the list is encoded now and then and the names
 * remembered since are appended, so an encoding costs little however long the list. The encoded
 * list may then hold forgotten names (at most a quarter of the limit) or a name twice; decoding
 * sorts that out (and a forgotten name is older than every window, or the oldest remembered).
 */

export const CURSOR_VERSION = 1;

export class RedditCursor {
  readonly #feeds = new Map<string, number>();
  readonly #seen = new Map<string, number>();
  readonly #limit: number;
  /** The encoded seen list as of the last rebuild ("" when empty), then what was remembered since. */
  #base: string | null = null;
  #tail = '';
  /** Names forgotten since #base was encoded. */
  #forgotten = 0;
  #feedsJson: string | null = null;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** A cursor from a checkpoint (null: a fresh one); `problem` says why a checkpoint was not usable. */
  static decode(text: string | null | undefined, limit: number): { cursor: RedditCursor; problem: string | null } {
    const cursor = new RedditCursor(limit);
    if (text === null || text === undefined || text === '') return { cursor, problem: null };
    const bad = (why: string) => ({ cursor: new RedditCursor(limit), problem: `the checkpoint is not a Reddit checkpoint (${why}): starting afresh` });
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return bad('not JSON');
    }
    if (typeof value !== 'object' || value === null) return bad('not an object');
    const v = value as { v?: unknown; feeds?: unknown; seen?: unknown };
    if (v.v !== CURSOR_VERSION) return bad(`version ${JSON.stringify(v.v)}, expected ${CURSOR_VERSION}`);
    if (typeof v.feeds !== 'object' || v.feeds === null || Array.isArray(v.feeds)) return bad('no feeds object');
    for (const [key, t] of Object.entries(v.feeds)) {
      if (typeof t !== 'number' || !Number.isFinite(t)) return bad(`feed ${JSON.stringify(key.slice(0, 60))} has no time`);
      cursor.#feeds.set(key, t);
    }
    if (!Array.isArray(v.seen) || v.seen.length % 2 !== 0) return bad('no seen list');
    for (let i = 0; i < v.seen.length; i += 2) {
      const name: unknown = v.seen[i];
      const t: unknown = v.seen[i + 1];
      if (typeof name !== 'string' || typeof t !== 'number' || !Number.isFinite(t)) return bad(`seen entry ${i / 2 + 1} is malformed`);
      cursor.remember(name, t);
    }
    return { cursor, problem: null };
  }

  encode(): string {
    if (this.#base === null || this.#tail.length > 64 * this.#limit || this.#forgotten > this.#limit / 4) {
      const seen: (string | number)[] = [];
      for (const [name, t] of this.#seen) seen.push(name, t);
      this.#base = JSON.stringify(seen).slice(1, -1);
      this.#tail = '';
      this.#forgotten = 0;
    }
    this.#feedsJson ??= JSON.stringify(Object.fromEntries(this.#feeds));
    const list = this.#base === '' ? this.#tail.slice(1) : this.#base + this.#tail;
    return `{"v":${CURSOR_VERSION},"feeds":${this.#feedsJson},"seen":[${list}]}`;
  }

  /** The newest creation time taken from this feed, undefined for a feed never polled. */
  newest(feedKey: string): number | undefined {
    return this.#feeds.get(feedKey);
  }

  /** Moves the feed's newest time forward (never back). */
  advance(feedKey: string, createdSeconds: number): void {
    const t = this.#feeds.get(feedKey);
    if (t === undefined || createdSeconds > t) {
      this.#feeds.set(feedKey, createdSeconds);
      this.#feedsJson = null;
    }
  }

  has(fullname: string): boolean {
    return this.#seen.has(fullname);
  }

  remember(fullname: string, createdSeconds: number): void {
    this.#seen.delete(fullname);
    this.#seen.set(fullname, createdSeconds);
    if (this.#base !== null) this.#tail += `,${JSON.stringify(fullname)},${JSON.stringify(createdSeconds)}`;
    if (this.#seen.size > this.#limit) {
      const oldest = this.#seen.keys().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
      this.#forgotten++;
    }
  }

  get size(): number {
    return this.#seen.size;
  }

  /**
   * After a round: forgets feeds no longer polled, and the oldest remembered names while they
   * were created before every remaining feed's window (newest − margin), which no poll would
   * take anyway. Names are remembered about in creation order, so this stops at the first name
   * still inside a window (an older one further on waits for `seenLimit`).
   */
  prune(activeKeys: ReadonlySet<string>, marginSeconds: number): void {
    for (const key of [...this.#feeds.keys()]) {
      if (activeKeys.has(key)) continue;
      this.#feeds.delete(key);
      this.#feedsJson = null;
    }
    if (this.#feeds.size === 0) return;
    const floor = Math.min(...this.#feeds.values()) - marginSeconds;
    for (const [name, t] of this.#seen) {
      if (t >= floor) break;
      this.#seen.delete(name);
      this.#forgotten++;
    }
  }
}
