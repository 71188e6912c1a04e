/**
 * Authors' profiles (followers, handle, name, verification) from the AppView's
 * `app.bsky.actor.getProfiles`: at most 25 actors per call, cached with a TTL and a size bound
 * (least recently used dropped first). A lookup never throws and never waits longer than the
 * timeout: after a failure the AppView is left alone for `retryAfterMs` (or until the rate
 * limit resets, from the `ratelimit-*` headers), and mentions go on without followers meanwhile.
 */
import { arr, count, isObject, isoTime, str } from '../import/json-access.ts';
import type { LiveClock } from '../live/live-source.ts';
import type { StatusTracker } from '../live/status-tracker.ts';

/** getProfiles takes at most 25 actors per call. */
export const PROFILES_PER_CALL = 25;
/** Calls made at once when more than 25 authors are missing. */
const PARALLEL_CALLS = 4;

export interface BlueskyProfile {
  did: string;
  /** Null when the AppView does not know a valid handle ("handle.invalid"). */
  handle: string | null;
  name: string | null;
  followers: number | null;
  following: number | null;
  posts: number | null;
  verified: boolean;
  bio: string | null;
  accountCreatedAt: number | null;
}

export interface ProfileClientOptions {
  appViewUrl: string;
  ttlMs: number;
  maxEntries: number;
  timeoutMs: number;
  retryAfterMs: number;
  clock: LiveClock;
  tracker: StatusTracker;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
}

interface Entry {
  profile: BlueskyProfile | null;
  until: number;
}

/** Reads one profileViewDetailed; null when it has no DID. */
export function readProfile(p: unknown): BlueskyProfile | null {
  if (!isObject(p)) return null;
  const did = str(p, 'did');
  if (did === undefined || !did.startsWith('did:')) return null;
  const handle = str(p, 'handle');
  const name = str(p, 'displayName');
  const bio = str(p, 'description');
  const created = isoTime(str(p, 'createdAt'));
  const verification = isObject(p.verification) ? p.verification : undefined;
  return {
    did,
    handle: handle === undefined || handle === '' || handle === 'handle.invalid' ? null : handle,
    name: name === undefined || name.trim() === '' ? null : name,
    followers: count(p, 'followersCount') ?? null,
    following: count(p, 'followsCount') ?? null,
    posts: count(p, 'postsCount') ?? null,
    verified: str(verification, 'verifiedStatus') === 'valid',
    bio: bio === undefined || bio === '' ? null : bio,
    accountCreatedAt: created ?? null,
  };
}

function header(res: Response, name: string): number | null {
  const v = res.headers.get(name);
  if (v === null || !/^\d+$/.test(v.trim())) return null;
  return Number(v.trim());
}

export class ProfileClient {
  readonly #o: ProfileClientOptions;
  readonly #fetch: typeof fetch;
  readonly #cache = new Map<string, Entry>();
  /** Folded handle → DID, for the brands' handles. */
  readonly #handles = new Map<string, string>();
  #pausedUntil = 0;
  #calls = 0;

  constructor(o: ProfileClientOptions) {
    this.#o = o;
    this.#fetch = o.fetch ?? fetch;
  }

  /** getProfiles calls made so far. */
  get calls(): number {
    return this.#calls;
  }

  /** The cached profile (null: the AppView does not know the DID), or undefined when unknown or expired. */
  get(did: string): BlueskyProfile | null | undefined {
    const e = this.#cache.get(did);
    if (e === undefined) return undefined;
    if (e.until <= this.#o.clock.now()) {
      this.#cache.delete(did);
      return undefined;
    }
    this.#cache.delete(did);
    this.#cache.set(did, e);
    return e.profile;
  }

  /** An identity event announced a new handle: cached profiles follow it. */
  setHandle(did: string, handle: string | null): void {
    const e = this.#cache.get(did);
    if (e?.profile != null) e.profile = { ...e.profile, handle: handle === 'handle.invalid' ? null : handle };
  }

