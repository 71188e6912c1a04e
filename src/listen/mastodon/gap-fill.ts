/**
 * Fills the gap a disconnection left in a stream from its timeline:
 * `GET /api/v1/timelines/tag/:tag?min_id=<start>&limit=40` (or the public timeline) gives the 40
 * statuses just after `start`, newest first; the `Link` header's `rel="prev"` URL carries the
 * `min_id` of the next, newer page; an empty page ends the walk. Statuses are queued oldest first.
 * Rate limits are respected (a request waits while none remain, a 429 waits for the reset), 5xx
 * and network failures are retried on the back-off schedule (5 times), and a fill that cannot
 * finish says so in the errors.
 */
import { Backoff } from './backoff.ts';
import type { InstanceRuntime, ReadContext } from './read-context.ts';
import { configPath, seconds } from './read-context.ts';
import { parseLinkHeader, restGet } from './rest.ts';
import { compareIds, isCursorId } from './status-ids.ts';
import type { StreamSpec } from './streams.ts';

export const PAGE_LIMIT = 40;
const MAX_RETRIES = 5;

export interface GapToFill {
  stream: StreamSpec;
  /** The `min_id` of the first request. */
  minId: string;
}

/** Waits until the instance's rate limit resets when no request remains; false when stopped. */
export async function waitForRateLimit(ctx: ReadContext, inst: InstanceRuntime): Promise<boolean> {
  const r = inst.rate;
  const now = ctx.clock.now();
  if (r === null || r.remaining === null || r.remaining > 0 || r.resetAt === null || r.resetAt <= now) return !ctx.signal.aborted;
  await ctx.clock.sleep(Math.min(3_600_000, r.resetAt - now), ctx.signal);
  inst.rate = null;
  return !ctx.signal.aborted;
}

function pageUrl(inst: InstanceRuntime, stream: StreamSpec, minId: string): string {
  const q = new URLSearchParams({ ...stream.timelineQuery, min_id: minId, limit: String(PAGE_LIMIT) });
  return `${inst.restBase}${stream.timelinePath}?${q.toString()}`;
}

/** The `min_id` of the `rel="prev"` link (the next newer page), if any. */
function nextMinId(link: string | null): string | null {
  const prev = parseLinkHeader(link).get('prev');
  if (prev === undefined) return null;
  try {
    const id = new URL(prev, 'http://x').searchParams.get('min_id');
    return id !== null && isCursorId(id) ? id : null;
  } catch {
    return null;
  }
}

/** Fills one stream's gap; resolves when done, given up, or stopped (then without its gap-end marker). */
async function fillStream(ctx: ReadContext, inst: InstanceRuntime, gap: GapToFill): Promise<void> {
  const where = `${inst.domain} ${gap.stream.label}`;
  const backoff = new Backoff();
  let minId = gap.minId;
  let pages = 0;
  let retries = 0;
  const giveUp = (why: string): void => void ctx.tracker.error('gap-fill', `${where}: gap fill stopped (${why}); statuses posted while the stream was down may be missing`);
  for (;;) {
    if (!(await waitForRateLimit(ctx, inst))) return;
    const r = await restGet(pageUrl(inst, gap.stream, minId), inst.token, ctx.config.requestTimeoutSeconds * 1000, ctx.signal);
    if (ctx.signal.aborted) return;
    if (r.rateLimit !== null) {
      inst.rate = r.rateLimit;
      ctx.tracker.rateLimit(r.rateLimit);
    }
    if (!r.ok) {
      if (r.kind === 'auth' || r.kind === 'client') {
        const fix = r.kind === 'auth' ? `; renew the token of ${configPath(ctx, inst)}` : '';
        giveUp(`${r.message}${fix}`);
        break;
      }
      if (r.kind !== 'rate-limit' && ++retries > MAX_RETRIES) {
        giveUp(`${r.message}, ${MAX_RETRIES} retries`);
        break;
      }
      const delay = backoff.next(r.kind === 'rate-limit' ? 'rate-limit' : r.kind, ctx.clock.now(), r.rateLimit?.resetAt ?? null);
      ctx.tracker.error(r.kind === 'rate-limit' ? 'http-429' : r.kind === 'http' ? 'http-5xx' : 'tcp', `${where}: gap fill request failed (${r.message}); retrying in ${seconds(delay)}`);
      await ctx.clock.sleep(delay, ctx.signal);
      continue;
    }
    retries = 0;
    let page: unknown;
    try {
      page = JSON.parse(r.body);
    } catch {
      page = undefined;
    }
    if (!Array.isArray(page)) {
      await ctx.queue.push({ t: 'reject', instance: inst.domain, reason: `${where}: timeline page is not a JSON array of statuses`, excerpt: r.body });
      giveUp('the timeline answer is not a JSON array');
      break;
    }
    if (page.length === 0) break;
    const receivedAt = ctx.clock.now();
    let newest: string | null = null;
    for (let i = page.length - 1; i >= 0; i--) {
      const status: unknown = page[i];
      const id = typeof status === 'object' && status !== null ? (status as { id?: unknown }).id : undefined;
      if (typeof id === 'string' && isCursorId(id) && (newest === null || compareIds(id, newest) > 0)) newest = id;
      await ctx.queue.push({ t: 'event', instance: inst.domain, stream: gap.stream.key, event: 'update', data: JSON.stringify(status) ?? 'undefined', receivedAt });
    }
    if (++pages >= ctx.config.gapFillMaxPages) {
      ctx.tracker.error('gap-fill', `${where}: the gap is larger than ${pages} pages of ${PAGE_LIMIT}; the newest statuses of the gap may be missing`);
      break;
    }
    const next = nextMinId(r.headers.get('link')) ?? (page.length >= PAGE_LIMIT ? newest : null);
    if (next === null || next === minId) break;
    minId = next;
  }
  await ctx.queue.push({ t: 'gap-end', instance: inst.domain, stream: gap.stream.key });
}

/** Fills each stream's gap in turn (their gap-start markers are already queued). */
export async function fillGaps(ctx: ReadContext, inst: InstanceRuntime, gaps: readonly GapToFill[]): Promise<void> {
  for (const gap of gaps) {
    if (ctx.signal.aborted) return;
    await fillStream(ctx, inst, gap);
  }
  if (!ctx.signal.aborted) ctx.tracker.gapFilled();
}
