/**
 * The Bluesky live source: Jetstream v1 (`/subscribe?wantedCollections=app.bsky.feed.post`,
 * plus reposts when asked), filtered locally against the brands (candidate-filter.ts), authors
 * enriched from getProfiles (profile-client.ts). It reconnects by itself (backoff.ts), reconnects
 * when the socket stalls, and resumes from its cursor minus a margin after a drop or a restart;
 * replayed duplicates are dropped (frame-router.ts).
 *
 * Duplicates can still reach the pipeline: after a restart, for events yielded within the margin
 * beyond the 100 keys a checkpoint keeps; and for events older than the dedupe window replayed
 * by a very late Jetstream. Both have the same mention id, and the store upserts by id.
 */
import { z } from 'zod';
import type { Brand } from '../../domain/brand.ts';
import type { MentionDraft } from '../../domain/mention.ts';
import { isObject } from '../import/json-access.ts';
import { excerpt } from '../import/utf8.ts';
import { systemLiveClock, type LiveSource, type LiveSourceDeps, type SourceStatus, type SourceTestResult } from '../live/live-source.ts';
import { StatusTracker } from '../live/status-tracker.ts';
import type { SourceItem, SourceOptions } from '../source.ts';
import { reconnectDelay } from './backoff.ts';
import { BlueskySourceConfigSchema, subscribeUrl, type BlueskySourceConfig, type BlueskySourceConfigInput } from './bluesky-config.ts';
import { CandidateFilter } from './candidate-filter.ts';
import { parseCheckpoint } from './checkpoint.ts';
import { didOfUri, FrameRouter, POST_COLLECTION, REPOST_COLLECTION, type Routed } from './frame-router.ts';
import { JetstreamConnection, type ConnectionEvent } from './jetstream-connection.ts';
import { ProfileClient, type BlueskyProfile } from './profile-client.ts';

export interface BlueskySourceDeps extends LiveSourceDeps {
  /** Jitter of the reconnection back-off, uniform in [0, 1) (default Math.random); tests fix it. */
  random?: () => number;
  /** For getProfiles (default: the global fetch). */
  fetch?: typeof fetch;
}

/** Frames handled before the profiles they need are fetched and their items yielded. */
const MAX_BATCH_FRAMES = 500;
/** Authors missing from the cache that end a batch early (4 getProfiles calls). */
const MAX_BATCH_LOOKUPS = 100;
/** How often the brands are read again while streaming (their filter is rebuilt when they change). */
const BRANDS_REFRESH_MS = 10_000;

function brandsSignature(brands: readonly Brand[]): string {
  return JSON.stringify(brands.map((b) => [b.id, b.name, b.aliases, b.keywords, b.handles, b.ownedAccounts, b.queries]));
}

const clean = (s: string | null, max: number): string | null => (s === null ? null : s.replace(/\u0000/g, '').slice(0, max) || null);

/**
 * The mention with its author's profile (handle, name, followers…) and a URL built from the
 * handle; a repost's URL is its original's, built from the original author's handle when known.
 */
export function withProfile(m: MentionDraft, author: BlueskyProfile | null | undefined, originalAuthor?: BlueskyProfile | null): MentionDraft {
  const isRepost = m.id.includes(`/${REPOST_COLLECTION}/`);
  const postUri = isRepost ? (m.relations.repostOf ?? '') : m.id;
  const urlHandle = clean((isRepost ? originalAuthor : author)?.handle ?? null, 300);
  const url = urlHandle === null ? m.url : `https://bsky.app/profile/${urlHandle}/post/${postUri.slice(postUri.lastIndexOf('/') + 1)}`;
  if (author == null) return url === m.url ? m : { ...m, url };
  return {
    ...m,
    url,
    author: {
      ...m.author,
      handle: clean(author.handle, 300),
      name: clean(author.name, 500),
      followers: author.followers,
      verified: author.verified,
      bio: clean(author.bio, 5000),
      accountCreatedAt: author.accountCreatedAt,
      posts: author.posts,
      following: author.following,
    },
  };
}

