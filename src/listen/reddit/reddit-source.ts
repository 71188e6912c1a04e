/**
 * The Reddit live source: rounds of polls, each round reading every feed (feeds.ts) once, then
 * pausing `pollIntervalSeconds`; the brands are read again at each round. What one poll does is
 * in poll-feed.ts, how a request is retried in request-loop.ts, the back-off in backoff.ts.
 * `test()` obtains a token and makes one cheap call (`/api/v1/me` for an account, else
 * `/api/v1/scopes`), without retrying.
 */
import { str } from '../import/json-access.ts';
import { systemLiveClock, type LiveClock, type LiveSource, type LiveSourceDeps, type SourceStatus, type SourceTestResult } from '../live/live-source.ts';
import { StatusTracker } from '../live/status-tracker.ts';
import type { SourceItem, SourceOptions } from '../source.ts';
import { RedditApi } from './api-client.ts';
import { AuthorProfiles } from './authors.ts';
import { userAgentOf, type RedditSourceConfig } from './config.ts';
import { RedditCursor } from './cursor.ts';
import { messageOf } from './errors.ts';
import { redditFeeds } from './feeds.ts';
import { RedditTokens } from './oauth.ts';
import { pollFeed, type PollDeps } from './poll-feed.ts';
import { RequestLoop } from './request-loop.ts';

class RedditSource implements LiveSource {
  readonly id: string;
  readonly kind = 'reddit' as const;
  readonly #config: RedditSourceConfig;
  readonly #deps: LiveSourceDeps;
  readonly #clock: LiveClock;
  readonly #tracker: StatusTracker;
  readonly #tokens: RedditTokens;
  readonly #api: RedditApi;

  constructor(config: RedditSourceConfig, deps: LiveSourceDeps) {
    this.id = deps.id;
    this.#config = config;
    this.#deps = deps;
    this.#clock = deps.clock ?? systemLiveClock;
    this.#tracker = new StatusTracker(deps.id, 'reddit', this.#clock);
    const ua = userAgentOf(config);
    this.#tokens = new RedditTokens(config, this.#clock, ua);
    this.#api = new RedditApi(config, this.#clock, this.#tracker, this.#tokens, ua);
  }

  status(): SourceStatus {
    return this.#tracker.snapshot();
  }

  async *read(options: SourceOptions = {}): AsyncGenerator<SourceItem, void> {
    const signal = options.signal ?? new AbortController().signal;
    const c = this.#config;
    const tracker = this.#tracker;
    const { cursor, problem } = RedditCursor.decode(options.from, c.seenLimit);
    if (problem !== null) tracker.error('checkpoint', problem);
    const d: PollDeps = {
      config: c,
      sourceId: this.id,
      clock: this.#clock,
      tracker,
      api: this.#api,
      loop: new RequestLoop({ api: this.#api, clock: this.#clock, tracker, reserve: c.rateLimitReserve, authRetryMs: c.authRetryMinutes * 60_000 }),
      cursor,
      authors: c.fetchAuthors ? new AuthorProfiles(this.#api, c.authorCacheHours * 3_600_000, () => this.#clock.now()) : null,
      rejected: new Set(),
    };
    tracker.state('connecting');
    let reportedEmpty = false;
    try {
      while (!signal.aborted) {
        const feeds = redditFeeds(c, this.#deps.brands());
        if (feeds.length === 0 && !reportedEmpty) {
          tracker.error('config', 'nothing to search: no brand has a name, alias or keyword usable in a Reddit search, and no searchQueries or subreddits are set');
        }
        reportedEmpty = feeds.length === 0;
        for (const feed of feeds) {
          if (signal.aborted) break;
          yield* pollFeed(d, feed, signal);
        }
        cursor.prune(new Set(feeds.map((f) => f.key)), c.lateMarginSeconds);
        if (!signal.aborted) await this.#clock.sleep(c.pollIntervalSeconds * 1000, signal);
      }
    } finally {
      tracker.state('stopped');
    }
  }

  async test(signal: AbortSignal = new AbortController().signal): Promise<SourceTestResult> {
    const c = this.#config;
    try {
      const token = await this.#tokens.obtain(signal);
      const path = c.username === undefined ? '/api/v1/scopes' : '/api/v1/me';
      const body = await this.#api.get(path, { raw_json: '1' }, signal);
      if (body.kind === 'invalid') return { ok: false, error: `${c.apiBaseUrl}${path} answered something that is not JSON (${body.reason}): check apiBaseUrl` };
      const who = c.username === undefined ? 'with application-only access' : `as u/${str(body.value, 'name') ?? c.username}`;
      const rl = this.#api.rateLimit;
      const left = rl?.remaining == null ? '' : `; ${rl.remaining} requests left in the rate-limit window`;
      return { ok: true, detail: `Reddit API reached at ${c.apiBaseUrl} ${who} (token valid ${Math.round(token.expiresInSeconds)} s, scope ${token.scope ?? 'unknown'})${left}` };
    } catch (e) {
      if (signal.aborted) return { ok: false, error: 'the test was cancelled' };
      return { ok: false, error: messageOf(e) };
    }
  }
}

/** A Reddit source for one `sources:` entry (its configuration already validated). */
export function createRedditSource(config: RedditSourceConfig, deps: LiveSourceDeps): LiveSource {
  return new RedditSource(config, deps);
}
