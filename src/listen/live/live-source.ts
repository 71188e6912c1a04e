/**
 * What every live connector (X, Bluesky, Mastodon, Reddit, RSS/Atom, inbound webhooks) is: a
 * Source (src/listen/source.ts) that reads until aborted, reconnecting and filling its gaps by
 * itself, and that says how it is doing (SourceStatus) for the API, the CLI and the detection
 * issue's feed-health signal. Items carry the checkpoint to resume from after them (the pipeline
 * persists it once the item is stored); a connector's checkpoint is its own JSON.
 */
import type { Brand } from '../../domain/brand.ts';
import type { Source } from '../source.ts';

export const SOURCE_KINDS = ['x', 'bluesky', 'mastodon', 'reddit', 'rss', 'webhook'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * - `connecting`: opening a stream or making the first request of a poll;
 * - `connected`: a stream is open (X, Bluesky, Mastodon) or the last poll worked (Reddit, RSS);
 * - `backing-off`: waiting before the next attempt after a failure (`nextAttemptAt`);
 * - `rate-limited`: waiting because the platform said so (`rateLimit.resetAt`);
 * - `stopped`: read() ended (aborted); `failed`: it cannot go on without a fix (bad credentials).
 */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'backing-off' | 'rate-limited' | 'stopped' | 'failed';

export interface RateLimitState {
  /** From the platform's headers, null when it did not say. */
  limit: number | null;
  remaining: number | null;
  /** When the window resets (epoch ms). */
  resetAt: number | null;
}

export interface SourceError {
  at: number;
  /** What failed, e.g. 'http-429', 'http-5xx', 'tcp', 'stall', 'parse', 'auth', 'operational-disconnect'. */
  kind: string;
  /** One sentence: what happened and, when it needs a person, what to do. */
  message: string;
}

export interface SourceCounts {
  mentions: number;
  deletes: number;
  rejects: number;
  /** Connections re-opened (streams) after a drop. */
  reconnects: number;
  /** Gap fills run after a disconnection (X recent search, Bluesky cursor replay…). */
  gapFills: number;
}

export interface SourceStatus {
  id: string;
  kind: SourceKind;
  state: ConnectionState;
  /** Since when the current connection is open (null when not connected). */
  connectedSince: number | null;
  /** Last bytes received from the platform, keep-alives included. */
  lastMessageAt: number | null;
  /** Last mention yielded. */
  lastMentionAt: number | null;
  /** How far behind the platform: receipt time − creation time of the last mention yielded. */
  lagMs: number | null;
  /** When the next attempt is due while backing off or rate-limited. */
  nextAttemptAt: number | null;
  rateLimit: RateLimitState | null;
  /** Errors since the source started, and the most recent ones (newest first, at most 20). */
  errors: number;
  recentErrors: SourceError[];
  counts: SourceCounts;
}

export type SourceTestResult = { ok: true; detail: string } | { ok: false; error: string };

export interface LiveSource extends Source {
  readonly kind: SourceKind;
  status(): SourceStatus;
  /**
   * Checks credentials and reachability without yielding anything (`vigie sources test`): for a
   * stream, connects and waits for the first bytes (a keep-alive is enough); for a poll, makes one
   * request. The answer says what was reached, or what failed and how to fix it.
   */
  test(signal?: AbortSignal): Promise<SourceTestResult>;
}

/** Time for connectors, injected so that tests drive back-off schedules without waiting. */
export interface LiveClock {
  now(): number;
  /** Resolves after `ms`, or at once (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemLiveClock: LiveClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = (): void => {
        clearTimeout(t);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const t = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** What the sources runtime gives every connector's factory besides its own configuration. */
export interface LiveSourceDeps {
  /** The source's id from the configuration (checkpoints and rejects are keyed by it). */
  id: string;
  /** Default: systemLiveClock. */
  clock?: LiveClock;
  /**
   * The workspace's brands as they are now, read again at each rules sync or search: the X rules,
   * hashtags and search terms come from their queries, handles and keywords.
   */
  brands: () => readonly Brand[];
}
