/**
 * Where the X connector stands: the newest post id seen, and the open gap — from a disconnection
 * (or the start) until a gap fill run after the reconnection has searched it. While a gap is open
 * the checkpoint stays at the gap's start, so a restart searches the gap again instead of
 * skipping it. Checkpoints are `{"sinceId":"<post id>"}`, or `{"sinceTime":<epoch ms>}` before any
 * post was seen.
 */
import { SourceError } from '../import/source-error.ts';

const POST_ID = /^[1-9]\d{0,18}$/;

/** An X post id (a positive 64-bit snowflake in decimal). */
export function isPostId(id: string): boolean {
  return POST_ID.test(id) && (id.length < 19 || id <= '9223372036854775807');
}

/** Compares two post ids as numbers. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxId(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareIds(a, b) >= 0 ? a : b;
}

/** The id of a post made `ms` earlier than `id` (snowflakes hold their time), or null below X's epoch. */
export function idMinusMs(id: string, ms: number): string | null {
  const v = BigInt(id) - (BigInt(Math.round(ms)) << 22n);
  return v > 0n ? v.toString() : null;
}

export interface XCheckpoint {
  sinceId: string | null;
  sinceTime: number | null;
}

/** Reads a checkpoint this connector wrote; anything else is a SourceError saying how to fix it. */
export function parseCheckpoint(from: string | null | undefined, sourceId: string): XCheckpoint | null {
  if (from === undefined || from === null || from === '') return null;
  const bad = (why: string): SourceError =>
    new SourceError(
      sourceId,
      `the checkpoint of X source "${sourceId}" is not one it wrote (${why}): ${JSON.stringify(from.slice(0, 100))}; ` +
        'reset the source\'s checkpoint to start from now',
    );
  let v: unknown;
  try {
    v = JSON.parse(from);
  } catch {
    throw bad('not JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad('not a JSON object');
  const o = v as Record<string, unknown>;
  const sinceId = o.sinceId ?? null;
  const sinceTime = o.sinceTime ?? null;
  if (sinceId !== null && (typeof sinceId !== 'string' || !isPostId(sinceId))) throw bad('"sinceId" is not an X post id');
  if (sinceTime !== null && (typeof sinceTime !== 'number' || !Number.isSafeInteger(sinceTime) || sinceTime < 0)) {
    throw bad('"sinceTime" is not a time in epoch milliseconds');
  }
  if (sinceId === null && sinceTime === null) throw bad('it has neither "sinceId" nor "sinceTime"');
  return { sinceId, sinceTime };
}

export class XCursor {
  /** The newest post id seen. */
  #maxId: string | null;
  #gapOpen = true;
  #gapSinceId: string | null;
  #gapSinceTime: number | null;
  /** When the last gap closed: where a new gap starts when no post was ever seen. */
  #closedAt: number;

  /** A fresh start opens a gap at `now` (searched once the stream is up); a checkpoint opens it there. */
  constructor(from: XCheckpoint | null, now: number) {
    this.#maxId = from?.sinceId ?? null;
    this.#gapSinceId = from?.sinceId ?? null;
    this.#gapSinceTime = from === null ? now : from.sinceId === null ? from.sinceTime : null;
    this.#closedAt = now;
  }

  get gapOpen(): boolean {
    return this.#gapOpen;
  }

  /** Where the open gap starts: a post id, else a time. */
  gapStart(): { sinceId: string } | { sinceTime: number } {
    if (this.#gapSinceId !== null) return { sinceId: this.#gapSinceId };
    return { sinceTime: this.#gapSinceTime ?? this.#closedAt };
  }

  /** A post was yielded. */
  seen(id: string): void {
    if (isPostId(id)) this.#maxId = maxId(this.#maxId, id);
  }

  /** The stream dropped: the gap starts at the newest post seen (an already open gap keeps its start). */
  openGap(): void {
    if (this.#gapOpen) return;
    this.#gapOpen = true;
    this.#gapSinceId = this.#maxId;
    this.#gapSinceTime = this.#maxId === null ? this.#closedAt : null;
  }

  /** A search while disconnected covered the gap up to `newest`: the gap now starts there. */
  advanceGap(newest: string | null): void {
    if (newest === null || !isPostId(newest)) return;
    this.#gapSinceId = maxId(this.#gapSinceId, newest);
    this.#maxId = maxId(this.#maxId, newest);
  }

  /** A search after the reconnection covered the gap. */
  closeGap(newest: string | null, now: number): void {
    if (newest !== null && isPostId(newest)) this.#maxId = maxId(this.#maxId, newest);
    this.#gapOpen = false;
    this.#gapSinceId = null;
    this.#gapSinceTime = null;
    this.#closedAt = now;
  }

  /** The checkpoint to resume from now: the gap's start while one is open, else the newest post. */
  checkpoint(): string {
    if (this.#gapOpen) return this.#encode(this.#gapSinceId, this.#gapSinceTime ?? this.#closedAt);
    return this.#encode(this.#maxId, this.#closedAt);
  }

  /** The checkpoint after post `id` of a gap fill (posts come oldest first and cover the gap up to it). */
  fillCheckpoint(id: string): string {
    const since = this.#gapOpen ? maxId(this.#gapSinceId, id) : maxId(this.#maxId, id);
    return this.#encode(since, this.#gapSinceTime ?? this.#closedAt);
  }

  #encode(sinceId: string | null, sinceTime: number): string {
    return sinceId !== null ? JSON.stringify({ sinceId }) : JSON.stringify({ sinceTime });
  }
}
