/**
 * Optional author profiles (`fetchAuthors`): `GET /user/{name}/about` gives a `t2` whose
 * `subreddit.subscribers` counts the profile's followers (what Reddit shows as followers),
 * `created_utc` the account's age and `subreddit.public_description` its bio. Results are cached
 * by name for `authorCacheHours` (failed look-ups too, so a suspended account is not asked for
 * again and again); look-ups never hold the stream back: on any failure the author stays as the
 * listing gave it. Karma (`total_karma`) has no field in a mention's author and is not kept;
 * Reddit's `verified` is an e-mail check, not a public badge, so `verified` stays false.
 */
import type { Author } from '../../domain/mention.ts';
import { count, isObject, obj, str } from '../import/json-access.ts';
import type { RedditApi } from './api-client.ts';
import { RedditError, RequestRefusedError } from './errors.ts';
import { seconds } from './parse-thing.ts';

export type AuthorProfile = Pick<Author, 'followers' | 'accountCreatedAt' | 'bio'>;

const MAX_CACHED = 10_000;

/** The profile fields of a `/user/{name}/about` answer, or null when it has none. */
export function profileOf(value: unknown): AuthorProfile | null {
  if (!isObject(value) || value.kind !== 't2') return null;
  const data = obj(value, 'data');
  if (data === undefined || data.is_suspended === true) return null;
  const sub = obj(data, 'subreddit');
  const created = seconds(data, 'created_utc');
  const bio = str(sub, 'public_description')?.trim();
  return {
    followers: count(sub, 'subscribers') ?? null,
    accountCreatedAt: created === undefined ? null : Math.round(created * 1000),
    bio: bio === undefined || bio === '' ? null : bio.slice(0, 5000),
  };
}

export class AuthorProfiles {
  readonly #api: RedditApi;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, { profile: AuthorProfile | null; at: number }>();

  constructor(api: RedditApi, ttlMs: number, now: () => number) {
    this.#api = api;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** The cached profile: undefined when not cached (or stale), null when the look-up found none. */
  cached(name: string): AuthorProfile | null | undefined {
    const key = name.toLowerCase();
    const hit = this.#cache.get(key);
    if (hit === undefined) return undefined;
    if (this.#now() - hit.at >= this.#ttlMs) {
      this.#cache.delete(key);
      return undefined;
    }
    return hit.profile;
  }

  /** Looks the author up (one request); null when Reddit has no usable profile or the request failed. */
  async lookUp(name: string, signal: AbortSignal): Promise<AuthorProfile | null> {
    let profile: AuthorProfile | null = null;
    try {
      const body = await this.#api.get(`/user/${encodeURIComponent(name)}/about`, { raw_json: '1' }, signal);
      profile = body.kind === 'json' ? profileOf(body.value) : null;
    } catch (e) {
      if (signal.aborted) return null;
      // Only Reddit's refusal (403, 404: suspended, shadow-banned) is cached; any other failure
      // leaves the author to be asked for next time.
      if (e instanceof RequestRefusedError) profile = null;
      else if (e instanceof RedditError) return null;
      else throw e;
    }
    if (signal.aborted) return null;
    const key = name.toLowerCase();
    this.#cache.delete(key);
    this.#cache.set(key, { profile, at: this.#now() });
    if (this.#cache.size > MAX_CACHED) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    return profile;
  }
}
