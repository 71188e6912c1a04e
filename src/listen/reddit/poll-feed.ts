/**
 * One poll of one feed (a search or a subreddit's comments). Listings come newest first: pages
 * are followed (`after`) from the newest until one holds an item already taken or older than the
 * feed's window (newest taken − late margin; for a feed never polled, now − backfill), at most
 * `maxPagesPerPoll` pages. The new items are then yielded oldest first, each with the checkpoint
 * that remembers it, so a restart from any of them neither repeats nor skips one.
 *
 * Reddit listings stop near 1,000 items: when more than that arrived since the last poll (a long
 * outage or a huge burst), the oldest new ones cannot be reached; the poll says so ('gap' error)
 * and goes on with what it could reach.
 *
 * A child that does not parse is rejected once (its fullname, or its content when it has none, is
 * remembered); an answer that is not a Listing is rejected, and the next poll tries again.
 */
import { createHash } from 'node:crypto';
import { obj } from '../import/json-access.ts';
import { excerpt } from '../import/utf8.ts';
import type { LiveClock } from '../live/live-source.ts';
import type { StatusTracker } from '../live/status-tracker.ts';
import type { ParseOutcome, SourceItem } from '../source.ts';
import type { ApiBody, RedditApi } from './api-client.ts';
import type { AuthorProfiles } from './authors.ts';
import type { RedditSourceConfig } from './config.ts';
import type { RedditCursor } from './cursor.ts';
import { RequestRefusedError } from './errors.ts';
import type { RedditFeed } from './feeds.ts';
import { toListing } from './listing.ts';
import { fullnameOf, parseRedditThing, seconds } from './parse-thing.ts';
import type { RequestLoop } from './request-loop.ts';

export type PollConfig = Pick<
  RedditSourceConfig,
  'pageSize' | 'maxPagesPerPoll' | 'backfillHours' | 'lateMarginSeconds' | 'webBaseUrl' | 'authorLookupsPerPoll' | 'rateLimitReserve'
>;

export interface PollDeps {
  config: PollConfig;
  sourceId: string;
  clock: LiveClock;
  tracker: StatusTracker;
  api: RedditApi;
  loop: RequestLoop;
  cursor: RedditCursor;
  authors: AuthorProfiles | null;
  /** Hashes of nameless children already rejected (in memory, bounded). */
  rejected: Set<string>;
}

interface Found {
  name: string | undefined;
  created: number | undefined;
  order: number;
  raw: string;
  outcome: ParseOutcome;
}

const MAX_REJECTED_REMEMBERED = 1000;
/** Reddit listings end near 1,000 items: a walk that read this many may not have reached the end of the gap. */
const LISTING_REACH = 900;

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

function excerptOf(text: string): string {
  return excerpt(Buffer.from(text.slice(0, 2048)));
}

