/**
 * One connection kept open for as long as the source reads: a WebSocket carrying all of an
 * instance's streams, or an SSE connection for one stream. It reconnects on the schedule of
 * backoff.ts, and each time it (re)opens, fills the gap of each of its streams from the last
 * status yielded (or, for a stream that has yielded none, from when the previous connection
 * opened, or the channel started if none did), minus the safety margin; a fill still running when the connection opens again is
 * followed by one for the new gap. An instance whose token is refused, or that refuses the
 * stream (4xx), stops with a `failed` state and an error saying what to fix.
 */
import { Backoff, HEALTHY_AFTER_MS, type FailureKind } from './backoff.ts';
import type { ChannelState } from './channel-states.ts';
import { fillGaps, type GapToFill } from './gap-fill.ts';
import type { InstanceRuntime, OnOpened, ReadContext, SessionEnd } from './read-context.ts';
import { configPath, seconds } from './read-context.ts';
import { gapFillMinId, idAt } from './status-ids.ts';
import type { StreamSpec } from './streams.ts';

export type Session = (onOpened: OnOpened) => Promise<SessionEnd>;

const ERROR_KIND: Record<FailureKind, string> = { network: 'tcp', http: 'http-5xx', 'rate-limit': 'http-429' };

export async function runChannel(ctx: ReadContext, inst: InstanceRuntime, streams: readonly StreamSpec[], me: ChannelState, session: Session): Promise<void> {
  const label = streams.length === 1 && inst.transport === 'sse' ? `${inst.domain} ${streams[0]?.label}` : inst.domain;
  const backoff = new Backoff();
  const marginMs = ctx.config.gapFillMarginSeconds * 1000;
  const startedAt = ctx.clock.now();
  let previousOpenAt: number | null = null;
  let reconnecting = false;
  let filling: Promise<void> | null = null;

  const onOpened: OnOpened = async (openedAt) => {
    me.set('connected');
    if (reconnecting) ctx.tracker.reconnected();
    const previous = previousOpenAt;
    previousOpenAt = openedAt;
    const running = filling;
    const gaps: GapToFill[] = [];
    for (const stream of streams) {
      // With a fill still running (it covers up to its own last request, after `previous`), the
      // new gap starts when the connection that just dropped was opened.
      const committed = running === null ? ctx.state.committed(inst.domain, stream.key) : null;
      const base = committed ?? (previous === null ? null : idAt(previous));
      if (base !== null) gaps.push({ stream, minId: gapFillMinId(base, marginMs) });
    }
    if (gaps.length === 0) return;
    for (const g of gaps) await ctx.queue.push({ t: 'gap-start', instance: inst.domain, stream: g.stream.key });
    const fill: Promise<void> = (running ?? Promise.resolve())
      .then(() => fillGaps(ctx, inst, gaps))
      .catch((e: unknown) => void ctx.tracker.error('gap-fill', `${label}: gap fill failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        if (filling === fill) filling = null;
      });
    filling = fill;
  };

  try {
    while (!ctx.signal.aborted) {
      me.set('connecting');
      const end = await session(onOpened);
      if (ctx.signal.aborted) break;
      let kind: FailureKind;
      let resetAt: number | null = null;
      let what: string;
      if (end.opened) {
        if (end.delivered || ctx.clock.now() - end.openedAt >= HEALTHY_AFTER_MS) backoff.reset();
        kind = 'network';
        what = end.reason === 'stall' ? `stream stalled (${end.message})` : end.message;
      } else if (end.kind === 'auth' || end.kind === 'client') {
        const fix =
          end.kind === 'auth'
            ? `the token was refused: create a new one with the read:statuses scope and set it in ${configPath(ctx, inst)}.token`
            : `the server refused the stream: check the hashtags, transport and URLs of ${configPath(ctx, inst)}`;
        ctx.tracker.error(end.kind === 'auth' ? 'auth' : 'http-4xx', `${label}: ${end.message}; ${fix}`);
        me.set('failed');
        break;
      } else {
        kind = end.kind;
        resetAt = end.resetAt;
        what = `cannot connect (${end.message})`;
      }
      // Failing before ever opening: what is posted from now on is still wanted.
      previousOpenAt ??= startedAt;
      const delay = backoff.next(kind, ctx.clock.now(), resetAt);
      ctx.tracker.error(end.opened && end.reason === 'stall' ? 'stall' : ERROR_KIND[kind], `${label}: ${what}; reconnecting in ${seconds(delay)}`);
      me.set(kind === 'rate-limit' ? 'rate-limited' : 'backing-off', ctx.clock.now() + delay);
      await ctx.clock.sleep(delay, ctx.signal);
      reconnecting = true;
    }
  } finally {
    await filling;
  }
}
