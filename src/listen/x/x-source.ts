/**
 * The X API v2 live source: the filtered stream, with rules kept equal to the brands' listening
 * queries (rules-sync.ts), read message by message (`\r\n`, keep-alives, splits across chunks),
 * reconnected on X's documented back-off (backoff.ts) after a drop, a stall, an in-stream
 * `operational-disconnect`, a 409 or a 429; each gap filled by recent search (gap-fill.ts);
 * duplicates dropped by post id within a bounded window. Rate-limit headers are read on every
 * answer and a spent window is waited out.
 */
import { systemLiveClock, type LiveClock, type LiveSource, type LiveSourceDeps, type SourceTestResult } from '../live/live-source.ts';
import { StatusTracker } from '../live/status-tracker.ts';
import type { SourceItem, SourceOptions } from '../source.ts';
import { XBackoff } from './backoff.ts';
import { parseCheckpoint, XCursor } from './cursor.ts';
import { POST_FIELDS, STREAM_PATH } from './fields.ts';
import { GapFill } from './gap-fill.ts';
import { MAX_RATE_LIMIT_WAIT_MS } from './rate-limit.ts';
import { RecentIds } from './recent-ids.ts';
import { readRules, RULES_PATH, StreamRules } from './rules-sync.ts';
import { CrlfSplitter } from './stream-lines.ts';
import { backoffKind, errorKind, XApi, type XFailure } from './x-api.ts';
import { XSourceConfigSchema, type XSourceConfig, type XSourceConfigInput } from './x-config.ts';
import { XItems } from './x-items.ts';

type StreamEnd = { kind: 'aborted' } | { kind: 'dropped'; error: string; message: string };

type ReadResult = { kind: 'chunk'; bytes: Uint8Array } | { kind: 'done' } | { kind: 'stall' } | { kind: 'error'; error: unknown };

/** One read of the body, given up after `ms` without bytes (a real timer: silence is real time). */
async function readOrStall(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number): Promise<ReadResult> {
  let timer: NodeJS.Timeout | undefined;
  const stall = new Promise<ReadResult>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'stall' }), ms);
  });
  const read = reader.read().then(
    (r): ReadResult => (r.done ? { kind: 'done' } : { kind: 'chunk', bytes: r.value }),
    (error: unknown): ReadResult => ({ kind: 'error', error }),
  );
  try {
    return await Promise.race([read, stall]);
  } finally {
    clearTimeout(timer);
  }
}

function describeError(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  return cause instanceof Error ? cause.message : String(cause);
}

