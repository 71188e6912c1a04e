/**
 * What one Jetstream frame becomes for the Bluesky source: nothing (most of the firehose: posts
 * about nothing we watch, likes, heartbeats), a mention, a delete or a reject. It keeps the
 * cursor (highest sane `time_us` seen), drops replayed duplicates within a bounded window, and
 * remembers the posts it yielded (for their edits, deletes and reposts).
 *
 * An event's key is `did|collection|rkey|operation|rev`: the repository revision (`commit.rev`)
 * tells an edit from the create of the same (did, rkey), so only true replays are dropped.
 */
import type { MentionDraft } from '../../domain/mention.ts';
import { MAX_FUTURE_SKEW_MS, MIN_TIMESTAMP } from '../../domain/mention.ts';
import { arr, isObject, obj, parseJson, str, type JsonObject } from '../import/json-access.ts';
import { finishDraft } from '../import/normalise.ts';
import { decodeUtf8, excerpt } from '../import/utf8.ts';
import type { LiveClock } from '../live/live-source.ts';
import type { SourceItem } from '../source.ts';
import type { CandidateFilter } from './candidate-filter.ts';
import { formatCheckpoint, MAX_RECENT_KEYS, type BlueskyCheckpoint } from './checkpoint.ts';
import { jetstreamUrls, parseJetstreamFrame } from './parse-jetstream.ts';

export const POST_COLLECTION = 'app.bsky.feed.post';
export const REPOST_COLLECTION = 'app.bsky.feed.repost';

export interface FrameRouterOptions {
  sourceId: string;
  reposts: boolean;
  deletes: 'all' | 'known';
  /** Events and posts remembered. */
  window: number;
  resumeMarginMs: number;
  clock: LiveClock;
  filter: () => CandidateFilter;
  /** An identity event gave a DID's current handle. */
  onIdentity?: (did: string, handle: string) => void;
}

export interface Routed {
  item: SourceItem;
  /** The DID whose profile enriches the mention (null for deletes and rejects). */
  author: string | null;
}

interface KnownPost {
  id: string;
  text: string;
  lang: string | null;
  url: string | null;
  links: readonly string[];
}

/** An insertion-ordered map that forgets its oldest entries beyond `max`. */
class Bounded<V> {
  readonly #map = new Map<string, V>();
  readonly #max: number;
  constructor(max: number) {
    this.#max = max;
  }
  has(k: string): boolean {
    return this.#map.has(k);
  }
  get(k: string): V | undefined {
    return this.#map.get(k);
  }
  set(k: string, v: V): void {
    this.#map.delete(k);
    this.#map.set(k, v);
    if (this.#map.size > this.#max) this.#map.delete(this.#map.keys().next().value as string);
  }
}

/** The DID of an at:// URI. */
export function didOfUri(uri: string | undefined): string | null {
  if (uri === undefined || !uri.startsWith('at://did:')) return null;
  const slash = uri.indexOf('/', 5);
  return slash < 0 ? uri.slice(5) : uri.slice(5, slash);
}

/** DIDs a post record mentions (facets), replies to (parent and root) or quotes. */
export function relatedDids(record: JsonObject | undefined): string[] {
  const out: string[] = [];
  const add = (d: string | null | undefined): void => {
    if (d != null && d.startsWith('did:') && !out.includes(d)) out.push(d);
  };
  for (const facet of arr(record, 'facets') ?? []) {
    for (const f of arr(facet, 'features') ?? []) if (str(f, '$type') === 'app.bsky.richtext.facet#mention') add(str(f, 'did'));
  }
  const reply = obj(record, 'reply');
  add(didOfUri(str(obj(reply, 'parent'), 'uri')));
  add(didOfUri(str(obj(reply, 'root'), 'uri')));
  const embed = obj(record, 'embed');
  add(didOfUri(str(obj(embed, 'record'), 'uri')));
  add(didOfUri(str(obj(obj(embed, 'record'), 'record'), 'uri')));
  return out;
}

const EXCERPT_CHARS = 2048;

export class FrameRouter {
  readonly #o: FrameRouterOptions;
  readonly #seen: Bounded<true>;
  readonly #posts: Bounded<KnownPost>;
  readonly #reposts: Bounded<true>;
  /** Keys yielded lately with their time, oldest first (for the checkpoint's `recent`). */
  #recent: Array<{ key: string; timeUs: number }> = [];
  #cursor: number | null = null;

