/**
 * The in-app hub: in-process publish/subscribe of pages per user, for the open Vigie windows
 * (server-sent event streams, see src/api/routes/inapp.ts).
 *
 * - Each user has live subscribers (open streams) and a bounded backlog of recent events, so a
 *   stream that drops and reconnects with `Last-Event-ID` gets what it missed.
 * - Event ids are `<bootId>.<seq>`: `seq` increases across all users of this process run, and
 *   `bootId` changes with every run, so an id from another run (after a restart) is recognised
 *   and replays nothing (the backlog of that run is gone).
 * - Events carry a de-duplication key (the page's deliveryId). The outbox delivers at least once,
 *   so the same page may be published again: a stream never gets the same key twice. A stream that
 *   has not had it yet (it opened after the first publish) gets the kept event, flagged `late`:
 *   its id is older than what the stream saw, so it must be sent without an SSE id (the stream's
 *   reconnection point stays on its newest event).
 *
 * Everything here is synchronous: a publish reaches every live subscriber before it returns.
 */
import { randomBytes } from 'node:crypto';

/** Events kept per user for reconnecting streams, by default. */
export const DEFAULT_BACKLOG = 200;
/** Open streams per user, by default; a new one beyond it closes the user's oldest. */
export const DEFAULT_MAX_STREAMS_PER_USER = 20;

export interface InAppHubOptions {
  /** Events kept per user (default 200, 1 – 100 000). */
  backlog?: number;
  /** Open streams per user (default 20, 1 – 1 000). */
  maxStreamsPerUser?: number;
  /** Names this process run in event ids (default: random). Letters, digits, `-` and `_` only. */
  bootId?: string;
}

/** One event as published to a user. */
export interface InAppEvent {
  /** `<bootId>.<seq>`. */
  id: string;
  /** The SSE event name (`page`). */
  name: string;
  /** The SSE data (one JSON document). */
  data: string;
  /** The de-duplication key (a deliveryId), or null. */
  key: string | null;
}

/** What one open stream does with the hub's events. Both are called synchronously and must not throw. */
export interface InAppListener {
  /** An event to send; `late` ones are older than the stream's newest id: send them without an id. */
  send(event: InAppEvent, late: boolean): void;
  /** The hub closes this stream (too many streams for the user, or the hub is closing). */
  end(reason: string): void;
}

export interface InAppSubscription {
  /** The events missed since `Last-Event-ID`, oldest first: send them before anything else. */
  missed: InAppEvent[];
  /**
   * The stream's reconnection point: send it as an SSE `id:` at once, so that a stream that drops
   * before its first event still replays what it missed when it comes back.
   */
  cursor: string;
  /** Why fewer events than asked were replayed (unknown id, other run, backlog overflow), or null. */
  notice: string | null;
  /** Leaves the hub (idempotent). The stream's listener gets nothing afterwards. */
  close(): void;
}

interface Entry {
  event: InAppEvent;
  seq: number;
  /** The streams that got this event (a stream gets a key at most once). */
  sentTo: WeakSet<Subscriber>;
}

interface Subscriber {
  listener: InAppListener;
  /** The seq of the newest id this stream was given. */
  cursor: number;
}

interface UserBox {
  live: Set<Subscriber>;
  backlog: Entry[];
  byKey: Map<string, Entry>;
  /** Highest seq dropped from the backlog (0: none), to tell a reconnecting stream it missed some. */
  dropped: number;
}