/** Creates the X source; `config` may be the raw `sources:` entry (it is validated here). */
export function createXSource(config: XSourceConfig | XSourceConfigInput, deps: LiveSourceDeps): LiveSource {
  const parsed = XSourceConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(entry)'}: ${i.message}`).join('; ');
    throw new Error(`X source "${deps.id}" is misconfigured: ${issues}`);
  }
  const o = parsed.data;
  const clock: LiveClock = deps.clock ?? systemLiveClock;
  const tracker = new StatusTracker(deps.id, 'x', clock);
  const api = new XApi(o, clock, tracker);
  const rules = new StreamRules(api, o, deps.brands, tracker, clock);

  async function* read(options: SourceOptions = {}): AsyncGenerator<SourceItem> {
    const signal = options.signal ?? new AbortController().signal;
    const cursor = new XCursor(parseCheckpoint(options.from, deps.id), clock.now());
    const items = new XItems(deps.id, cursor, new RecentIds(o.dedupWindow), tracker, clock);
    const gap = new GapFill(o, { api, cursor, rules, items, tracker, clock });
    const backoff = new XBackoff();
    let opened = 0;

    /** Waits `ms` (backing off or rate-limited), running the gap's searches that fall due meanwhile. */
    async function* pause(ms: number): AsyncGenerator<SourceItem> {
      const until = clock.now() + ms;
      for (;;) {
        if (signal.aborted) return;
        if (gap.due(clock.now())) yield* gap.run(false, signal);
        const now = clock.now();
        if (now >= until) return;
        const next = gap.nextAt;
        await clock.sleep(next !== null && next < until ? Math.max(1, next - now) : until - now, signal);
      }
    }

    /** Records a failure and waits as X documents for its kind. */
    async function* failed(f: XFailure): AsyncGenerator<SourceItem> {
      if (f.kind === 'aborted') return;
      tracker.error(errorKind(f), f.message);
      const now = clock.now();
      // A spent window (status 0, no request made) waits for its reset only; a 429 also backs off.
      const spent = f.kind === 'rate-limit' && f.status === 0;
      let delay = spent ? 1_000 : backoff.next(backoffKind(f));
      if (f.kind === 'rate-limit' && f.resetAt !== null) delay = Math.max(delay, Math.min(f.resetAt - now, MAX_RATE_LIMIT_WAIT_MS));
      tracker.state(f.kind === 'auth' ? 'failed' : f.kind === 'rate-limit' ? 'rate-limited' : 'backing-off', now + delay);
      yield* pause(delay);
    }

    /** Reads one open connection until it ends. */
    async function* stream(body: ReadableStream<Uint8Array>): AsyncGenerator<SourceItem, StreamEnd> {
      const reader = body.getReader();
      const splitter = new CrlfSplitter();
      let healthy = false;
      for (;;) {
        if (gap.due(clock.now())) yield* gap.run(true, signal);
        if (rules.due()) {
          const r = await rules.sync(signal);
          if (!r.ok && r.failure.kind !== 'aborted') tracker.error(errorKind(r.failure), `rules sync: ${r.failure.message}`);
        }
        if (signal.aborted) return { kind: 'aborted' };
        const r = await readOrStall(reader, o.stallSeconds * 1000);
        if (signal.aborted) return { kind: 'aborted' };
        const lost = (): string => (splitter.pending > 0 ? ` (${splitter.pending} bytes of an unfinished message dropped; the gap fill recovers it)` : '');
        if (r.kind === 'stall') return { kind: 'dropped', error: 'stall', message: `the stream sent nothing for ${o.stallSeconds} s (X sends a keep-alive at least every 20 s): reconnecting${lost()}` };
        if (r.kind === 'done') return { kind: 'dropped', error: 'tcp', message: `X closed the stream${lost()}` };
        if (r.kind === 'error') return { kind: 'dropped', error: 'tcp', message: `the stream connection failed: ${describeError(r.error)}${lost()}` };
        tracker.received();
        if (!healthy) {
          // A connection that delivers bytes is a success: every back-off schedule starts again.
          healthy = true;
          backoff.reset();
        }
        for (const line of splitter.push(r.bytes)) {
          const out = items.fromLine(line);
          if (out.kind === 'item') yield out.item;
          else if (out.kind === 'disconnect') return { kind: 'dropped', error: 'operational-disconnect', message: out.message };
        }
      }
    }

    try {
      while (!signal.aborted) {
        const wait = api.waitFor('stream');
        if (wait.ms > 0) {
          tracker.state('rate-limited', wait.resetAt);
          yield* pause(wait.ms);
          continue;
        }
        if (rules.due()) {
          tracker.state('connecting');
          const synced = await rules.sync(signal);
          if (!synced.ok) {
            yield* failed(synced.failure);
            continue;
          }
          if (synced.value.rules === 0) {
            tracker.error('no-rules', 'no brand has a listening query that is an X stream rule, so X would refuse the stream (409): add a brand or a query');
            rules.markStale();
            tracker.state('backing-off', clock.now() + o.rulesSyncSeconds * 1000);
            yield* pause(o.rulesSyncSeconds * 1000);
            continue;
          }
        }
        tracker.state('connecting');
        const opening = await api.openStream(STREAM_PATH, POST_FIELDS, signal);
        if (!opening.ok) {
          if (opening.failure.kind === 'http' && opening.failure.status === 409) rules.markStale();
          yield* failed(opening.failure);
          continue;
        }
        tracker.state('connected');
        if (opened++ > 0) tracker.reconnected();
        gap.onConnected(clock.now());
        const { response, close } = opening.value;
        let end: StreamEnd;
        try {
          end = yield* stream(response.body!);
        } finally {
          close();
        }
        if (end.kind === 'aborted') break;
        tracker.error(end.error, end.message);
        gap.onDisconnected(clock.now());
        const delay = backoff.next('network');
        tracker.state('backing-off', clock.now() + delay);
        yield* pause(delay);
      }
    } finally {
      tracker.state('stopped');
    }
  }

  async function test(signal?: AbortSignal): Promise<SourceTestResult> {
    const got = await api.json('rules', 'GET', RULES_PATH, {}, undefined, signal ?? new AbortController().signal);
    if (!got.ok) return { ok: false, error: got.failure.message };
    const parsed = readRules(got.value);
    if (!parsed.ok) return { ok: false, error: `${api.baseUrl} answered, but not with X's stream rules: ${parsed.message} (check apiBaseUrl)` };
    const brandIds = new Set(deps.brands().map((b) => b.id));
    const ours = parsed.rules.filter((r) => brandIds.has(r.tag)).length;
    const n = parsed.rules.length;
    return {
      ok: true,
      detail: `X API reached at ${api.baseUrl}, the bearer token works: ${n} stream rule${n === 1 ? '' : 's'} (${ours} tagged with a brand id)`,
    };
  }

  return { id: deps.id, kind: 'x', read, status: () => tracker.snapshot(), test };
}
