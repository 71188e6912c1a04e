/**
 * Fills the gaps with recent search. A gap opens when the stream drops (and at a fresh start); while
 * the stream stays down, a search runs every `gapPollSeconds` and moves the gap's start to the
 * first page's `newest_id`; once the stream is back, one more search `gapFillDelaySeconds` later
 * (X's recent search leaves out the last 30 s by default) covers the rest and closes the gap.
 * Posts come out oldest first, so each one's checkpoint is safe to resume from. A failed search
 * is retried on X's back-off schedule (its rate-limit reset respected); what it found is yielded.
 */
import type { LiveClock } from '../live/live-source.ts';
import type { StatusTracker } from '../live/status-tracker.ts';
import type { SourceItem } from '../source.ts';
import { XBackoff } from './backoff.ts';
import { compareIds, idMinusMs, maxId, type XCursor } from './cursor.ts';
import { snowflakeTime } from './parse-x-line.ts';
import { MAX_RATE_LIMIT_WAIT_MS } from './rate-limit.ts';
import { searchQueries, searchRecent } from './recent-search.ts';
import type { StreamRules } from './rules-sync.ts';
import { backoffKind, errorKind, type XApi } from './x-api.ts';
import type { XItems } from './x-items.ts';

/** Recent search covers the last 7 days; a gap older than that is searched from 7 days ago (minus a minute). */
const SEARCH_WINDOW_MS = 7 * 24 * 3600_000 - 60_000;
/** Without end_time, recent search stops 30 s before the request: a start_time must be earlier. */
const SEARCH_LATENCY_MS = 30_000;

export interface GapFillOptions {
  gapFillDelaySeconds: number;
  gapPollSeconds: number;
  gapFillOverlapSeconds: number;
  searchQueryMaxLength: number;
  searchPageSize: number;
  gapFillMaxPages: number;
}

export interface GapFillDeps {
  api: XApi;
  cursor: XCursor;
  rules: StreamRules;
  items: XItems;
  tracker: StatusTracker;
  clock: LiveClock;
}

const iso = (t: number): string => new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export class GapFill {
  readonly #o: GapFillOptions;
  readonly #d: GapFillDeps;
  readonly #backoff = new XBackoff();
  #reported = new Set<string>();
  #nextAt: number | null = null;

  constructor(options: GapFillOptions, deps: GapFillDeps) {
    this.#o = options;
    this.#d = deps;
    // A fresh start or a checkpoint opens a gap: the first poll while the stream is not up yet.
    this.#nextAt = this.#pollNext(deps.clock.now());
  }

  /** When the next search is due (null: none planned). */
  get nextAt(): number | null {
    return this.#nextAt;
  }

  due(now: number): boolean {
    return this.#nextAt !== null && now >= this.#nextAt;
  }

  onConnected(now: number): void {
    if (this.#d.cursor.gapOpen) this.#nextAt = now + this.#o.gapFillDelaySeconds * 1000;
  }

  onDisconnected(now: number): void {
    this.#d.cursor.openGap();
    this.#nextAt = this.#pollNext(now);
  }

  #pollNext(now: number): number | null {
    return this.#o.gapPollSeconds > 0 ? now + this.#o.gapPollSeconds * 1000 : null;
  }

  #report(problems: readonly string[]): void {
    const now = new Set(problems);
    for (const p of now) if (!this.#reported.has(p)) this.#d.tracker.error('gap-fill', p);
    this.#reported = now;
  }

  /** The search's starting point: the gap's start minus the overlap, within recent search's 7 days. */
  #since(now: number): { since_id: string } | { start_time: string } {
    const overlap = this.#o.gapFillOverlapSeconds * 1000;
    const oldest = now - SEARCH_WINDOW_MS;
    const start = this.#d.cursor.gapStart();
    const tooOld = (t: number): { start_time: string } => {
      this.#d.tracker.error(
        'gap-fill',
        `the gap started ${new Date(t).toISOString()}, more than 7 days ago: X's recent search only covers 7 days, so posts before ${iso(oldest)} are missing`,
      );
      return { start_time: iso(oldest) };
    };
    if ('sinceId' in start) {
      const t = snowflakeTime(start.sinceId);
      if (t !== undefined && t - overlap < oldest) return tooOld(t);
      const id = idMinusMs(start.sinceId, overlap);
      return id === null ? { start_time: iso(oldest) } : { since_id: id };
    }
    const t = start.sinceTime - overlap;
    if (t < oldest) return tooOld(t);
    return { start_time: iso(Math.min(t, now - SEARCH_LATENCY_MS)) };
  }

  /** Runs one search of the open gap; `connected` says whether the stream is up (then it closes the gap). */
  async *run(connected: boolean, signal: AbortSignal): AsyncGenerator<SourceItem> {
    const { api, cursor, rules, items, tracker, clock } = this.#d;
    const { queries, problems } = searchQueries(rules.active(), this.#o.searchQueryMaxLength);
    this.#report(problems);
    if (queries.length === 0) {
      if (connected) cursor.closeGap(null, clock.now());
      this.#nextAt = connected ? null : this.#pollNext(clock.now());
      return;
    }
    const since = this.#since(clock.now());
    const { result, failure } = await searchRecent(api, queries, since, { pageSize: this.#o.searchPageSize, maxPages: this.#o.gapFillMaxPages }, signal);
    if (signal.aborted) return;
    for (const r of result.rejects) yield items.reject(r.reason, r.excerpt, cursor.checkpoint());
    const hits = result.hits.sort((a, b) => compareIds(a.id, b.id));
    for (const h of hits) {
      // After a failure the posts found do not cover the gap: the checkpoint stays at its start.
      const checkpoint = failure === null ? () => cursor.fillCheckpoint(h.id) : () => cursor.checkpoint();
      const out = items.fromText(h.record, 'recent search post', checkpoint);
      if (out.kind === 'item') yield out.item;
    }
    const now = clock.now();
    if (failure !== null) {
      if (failure.kind === 'aborted') return;
      tracker.error(errorKind(failure), `gap fill: ${failure.message}`);
      // A spent window (status 0, no request made) waits for its reset only; a 429 also backs off.
      const spent = failure.kind === 'rate-limit' && failure.status === 0;
      let delay = spent ? 1_000 : this.#backoff.next(backoffKind(failure));
      if (failure.kind === 'rate-limit' && failure.resetAt !== null) delay = Math.max(delay, Math.min(failure.resetAt - now, MAX_RATE_LIMIT_WAIT_MS));
      this.#nextAt = now + delay;
      return;
    }
    this.#backoff.reset();
    tracker.gapFilled();
    if (result.truncated.length > 0) {
      tracker.error(
        'gap-fill',
        `gap fill stopped after ${this.#o.gapFillMaxPages} pages for brand(s) ${result.truncated.map((t) => `"${t}"`).join(', ')}: ` +
          'the oldest posts of the gap were not read (raise gapFillMaxPages)',
      );
    }
    const newest = maxId(result.newestId, hits.at(-1)?.id ?? null);
    if (connected) {
      cursor.closeGap(newest, now);
      this.#nextAt = null;
    } else {
      cursor.advanceGap(newest);
      this.#nextAt = this.#pollNext(now);
    }
  }
}
