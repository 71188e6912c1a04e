/**
 * The RSS/Atom live source: several feeds, each polled on its own schedule (feed-schedule.ts),
 * one after another in the order they fall due, with conditional GET; new entries become
 * mentions (feed-items.ts), remembered per feed in the checkpoint so that a restart neither
 * repeats nor loses any. A failing feed (network, HTTP error, broken XML, Retry-After) only
 * delays itself: the others go on. Polling feeds one at a time keeps a source simple and polite;
 * put feeds that must not wait for each other in separate sources.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { StatusTracker } from '../live/status-tracker.ts';
import { systemLiveClock, type LiveSource, type LiveSourceDeps, type SourceStatus, type SourceTestResult } from '../live/live-source.ts';
import type { SourceItem, SourceOptions } from '../source.ts';
import { fetchFeed, type FetchFeedResult } from './fetch-feed.ts';
import { excerpt, feedItems } from './feed-items.ts';
import { backoffMs, jitteredMs } from './feed-schedule.ts';
import { decodeCheckpoint, encodeCheckpoint, FeedMemory } from './feed-state.ts';
import { parseFeedXml, type FeedFormat } from './feed-xml.ts';
import { feedSettings, RssSourceConfigSchema, type FeedSettings, type RssSourceConfig, type RssSourceSettings } from './rss-config.ts';

export type RssFeedState = 'waiting' | 'ok' | 'failing' | 'rate-limited' | 'gone';

/** One feed's state, for the API and `vigie sources list` (beside the source's SourceStatus). */
export interface RssFeedStatus {
  name: string;
  url: string;
  /** Where it is polled now: differs from `url` after a permanent redirect (update the configuration). */
  pollUrl: string;
  state: RssFeedState;
  lastPollAt: number | null;
  lastOkAt: number | null;
  nextPollAt: number | null;
  consecutiveFailures: number;
  lastError: string | null;
  format: FeedFormat | null;
  title: string | null;
  /** Entries listed by the last document read. */
  entries: number | null;
}

export interface RssSource extends LiveSource {
  readonly kind: 'rss';
  feeds(): RssFeedStatus[];
}

/** Test seams: the random numbers behind the jitter. */
export interface RssSourceInternals {
  random?: () => number;
}

interface FeedRun {
  s: FeedSettings;
  memory: FeedMemory;
  pollUrl: string;
  nextDue: number;
  failures: number;
  state: RssFeedState;
  lastPollAt: number | null;
  lastOkAt: number | null;
  lastError: string | null;
  format: FeedFormat | null;
  title: string | null;
  entries: number | null;
  /** The last body refused as not a feed (fingerprint): the same body is not rejected twice in a row. */
  lastBadBody: string | null;
}

/** A body itself when small (comparing is cheaper than hashing), else its hash. */
function fingerprint(body: string): string {
  return body.length <= 65_536 ? body : `sha256:${createHash('sha256').update(body).digest('base64url')}`;
}

function settingsOf(config: RssSourceConfig): RssSourceSettings {
  const r = RssSourceConfigSchema.safeParse(config);
  if (!r.success) throw new Error(`invalid rss source configuration:\n${z.prettifyError(r.error)}`);
  return r.data;
}

/** Feeds fetched at once by test(). */
const TEST_CONCURRENCY = 8;

async function inBatches<T, R>(xs: readonly T[], size: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < xs.length; i += size) out.push(...(await Promise.all(xs.slice(i, i + size).map(f))));
  return out;
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