const BOOT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class InAppHub {
  readonly bootId: string;
  readonly #backlog: number;
  readonly #maxStreams: number;
  readonly #users = new Map<string, UserBox>();
  #seq = 0;
  #closed = false;

  constructor(options: InAppHubOptions = {}) {
    this.bootId = options.bootId ?? randomBytes(6).toString('base64url');
    if (!BOOT_ID.test(this.bootId))
      throw new RangeError(`InAppHub: bootId must be 1 to 64 letters, digits, "-" or "_" (got ${JSON.stringify(options.bootId)})`);
    this.#backlog = wholeIn(options.backlog ?? DEFAULT_BACKLOG, 1, 100_000, 'backlog');
    this.#maxStreams = wholeIn(options.maxStreamsPerUser ?? DEFAULT_MAX_STREAMS_PER_USER, 1, 1_000, 'maxStreamsPerUser');
  }

  #box(userId: string): UserBox {
    let box = this.#users.get(userId);
    if (box === undefined) {
      box = { live: new Set(), backlog: [], byKey: new Map(), dropped: 0 };
      this.#users.set(userId, box);
    }
    return box;
  }

  /**
   * Publishes an event to the user's open streams and keeps it in the user's backlog. Returns how
   * many live streams have it now: those it was sent to, plus those that already had an event of
   * the same key (a redelivery). 0 means nobody saw it (no open window).
   */
  publish(userId: string, event: { name: string; data: string; key?: string | null }): number {
    if (this.#closed) return 0;
    if (userId === '') throw new TypeError('InAppHub.publish: userId is empty');
    const box = this.#box(userId);
    const key = event.key ?? null;
    const known = key === null ? undefined : box.byKey.get(key);
    if (known !== undefined) {
      let have = 0;
      for (const s of box.live) {
        if (!known.sentTo.has(s)) this.#give(s, known);
        have++;
      }
      return have;
    }
    const seq = ++this.#seq;
    const entry: Entry = { event: { id: `${this.bootId}.${seq}`, name: event.name, data: event.data, key }, seq, sentTo: new WeakSet() };
    box.backlog.push(entry);
    if (key !== null) box.byKey.set(key, entry);
    while (box.backlog.length > this.#backlog) {
      const old = box.backlog.shift() as Entry;
      box.dropped = old.seq;
      if (old.event.key !== null) box.byKey.delete(old.event.key);
    }
    for (const s of box.live) this.#give(s, entry);
    return box.live.size;
  }

  #give(s: Subscriber, entry: Entry): void {
    entry.sentTo.add(s);
    const late = entry.seq <= s.cursor;
    if (!late) s.cursor = entry.seq;
    s.listener.send(entry.event, late);
  }

  /**
   * Opens a stream for the user. With `lastEventId` (the SSE `Last-Event-ID` of a reconnecting
   * stream) of this run, `missed` holds the kept events after it; an id of another run, or one that
   * is not an id of ours, replays nothing and says so in `notice`.
   */
  subscribe(userId: string, listener: InAppListener, lastEventId?: string | null): InAppSubscription {
    if (this.#closed) throw new Error('InAppHub.subscribe: the hub is closed (the server is stopping)');
    if (userId === '') throw new TypeError('InAppHub.subscribe: userId is empty');
    const box = this.#box(userId);
    const s: Subscriber = { listener, cursor: this.#seq };
    let missed: Entry[] = [];
    let notice: string | null = null;
    if (lastEventId !== undefined && lastEventId !== null && lastEventId !== '') {
      const from = this.#seqOf(lastEventId);
      if (from === null) notice = `Last-Event-ID ${JSON.stringify(lastEventId.slice(0, 80))} is not from this run of Vigie (it restarted, or the id is unknown): nothing older is replayed; reload the alert list to see everything`;
      else {
        missed = box.backlog.filter((e) => e.seq > from);
        if (box.dropped > from)
          notice = `some events after ${lastEventId} were no longer kept (the last ${this.#backlog} per user are): reload the alert list to see everything`;
      }
    }
    for (const e of missed) e.sentTo.add(s);
    box.live.add(s);
    // Too many open streams for one user (forgotten tabs, a reconnect loop): the oldest goes.
    if (box.live.size > this.#maxStreams) {
      const oldest = box.live.values().next().value as Subscriber;
      box.live.delete(oldest);
      oldest.listener.end(`more than ${this.#maxStreams} open streams for user "${userId}": this, the oldest, is closed`);
    }
    return {
      missed: missed.map((e) => e.event),
      cursor: `${this.bootId}.${s.cursor}`,
      notice,
      close: () => {
        box.live.delete(s);
      },
    };
  }

  /** The seq of one of this run's ids not beyond the newest, else null. */
  #seqOf(id: string): number | null {
    const dot = id.lastIndexOf('.');
    if (dot < 0 || id.slice(0, dot) !== this.bootId) return null;
    const tail = id.slice(dot + 1);
    if (!/^\d{1,15}$/.test(tail)) return null;
    const seq = Number(tail);
    return seq <= this.#seq ? seq : null;
  }

  /** Open streams of one user, or of all users. */
  streams(userId?: string): number {
    if (userId !== undefined) return this.#users.get(userId)?.live.size ?? 0;
    let n = 0;
    for (const box of this.#users.values()) n += box.live.size;
    return n;
  }

  /** Ends every open stream (before the HTTP server closes: open streams would hold it open). */
  close(reason = 'Vigie is stopping'): void {
    this.#closed = true;
    for (const box of this.#users.values()) {
      const live = [...box.live];
      box.live.clear();
      for (const s of live) s.listener.end(reason);
    }
  }
}

function wholeIn(n: number, min: number, max: number, name: string): number {
  if (!Number.isInteger(n) || n < min || n > max) throw new RangeError(`InAppHub: ${name} must be a whole number from ${min} to ${max} (got ${n})`);
  return n;
}