  #put(did: string, profile: BlueskyProfile | null): void {
    this.#cache.delete(did);
    this.#cache.set(did, { profile, until: this.#o.clock.now() + this.#o.ttlMs });
    while (this.#cache.size > this.#o.maxEntries) {
      const oldest = this.#cache.keys().next().value as string;
      this.#cache.delete(oldest);
    }
  }

  /** True while lookups are suspended after a failure or a rate limit. */
  paused(): boolean {
    return this.#o.clock.now() < this.#pausedUntil;
  }

  /** Fetches the DIDs not cached yet (25 per call); never throws. */
  async lookup(dids: Iterable<string>, signal?: AbortSignal): Promise<void> {
    const missing = [...new Set(dids)].filter((d) => this.get(d) === undefined);
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += PROFILES_PER_CALL) batches.push(missing.slice(i, i + PROFILES_PER_CALL));
    for (let i = 0; i < batches.length; i += PARALLEL_CALLS) {
      if (this.paused() || signal?.aborted) return;
      await Promise.all(
        batches.slice(i, i + PARALLEL_CALLS).map(async (batch) => {
          const profiles = await this.#call(batch, signal);
          if (profiles === null) return;
          const found = new Set<string>();
          for (const p of profiles) {
            this.#put(p.did, p);
            found.add(p.did);
          }
          // The AppView leaves out the actors it does not know (deleted, taken down).
          for (const did of batch) if (!found.has(did)) this.#put(did, null);
        }),
      );
    }
  }

  /** Resolves Bluesky handles to DIDs (cached for the process); the ones that fail stay out. */
  async resolve(handles: readonly string[], signal?: AbortSignal): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const todo = handles.filter((h) => {
      const did = this.#handles.get(h);
      if (did !== undefined) out.set(h, did);
      return did === undefined;
    });
    for (let i = 0; i < todo.length; i += PROFILES_PER_CALL) {
      if (this.paused() || signal?.aborted) break;
      const batch = todo.slice(i, i + PROFILES_PER_CALL);
      const profiles = await this.#call(batch, signal);
      if (profiles === null) continue;
      for (const p of profiles) {
        this.#put(p.did, p);
        const h = p.handle?.toLowerCase();
        if (h !== undefined && batch.includes(h)) {
          this.#handles.set(h, p.did);
          out.set(h, p.did);
        }
      }
    }
    return out;
  }

  /** One getProfiles call: the profiles, or null after recording why it failed. */
  async #call(actors: readonly string[], signal?: AbortSignal): Promise<BlueskyProfile[] | null> {
    const { tracker, clock } = this.#o;
    const url = new URL('/xrpc/app.bsky.actor.getProfiles', this.#o.appViewUrl);
    for (const a of actors) url.searchParams.append('actors', a);
    const fail = (kind: string, message: string, until = clock.now() + this.#o.retryAfterMs): null => {
      this.#pausedUntil = Math.max(this.#pausedUntil, until);
      tracker.error(kind, `${message}; mentions go on without followers until ${new Date(this.#pausedUntil).toISOString()}`);
      return null;
    };
    this.#calls++;
    let res: Response;
    const timeout = AbortSignal.timeout(this.#o.timeoutMs);
    try {
      res = await this.#fetch(url, { signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]), headers: { accept: 'application/json' } });
    } catch (e) {
      if (signal?.aborted) return null;
      if (timeout.aborted) return fail('profiles-timeout', `getProfiles at ${this.#o.appViewUrl} did not answer within ${this.#o.timeoutMs} ms`);
      return fail('profiles-network', `getProfiles at ${this.#o.appViewUrl} failed: ${e instanceof Error ? e.message : String(e)} (check profiles.appViewUrl)`);
    }
    const limit = header(res, 'ratelimit-limit');
    const remaining = header(res, 'ratelimit-remaining');
    const reset = header(res, 'ratelimit-reset');
    if (limit !== null || remaining !== null || reset !== null) tracker.rateLimit({ limit, remaining, resetAt: reset === null ? null : reset * 1000 });
    let body: unknown;
    try {
      body = JSON.parse(await res.text());
    } catch (e) {
      if (signal?.aborted) return null;
      body = undefined;
      if (res.ok) return fail('profiles-parse', `getProfiles at ${this.#o.appViewUrl} answered ${res.status} with a body that is not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    if (res.status === 429) {
      const until = reset !== null && reset * 1000 > clock.now() ? reset * 1000 : clock.now() + this.#o.retryAfterMs;
      return fail('http-429', `getProfiles at ${this.#o.appViewUrl} is rate-limited (HTTP 429)`, until);
    }
    if (res.status === 400) {
      // The AppView refused this batch (an actor it cannot read): they go without followers, others are unaffected.
      tracker.error('profiles-400', `getProfiles refused ${actors.length} actors: ${str(body, 'message') ?? str(body, 'error') ?? 'HTTP 400'}`);
      for (const a of actors) if (a.startsWith('did:')) this.#put(a, null);
      return null;
    }
    if (!res.ok) return fail(res.status >= 500 ? 'http-5xx' : `http-${res.status}`, `getProfiles at ${this.#o.appViewUrl} answered HTTP ${res.status}`);
    const list = arr(body, 'profiles');
    if (list === undefined) return fail('profiles-parse', `getProfiles at ${this.#o.appViewUrl} answered without a "profiles" array (is it a Bluesky AppView?)`);
    const out: BlueskyProfile[] = [];
    for (const p of list) {
      const profile = readProfile(p);
      if (profile !== null) out.push(profile);
    }
    return out;
  }
}