export async function* pollFeed(d: PollDeps, feed: RedditFeed, signal: AbortSignal): AsyncGenerator<SourceItem, void> {
  const { config, cursor, tracker } = d;
  const nowSec = d.clock.now() / 1000;
  const newest = cursor.newest(feed.key);
  const cutoff = newest === undefined ? nowSec - config.backfillHours * 3600 : newest - config.lateMarginSeconds;
  const found: Found[] = [];
  const inPoll = new Set<string>();
  let after: string | null = null;
  let pages = 0;
  let items = 0;
  /** An item already taken, or older than the window, was met: everything older is known. */
  let known = false;
  let end = false;
  let listed = false;
  while (!known && !end && pages < config.maxPagesPerPoll) {
    const params: Record<string, string> = { ...feed.params, limit: String(config.pageSize) };
    if (after !== null) params.after = after;
    let body: ApiBody | null;
    try {
      body = await d.loop.run(() => d.api.get(feed.path, params, signal), signal);
    } catch (e) {
      if (!(e instanceof RequestRefusedError)) throw e;
      tracker.error(e.kind, `${feed.label}: ${e.message}`);
      break;
    }
    if (body === null) return;
    pages++;
    const page = body.kind === 'json' ? toListing(body.value) : body;
    if (page.kind === 'invalid') {
      const reason = `${feed.label}: ${page.reason}`;
      tracker.error('parse', reason);
      tracker.rejected();
      yield { kind: 'reject', reject: { source: d.sourceId, line: null, reason, excerpt: excerptOf(body.text) }, checkpoint: cursor.encode() };
      break;
    }
    listed = true;
    const receivedAt = d.clock.now();
    items += page.listing.children.length;
    for (const child of page.listing.children) {
      const name = fullnameOf(child);
      const created = seconds(obj(child, 'data'), 'created_utc');
      if (name !== undefined) {
        if (cursor.has(name) || inPoll.has(name) || (created !== undefined && created < cutoff)) {
          known = true;
          continue;
        }
        inPoll.add(name);
      }
      const raw = JSON.stringify(child) ?? String(child);
      if (name === undefined && d.rejected.has(hashOf(raw))) continue;
      found.push({ name, created, order: found.length, raw, outcome: parseRedditThing(child, raw, receivedAt, config.webBaseUrl) });
    }
    end = page.listing.after === null || page.listing.children.length === 0;
    after = page.listing.after;
  }
  if (listed && !known && (pages >= config.maxPagesPerPoll || items >= LISTING_REACH)) {
    tracker.error(
      'gap',
      newest === undefined
        ? `${feed.label}: the first poll read ${items} items without reaching the ${config.backfillHours} h backfill limit (Reddit listings stop near 1,000 items)`
        : `${feed.label}: ${items} new items since the last poll, without reaching those already taken: Reddit listings stop near 1,000 items, so older new ones may be missing`,
    );
  }
  if (pages > 1) tracker.gapFilled();
  // Oldest first; among equal times, the listing's order reversed (it is newest first).
  found.sort((a, b) => (a.created ?? -Infinity) - (b.created ?? -Infinity) || b.order - a.order);
  if (d.authors !== null) await addProfiles(d, d.authors, found, signal);
  for (const f of found) {
    if (signal.aborted) return;
    const o = f.outcome;
    if (f.name !== undefined) cursor.remember(f.name, Math.min(f.created ?? nowSec, nowSec));
    else if (o.kind === 'reject') rememberRejected(d.rejected, hashOf(f.raw));
    switch (o.kind) {
      case 'mention':
        cursor.advance(feed.key, Math.min(o.mention.createdAt / 1000, nowSec));
        tracker.mention(o.mention.createdAt);
        yield { kind: 'mention', mention: o.mention, checkpoint: cursor.encode() };
        break;
      case 'delete':
        tracker.deleted();
        yield { kind: 'delete', id: o.id, at: o.at, checkpoint: cursor.encode() };
        break;
      case 'reject':
        tracker.rejected();
        yield {
          kind: 'reject',
          reject: { source: d.sourceId, line: null, reason: `${feed.label}: ${o.reason}`, excerpt: excerptOf(f.raw) },
          checkpoint: cursor.encode(),
        };
        break;
      case 'ignore':
        break;
    }
  }
  // A first poll that read a listing but took nothing starts the feed's window now.
  if (listed && cursor.newest(feed.key) === undefined) cursor.advance(feed.key, nowSec);
}

function rememberRejected(set: Set<string>, key: string): void {
  set.add(key);
  if (set.size > MAX_REJECTED_REMEMBERED) {
    const oldest = set.values().next().value;
    if (oldest !== undefined) set.delete(oldest);
  }
}

/** Adds cached or looked-up profiles to the mentions' authors, within the per-poll budget. */
async function addProfiles(d: PollDeps, authors: AuthorProfiles, found: Found[], signal: AbortSignal): Promise<void> {
  let budget = d.config.authorLookupsPerPoll;
  for (const f of found) {
    const o = f.outcome;
    if (o.kind !== 'mention' || o.mention.author.handle === null) continue;
    const handle = o.mention.author.handle;
    let profile = authors.cached(handle);
    const remaining = d.api.rateLimit?.remaining ?? null;
    if (profile === undefined && budget > 0 && (remaining === null || remaining > d.config.rateLimitReserve)) {
      budget--;
      profile = await authors.lookUp(handle, signal);
      if (signal.aborted) return;
    }
    if (profile) f.outcome = { kind: 'mention', mention: { ...o.mention, author: { ...o.mention.author, ...profile } } };
  }
}
