/**
 * The queue between the connector's channels (producers, one per connection) and its read()
 * loop (the one consumer). `push` waits while the queue holds `highWater` entries, which stops an
 * SSE channel from reading its socket (TCP then holds the server back); `pushNow` never waits
 * (WebSocket frames cannot be held back: they are taken as they come).
 */
export class EntryQueue<T> {
  readonly #highWater: number;
  #items: T[] = [];
  #head = 0;
  #closed = false;
  #drain = false;
  #consumer: (() => void) | null = null;
  #producers: Array<() => void> = [];

  constructor(highWater: number) {
    this.#highWater = highWater;
  }

  get size(): number {
    return this.#items.length - this.#head;
  }

  pushNow(item: T): void {
    if (this.#closed) return;
    this.#items.push(item);
    const c = this.#consumer;
    this.#consumer = null;
    c?.();
  }

  async push(item: T): Promise<void> {
    while (!this.#closed && this.size >= this.#highWater) await new Promise<void>((r) => this.#producers.push(r));
    this.pushNow(item);
  }

  /** The next entry, or null once closed (and, after `close(true)`, drained). */
  async next(): Promise<T | null> {
    while (!this.#closed && this.size === 0) await new Promise<void>((r) => (this.#consumer = r));
    if (this.#closed && (!this.#drain || this.size === 0)) return null;
    const item = this.#items[this.#head] as T;
    this.#items[this.#head] = undefined as T;
    this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    if (this.#producers.length > 0 && this.size < this.#highWater) {
      const waiting = this.#producers;
      this.#producers = [];
      for (const p of waiting) p();
    }
    return item;
  }

  /** No more entries; `drain` lets the consumer take those still queued (otherwise they are dropped). */
  close(drain = false): void {
    if (!this.#closed) this.#drain = drain;
    else if (!drain) this.#drain = false;
    this.#closed = true;
    const c = this.#consumer;
    this.#consumer = null;
    c?.();
    const waiting = this.#producers;
    this.#producers = [];
    for (const p of waiting) p();
  }
}
