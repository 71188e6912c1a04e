/**
 * Keeps one connector's SourceStatus: every connector reports what happens through these calls
 * instead of keeping its own counters, so every source says the same things the same way.
 */
import type { ConnectionState, LiveClock, RateLimitState, SourceError, SourceKind, SourceStatus } from './live-source.ts';

const RECENT_ERRORS = 20;

export class StatusTracker {
  readonly #clock: LiveClock;
  readonly #s: SourceStatus;

  constructor(id: string, kind: SourceKind, clock: LiveClock) {
    this.#clock = clock;
    this.#s = {
      id, kind, state: 'idle', connectedSince: null, lastMessageAt: null, lastMentionAt: null, lagMs: null, nextAttemptAt: null,
      rateLimit: null, errors: 0, recentErrors: [], counts: { mentions: 0, deletes: 0, rejects: 0, reconnects: 0, gapFills: 0 },
    };
  }

  /** A copy: callers cannot change the tracker's state. */
  snapshot(): SourceStatus {
    const s = this.#s;
    return { ...s, rateLimit: s.rateLimit === null ? null : { ...s.rateLimit }, recentErrors: s.recentErrors.map((e) => ({ ...e })), counts: { ...s.counts } };
  }

  state(state: ConnectionState, nextAttemptAt: number | null = null): void {
    const s = this.#s;
    if (state === 'connected' && s.state !== 'connected') s.connectedSince = this.#clock.now();
    if (state !== 'connected') s.connectedSince = null;
    s.state = state;
    s.nextAttemptAt = state === 'backing-off' || state === 'rate-limited' ? nextAttemptAt : null;
  }

  /** Bytes arrived (a keep-alive counts). */
  received(): void {
    this.#s.lastMessageAt = this.#clock.now();
  }

  /** A mention was yielded; `createdAt` is its creation time on the platform. */
  mention(createdAt: number): void {
    const now = this.#clock.now();
    this.#s.counts.mentions++;
    this.#s.lastMentionAt = now;
    this.#s.lagMs = Math.max(0, now - createdAt);
  }

  deleted(): void {
    this.#s.counts.deletes++;
  }

  rejected(): void {
    this.#s.counts.rejects++;
  }

  reconnected(): void {
    this.#s.counts.reconnects++;
  }

  gapFilled(): void {
    this.#s.counts.gapFills++;
  }

  rateLimit(r: RateLimitState | null): void {
    this.#s.rateLimit = r === null ? null : { ...r };
  }

  error(kind: string, message: string): SourceError {
    const e: SourceError = { at: this.#clock.now(), kind, message };
    this.#s.errors++;
    this.#s.recentErrors.unshift(e);
    if (this.#s.recentErrors.length > RECENT_ERRORS) this.#s.recentErrors.length = RECENT_ERRORS;
    return e;
  }
}