export function createRssSource(config: RssSourceConfig, deps: LiveSourceDeps, internals: RssSourceInternals = {}): RssSource {
  const c = settingsOf(config);
  const clock = deps.clock ?? systemLiveClock;
  const random = internals.random ?? Math.random;
  const tracker = new StatusTracker(deps.id, 'rss', clock);
  const feeds = feedSettings(c);
  const fresh = (s: FeedSettings): FeedRun => ({
    s, memory: new FeedMemory(), pollUrl: s.url, nextDue: 0, failures: 0, state: 'waiting', lastPollAt: null, lastOkAt: null,
    lastError: null, format: null, title: null, entries: null, lastBadBody: null,
  });
  let runs = feeds.map(fresh);
  let memories = new Map<string, FeedMemory>();
  const checkpoint = (): string => encodeCheckpoint(memories);

  const fetchOnce = (url: string, memory: FeedMemory | null, s: FeedSettings, signal?: AbortSignal): Promise<FetchFeedResult> =>
    fetchFeed({
      url,
      etag: memory?.etag ?? null,
      lastModified: memory?.lastModified ?? null,
      headers: s.headers,
      userAgent: c.userAgent,
      timeoutMs: c.timeoutSeconds * 1000,
      maxBytes: c.maxBodyBytes,
      maxRedirects: c.maxRedirects,
      now: () => clock.now(),
      ...(signal === undefined ? {} : { signal }),
    });

  function aggregate(): void {
    const active = runs.filter((r) => r.state !== 'gone');
    const limited = active.filter((r) => r.state === 'rate-limited');
    const earliest = (rs: FeedRun[]): number => Math.min(...rs.map((r) => r.nextDue));
    tracker.rateLimit(limited.length > 0 ? { limit: null, remaining: 0, resetAt: earliest(limited) } : null);
    if (active.length === 0) tracker.state('failed');
    else if (active.some((r) => r.state === 'ok')) tracker.state('connected');
    else if (limited.length > 0) tracker.state('rate-limited', earliest(limited));
    else if (active.some((r) => r.state === 'failing')) tracker.state('backing-off', earliest(active.filter((r) => r.state === 'failing')));
    else tracker.state('connecting');
  }

  function fail(run: FeedRun, kind: string, message: string, waitMs: number, state: RssFeedState = 'failing'): void {
    run.failures++;
    run.state = state;
    run.nextDue = clock.now() + waitMs;
    const next = state === 'gone' ? 'it is no longer polled' : `next try in ${seconds(waitMs)}`;
    run.lastError = `feed "${run.s.name}": ${message}; ${next}`;
    tracker.error(kind, run.lastError);
  }

  function succeeded(run: FeedRun, startedAt: number): void {
    if (run.failures > 0) {
      tracker.reconnected();
      tracker.gapFilled();
    }
    run.failures = 0;
    run.state = 'ok';
    run.lastOkAt = clock.now();
    run.lastError = null;
    run.nextDue = startedAt + jitteredMs(run.s.intervalMs, c.jitter, random());
  }

  function moved(run: FeedRun, to: string | null): void {
    if (to === null || to === run.pollUrl) return;
    run.pollUrl = to;
    tracker.error('moved', `feed "${run.s.name}" moved permanently to ${to}: it is polled there now; update its url in the configuration`);
  }

  /** One poll of one feed: the items to yield (already counted in the feed's memory). */
  async function poll(run: FeedRun, signal?: AbortSignal): Promise<SourceItem[]> {
    const startedAt = clock.now();
    run.lastPollAt = startedAt;
    const res = await fetchOnce(run.pollUrl, run.memory, run.s, signal);
    if (res.kind === 'aborted') return [];
    if (res.kind !== 'failed' || res.status !== null) tracker.received();
    switch (res.kind) {
      case 'not-modified':
        moved(run, res.movedTo);
        succeeded(run, startedAt);
        return [];
      case 'rate-limited': {
        const said = res.retryAfterMs;
        if (said === null) {
          fail(run, 'http-429', res.message, backoffMs(run.failures + 1, c.retryBaseSeconds * 1000, c.retryMaxSeconds * 1000));
        } else {
          fail(run, `http-${res.status}`, res.message, Math.min(said, c.maxRetryAfterSeconds * 1000), 'rate-limited');
        }
        return [];
      }
      case 'failed':
        if (res.errorKind === 'gone') fail(run, 'gone', res.message, 0, 'gone');
        else fail(run, res.errorKind, res.message, backoffMs(run.failures + 1, c.retryBaseSeconds * 1000, c.retryMaxSeconds * 1000));
        return [];
      case 'ok':
        break;
    }
    moved(run, res.movedTo);
    const parsed = parseFeedXml(res.body);
    if (!parsed.ok) {
      const reason = `feed "${run.s.name}" (${res.finalUrl}): ${parsed.reason}`;
      // Not retried sooner: the server answered; its content is wrong.
      fail(run, 'parse', parsed.reason, jitteredMs(run.s.intervalMs, c.jitter, random()));
      const print = fingerprint(res.body);
      if (print === run.lastBadBody) return [];
      run.lastBadBody = print;
      return [{ kind: 'reject', reject: { source: deps.id, line: null, reason, excerpt: excerpt(res.body) }, checkpoint: checkpoint() }];
    }
    run.lastBadBody = null;
    run.format = parsed.doc.format;
    run.title = parsed.doc.title;
    run.entries = parsed.doc.entries.length;
    succeeded(run, startedAt);
    return feedItems({
      sourceId: deps.id,
      feedName: run.s.name,
      feedUrl: res.finalUrl,
      configuredUrl: run.s.url,
      doc: parsed.doc,
      receivedAt: clock.now(),
      memory: run.memory,
      validators: { etag: res.etag, lastModified: res.lastModified },
      maxSeen: c.maxSeenPerFeed,
      maxAgeMs: c.maxAgeDays * 86_400_000,
      checkpoint,
    });
  }

  function start(from: string | null | undefined): void {
    runs = feeds.map(fresh);
    if (from !== null && from !== undefined && from !== '') {
      const decoded = decodeCheckpoint(from);
      if (decoded.ok) {
        for (const run of runs) run.memory = decoded.feeds.get(run.s.name) ?? run.memory;
      } else {
        tracker.error('checkpoint', `${decoded.reason}; starting afresh (entries still listed by the feeds may come again, the store keeps them once)`);
      }
    }
    memories = new Map(runs.map((r) => [r.s.name, r.memory]));
    const now = clock.now();
    for (const run of runs) run.nextDue = now;
  }

  async function* read(options: SourceOptions = {}): AsyncGenerator<SourceItem> {
    const signal = options.signal;
    const aborted = (): boolean => signal?.aborted === true;
    start(options.from);
    tracker.state('connecting');
    let failed = false;
    try {
      while (!aborted()) {
        let run: FeedRun | undefined;
        for (const r of runs) if (r.state !== 'gone' && (run === undefined || r.nextDue < run.nextDue)) run = r;
        if (run === undefined) {
          failed = true;
          tracker.state('failed');
          tracker.error('gone', 'every feed of this source is gone (HTTP 410): fix or remove them in the configuration');
          return;
        }
        const wait = run.nextDue - clock.now();
        if (wait > 0) {
          await clock.sleep(wait, signal);
          if (aborted()) break;
        }
        let items: SourceItem[];
        try {
          items = await poll(run, signal);
        } catch (e) {
          // A bug, not the feed's fault: reported, and this feed retried later; the others go on.
          fail(run, 'internal', `unexpected error: ${e instanceof Error ? e.message : String(e)}`, backoffMs(run.failures + 1, c.retryBaseSeconds * 1000, c.retryMaxSeconds * 1000));
          items = [];
        }
        aggregate();
        for (const item of items) {
          if (item.kind === 'mention') tracker.mention(item.mention.createdAt);
          else if (item.kind === 'reject') tracker.rejected();
          else tracker.deleted();
          yield item;
        }
      }
    } finally {
      if (!failed) tracker.state('stopped');
    }
  }

  async function test(signal?: AbortSignal): Promise<SourceTestResult> {
    const lines = await inBatches(
      feeds,
      TEST_CONCURRENCY,
      async (s): Promise<{ ok: boolean; line: string }> => {
        const res = await fetchOnce(s.url, null, s, signal);
        switch (res.kind) {
          case 'aborted':
            return { ok: false, line: `${s.name}: test cancelled` };
          case 'failed':
          case 'rate-limited':
            return { ok: false, line: `${s.name}: ${res.message}` };
          case 'not-modified':
            return { ok: true, line: `${s.name}: reached (HTTP 304)` };
          case 'ok': {
            const parsed = parseFeedXml(res.body);
            if (!parsed.ok) return { ok: false, line: `${s.name}: ${parsed.reason}` };
            const d = parsed.doc;
            const kind = d.format === 'atom' ? 'Atom' : d.format === 'rdf' ? 'RSS 1.0' : 'RSS 2.0';
            const title = d.title === null ? '' : ` "${d.title.slice(0, 80)}"`;
            const via = res.finalUrl === s.url ? '' : ` (via ${res.finalUrl})`;
            return { ok: true, line: `${s.name}: ${kind}${title}, ${d.entries.length} entries, ${res.bytes} bytes${via}` };
          }
        }
      },
    );
    const bad = lines.filter((l) => !l.ok);
    const all = lines.map((l) => l.line).join('; ');
    if (bad.length === 0) return { ok: true, detail: `${lines.length} feed(s) reached: ${all}` };
    return { ok: false, error: `${bad.length} of ${lines.length} feed(s) failed: ${bad.map((l) => l.line).join('; ')}` };
  }

  return {
    id: deps.id,
    kind: 'rss',
    read,
    test,
    status: (): SourceStatus => tracker.snapshot(),
    feeds: () =>
      runs.map((r) => ({
        name: r.s.name,
        url: r.s.url,
        pollUrl: r.pollUrl,
        state: r.state,
        lastPollAt: r.lastPollAt,
        lastOkAt: r.lastOkAt,
        nextPollAt: r.state === 'gone' ? null : r.nextDue,
        consecutiveFailures: r.failures,
        lastError: r.lastError,
        format: r.format,
        title: r.title,
        entries: r.entries,
      })),
  };
}