function parseConfig(id: string, input: BlueskySourceConfigInput): BlueskySourceConfig {
  const parsed = BlueskySourceConfigSchema.safeParse(input);
  if (!parsed.success) throw new Error(`source "${id}" (bluesky): invalid configuration:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function createBlueskySource(input: BlueskySourceConfigInput, deps: BlueskySourceDeps): LiveSource {
  const config = parseConfig(deps.id, input);
  const clock = deps.clock ?? systemLiveClock;
  const random = deps.random ?? Math.random;
  const tracker = new StatusTracker(deps.id, 'bluesky', clock);
  const profiles = new ProfileClient({
    appViewUrl: config.profiles.appViewUrl,
    ttlMs: config.profiles.cacheTtlMs,
    maxEntries: config.profiles.cacheSize,
    timeoutMs: config.profiles.timeoutMs,
    retryAfterMs: config.profiles.retryAfterMs,
    clock,
    tracker,
    ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
  });
  const collections = config.reposts ? [POST_COLLECTION, REPOST_COLLECTION] : [POST_COLLECTION];

  let filter = new CandidateFilter([]);
  let signature: string | null = null;
  let brandsReadAt = Number.NEGATIVE_INFINITY;
  let resolvedAt = Number.NEGATIVE_INFINITY;

  /** Reads the brands again; rebuilds the filter when they changed; resolves their handles to DIDs. */
  const refreshBrands = async (signal?: AbortSignal): Promise<void> => {
    brandsReadAt = clock.now();
    let brands: readonly Brand[];
    try {
      brands = deps.brands();
    } catch (e) {
      tracker.error('config', `cannot read the brands: ${e instanceof Error ? e.message : String(e)}; the previous filter stays`);
      return;
    }
    const sig = brandsSignature(brands);
    if (sig !== signature) {
      signature = sig;
      const dids = filter.dids;
      filter = new CandidateFilter(brands);
      filter.setDids(dids);
      resolvedAt = Number.NEGATIVE_INFINITY;
      for (const w of filter.warnings) tracker.error('config', w);
    }
    const unresolved = filter.handles.length > filter.dids.size;
    const due = clock.now() - resolvedAt >= config.profiles.retryAfterMs;
    if (config.profiles.enabled && filter.handles.length > 0 && (resolvedAt === Number.NEGATIVE_INFINITY || (unresolved && due))) {
      resolvedAt = clock.now();
      const current = filter;
      const found = await profiles.resolve(current.handles, signal);
      current.setDids(found.values());
    }
  };

  const routed = (router: FrameRouter, data: string | ArrayBuffer): Routed | null => {
    try {
      return router.route(data, clock.now());
    } catch (e) {
      // The router does not throw; if it ever does, the frame is rejected and the stream goes on.
      const text = typeof data === 'string' ? data : '(binary frame)';
      return {
        item: {
          kind: 'reject',
          reject: { source: deps.id, line: null, reason: `internal error while reading a frame: ${e instanceof Error ? e.message : String(e)}`, excerpt: excerpt(Buffer.from(text.slice(0, 2048))) },
          checkpoint: router.checkpoint(),
        },
        author: null,
      };
    }
  };

  const finish = (r: Routed): SourceItem => {
    const item = r.item;
    if (item.kind === 'mention') {
      const original = item.mention.relations.repostOf;
      const originalDid = original === null ? null : didOfUri(original.slice('bluesky:'.length));
      const m = withProfile(item.mention, r.author === null ? null : profiles.get(r.author), originalDid === null ? null : profiles.get(originalDid));
      tracker.mention(m.editedAt ?? m.createdAt);
      return m === item.mention ? item : { ...item, mention: m };
    }
    if (item.kind === 'delete') tracker.deleted();
    else tracker.rejected();
    return item;
  };

  async function* read(options: SourceOptions = {}): AsyncGenerator<SourceItem> {
    const { signal } = options;
    // A function rather than `signal?.aborted`: TypeScript would keep it narrowed across awaits.
    const aborted = (): boolean => signal?.aborted === true;
    const router = new FrameRouter({
      sourceId: deps.id,
      reposts: config.reposts,
      deletes: config.deletes,
      window: config.dedupeWindow,
      resumeMarginMs: config.resumeMarginMs,
      clock,
      filter: () => filter,
      onIdentity: (did, handle) => profiles.setHandle(did, handle),
    });
    router.seed(parseCheckpoint(deps.id, options.from));
    let failures = 0;
    let opened = 0;
    // After closing as a slow consumer, every frame up to the cursor came in order on that
    // connection and was handled: resuming without the margin guarantees progress.
    let slow = false;
    try {
      while (!aborted()) {
        tracker.state('connecting');
        await refreshBrands(signal);
        if (aborted()) break;
        const from = router.resumeFrom(slow ? 0 : undefined);
        slow = false;
        const conn = new JetstreamConnection(subscribeUrl(config.jetstreamUrl, collections, from), {
          stallTimeoutMs: config.stallTimeoutMs,
          maxQueuedFrames: config.maxQueuedFrames,
          onFrame: () => tracker.received(),
        });
        const onAbort = (): void => conn.close();
        signal?.addEventListener('abort', onAbort, { once: true });
        try {
          for (;;) {
            const ev: ConnectionEvent = await conn.next();
            if (ev.kind === 'open') {
              tracker.state('connected');
              if (opened++ > 0) tracker.reconnected();
              if (from !== null) tracker.gapFilled();
              continue;
            }
            if (ev.kind === 'end') {
              if (ev.error !== null && !aborted()) tracker.error(ev.error.kind, ev.error.message);
              slow = ev.error?.kind === 'slow-consumer';
              break;
            }
            failures = 0;
            if (clock.now() - brandsReadAt >= BRANDS_REFRESH_MS) await refreshBrands(signal);
            const batch: Routed[] = [];
            const missing = new Set<string>();
            let data: string | ArrayBuffer | undefined = ev.data;
            while (data !== undefined) {
              const r = routed(router, data);
              if (r !== null) {
                batch.push(r);
                if (r.author !== null && config.profiles.enabled && profiles.get(r.author) === undefined) missing.add(r.author);
              }
              if (batch.length >= MAX_BATCH_FRAMES || missing.size >= MAX_BATCH_LOOKUPS) break;
              data = conn.takeFrame();
            }
            if (missing.size > 0 && !profiles.paused()) await profiles.lookup(missing, signal);
            for (const r of batch) {
              if (aborted()) break;
              yield finish(r);
            }
            if (aborted()) break;
          }
        } finally {
          signal?.removeEventListener('abort', onAbort);
          conn.close();
        }
        if (aborted()) break;
        const delay = reconnectDelay(failures++, config.backoffInitialMs, config.backoffMaxMs, random);
        tracker.state('backing-off', clock.now() + delay);
        await clock.sleep(delay, signal);
      }
    } finally {
      tracker.state('stopped');
    }
  }

  async function test(signal?: AbortSignal): Promise<SourceTestResult> {
    const base = config.jetstreamUrl;
    const started = performance.now();
    const conn = new JetstreamConnection(subscribeUrl(base, collections, null), { stallTimeoutMs: config.testTimeoutMs, maxQueuedFrames: 1000 });
    const onAbort = (): void => conn.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    let opened = false;
    let outcome: { ok: true; ms: number } | { ok: false; error: string };
    try {
      for (;;) {
        const ev = await conn.next();
        if (ev.kind === 'open') opened = true;
        else if (ev.kind === 'frame') {
          outcome = { ok: true, ms: Math.round(performance.now() - started) };
          break;
        } else {
          const why = ev.error === null ? 'the test was cancelled' : ev.error.message;
          outcome = {
            ok: false,
            error: opened && ev.error?.kind === 'stall'
              ? `connected to ${base} but no frame came within ${config.testTimeoutMs} ms: check that it is a Jetstream /subscribe endpoint`
              : `Jetstream at ${base}: ${why}`,
          };
          break;
        }
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      conn.close();
    }
    if (!outcome.ok) return outcome;
    let detail = `Jetstream at ${base} sent its first frame after ${outcome.ms} ms`;
    if (config.profiles.enabled) {
      const appView = await testAppView(config.profiles.appViewUrl, config.profiles.timeoutMs, deps.fetch ?? fetch, signal);
      if (!appView.ok) return { ok: false, error: `${detail}, but ${appView.error}` };
      detail += `; ${appView.detail}`;
    }
    await refreshBrands(signal);
    return { ok: true, detail: `${detail}; brand filter: ${filter.describe()}` };
  }

  return {
    id: deps.id,
    kind: 'bluesky',
    read,
    status: (): SourceStatus => tracker.snapshot(),
    test,
  };
}

/** One getProfiles call (for bsky.app's own account): reachable and speaking XRPC. */
async function testAppView(
  appViewUrl: string,
  timeoutMs: number,
  fetcher: typeof fetch,
  signal?: AbortSignal,
): Promise<{ ok: true; detail: string } | { ok: false; error: string }> {
  const url = new URL('/xrpc/app.bsky.actor.getProfiles', appViewUrl);
  url.searchParams.append('actors', 'bsky.app');
  const timeout = AbortSignal.timeout(timeoutMs);
  const fix = 'check profiles.appViewUrl, or set profiles.enabled to false to go without followers';
  try {
    const res = await fetcher(url, { signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]), headers: { accept: 'application/json' } });
    let body: unknown = null;
    try {
      body = JSON.parse(await res.text());
    } catch {
      body = null;
    }
    if ((res.ok && isObject(body) && Array.isArray(body.profiles)) || (res.status === 400 && isObject(body))) {
      return { ok: true, detail: `the AppView at ${appViewUrl} answered getProfiles` };
    }
    return { ok: false, error: `the AppView at ${appViewUrl} answered getProfiles with HTTP ${res.status}${isObject(body) ? '' : ' and no JSON'}: ${fix}` };
  } catch (e) {
    const why = timeout.aborted ? `did not answer within ${timeoutMs} ms` : e instanceof Error ? e.message : String(e);
    return { ok: false, error: `the AppView at ${appViewUrl} ${timeout.aborted ? why : `could not be reached (${why})`}: ${fix}` };
  }
}