  constructor(o: FrameRouterOptions) {
    this.#o = o;
    this.#seen = new Bounded(o.window);
    this.#posts = new Bounded(o.window);
    this.#reposts = new Bounded(o.window);
  }

  /** Resumes after a checkpoint: its cursor, and the keys already yielded near it. */
  seed(c: BlueskyCheckpoint): void {
    this.#cursor = c.cursor;
    for (const key of c.recent) {
      this.#seen.set(key, true);
      if (c.cursor !== null) this.#recent.push({ key, timeUs: c.cursor });
    }
  }

  /** Highest sane time_us processed, or null before the first. */
  get cursor(): number | null {
    return this.#cursor;
  }

  /** Where a new connection starts: the cursor minus the margin (µs), or null for the live tail. */
  resumeFrom(marginMs = this.#o.resumeMarginMs): number | null {
    return this.#cursor === null ? null : Math.max(0, this.#cursor - marginMs * 1000);
  }

  checkpoint(): string {
    const floor = this.resumeFrom() ?? 0;
    let i = 0;
    while (i < this.#recent.length && (this.#recent[i] as { timeUs: number }).timeUs < floor) i++;
    if (this.#recent.length - i > MAX_RECENT_KEYS) i = this.#recent.length - MAX_RECENT_KEYS;
    if (i > 0) this.#recent = this.#recent.slice(i);
    return formatCheckpoint({ cursor: this.#cursor, recent: this.#recent.map((r) => r.key) });
  }

  #saneTime(v: unknown): number | null {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) return null;
    return v >= MIN_TIMESTAMP * 1000 && v <= (this.#o.clock.now() + MAX_FUTURE_SKEW_MS) * 1000 ? v : null;
  }

  #reject(reason: string, text: string): Routed {
    return {
      item: { kind: 'reject', reject: { source: this.#o.sourceId, line: null, reason, excerpt: excerpt(Buffer.from(text.slice(0, EXCERPT_CHARS)), EXCERPT_CHARS) }, checkpoint: this.checkpoint() },
      author: null,
    };
  }

  #remember(key: string, timeUs: number | null): void {
    this.#seen.set(key, true);
    this.#recent.push({ key, timeUs: timeUs ?? this.#cursor ?? 0 });
    if (this.#recent.length > 4 * MAX_RECENT_KEYS) this.#recent = this.#recent.slice(-MAX_RECENT_KEYS);
  }

  route(data: string | ArrayBuffer, receivedAt: number): Routed | null {
    let text: string;
    if (typeof data === 'string') text = data;
    else {
      const bytes = new Uint8Array(data);
      const d = decodeUtf8(bytes);
      if (!d.ok) {
        const reason = `binary frame with invalid UTF-8 at byte ${d.at} (Jetstream sends text frames unless compression is asked for, which this source does not do)`;
        return this.#reject(reason, excerpt(bytes.subarray(0, EXCERPT_CHARS * 4), EXCERPT_CHARS));
      }
      text = d.text;
    }
    if (!/\S/.test(text)) return null;
    const parsed = parseJson(text);
    if (!parsed.ok) return this.#reject(parsed.reason, text);
    const frame = parsed.value;
    if (!isObject(frame)) return this.#reject('a Jetstream frame must be a JSON object', text);
    const kind = str(frame, 'kind') ?? str(frame, 'type');
    if (kind === undefined) return this.#reject('missing field kind', text);
    const timeUs = this.#saneTime(frame.time_us);
    if (timeUs !== null && (this.#cursor === null || timeUs > this.#cursor)) this.#cursor = timeUs;
    if (kind === 'identity') {
      const identity = obj(frame, 'identity');
      const did = str(identity, 'did') ?? str(frame, 'did');
      const handle = str(identity, 'handle');
      if (did !== undefined && handle !== undefined) this.#o.onIdentity?.(did, handle);
      return null;
    }
    if (kind !== 'commit') return null;
    const commit = obj(frame, 'commit');
    if (commit === undefined) return this.#reject('missing field commit', text);
    const collection = str(commit, 'collection');
    if (collection === POST_COLLECTION) return this.#post(text, frame, commit, timeUs, receivedAt);
    if (collection === REPOST_COLLECTION && this.#o.reposts) return this.#repost(text, frame, commit, timeUs);
    return null;
  }

  #post(text: string, frame: JsonObject, commit: JsonObject, timeUs: number | null, receivedAt: number): Routed | null {
    const did = str(frame, 'did');
    const rkey = str(commit, 'rkey');
    const op = str(commit, 'operation');
    const uri = did !== undefined && rkey !== undefined ? `at://${did}/${POST_COLLECTION}/${rkey}` : null;
    const known = uri !== null && this.#posts.has(uri);
    let wanted: boolean;
    if (op === 'delete') wanted = this.#o.deletes === 'all' || known;
    else if (op === 'create' || op === 'update') {
      const record = obj(commit, 'record');
      const postText = str(record, 'text');
      // A post without a DID or a text is broken: the parser says why (a reject).
      wanted = known || did === undefined || postText === undefined || this.#o.filter().matches({ did, text: postText, links: jetstreamUrls(frame), relatedDids: relatedDids(record) });
    } else wanted = true; // an unknown operation: the parser rejects it
    if (!wanted) return null;
    const key = did !== undefined && rkey !== undefined ? `${did}|${POST_COLLECTION}|${rkey}|${op}|${str(commit, 'rev') ?? String(frame.time_us)}` : null;
    if (key !== null && this.#seen.has(key)) return null;
    const outcome = parseJetstreamFrame(text, receivedAt);
    switch (outcome.kind) {
      case 'ignore':
        return null;
      case 'reject':
        return this.#reject(outcome.reason, text);
      case 'delete':
        if (timeUs === null) return this.#reject(`time_us ${JSON.stringify(frame.time_us)} is not a plausible time in microseconds`, text);
        if (key !== null) this.#remember(key, timeUs);
        return { item: { kind: 'delete', id: outcome.id, at: outcome.at, checkpoint: this.checkpoint() }, author: null };
      case 'mention': {
        const m = outcome.mention;
        if (key !== null) this.#remember(key, timeUs);
        if (uri !== null) this.#posts.set(uri, { id: m.id, text: this.#o.reposts ? m.text : '', lang: m.lang, url: m.url, links: this.#o.reposts ? (m.links ?? []) : [] });
        return { item: { kind: 'mention', mention: m, checkpoint: this.checkpoint() }, author: did ?? null };
      }
    }
  }

  #repost(text: string, frame: JsonObject, commit: JsonObject, timeUs: number | null): Routed | null {
    const did = str(frame, 'did');
    const rkey = str(commit, 'rkey');
    const op = str(commit, 'operation');
    if (did === undefined || !did.startsWith('did:') || rkey === undefined || rkey === '') return null;
    const uri = `at://${did}/${REPOST_COLLECTION}/${rkey}`;
    const key = `${did}|${REPOST_COLLECTION}|${rkey}|${op}|${str(commit, 'rev') ?? String(frame.time_us)}`;
    if (op === 'delete') {
      if (!this.#reposts.has(uri) || this.#seen.has(key)) return null;
      if (timeUs === null) return this.#reject('missing field time_us', text);
      this.#remember(key, timeUs);
      return { item: { kind: 'delete', id: `bluesky:${uri}`, at: Math.floor(timeUs / 1000), checkpoint: this.checkpoint() }, author: null };
    }
    if (op !== 'create') return null;
    const subject = str(obj(obj(commit, 'record'), 'subject'), 'uri');
    const original = subject === undefined ? undefined : this.#posts.get(subject);
    if (original === undefined || this.#seen.has(key)) return null;
    if (timeUs === null) return this.#reject('missing field time_us', text);
    const at = Math.floor(timeUs / 1000);
    const draft: MentionDraft = {
      id: `bluesky:${uri}`,
      platform: 'bluesky',
      url: original.url,
      author: { id: `bluesky:${did}`, handle: null, name: null, followers: null, verified: false, kind: 'unknown' },
      text: original.text,
      lang: original.lang,
      createdAt: at,
      receivedAt: this.#o.clock.now(),
      editedAt: null,
      deletedAt: null,
      relations: { replyTo: null, quoteOf: null, repostOf: original.id, conversationId: null },
      engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null },
      matchingRules: [],
      raw: text,
      links: original.links,
    };
    const outcome = finishDraft(draft, text, true);
    if (outcome.kind === 'reject') return this.#reject(outcome.reason, text);
    if (outcome.kind !== 'mention') return null;
    this.#remember(key, timeUs);
    this.#reposts.set(uri, true);
    return { item: { kind: 'mention', mention: outcome.mention, checkpoint: this.checkpoint() }, author: did };
  }
}
