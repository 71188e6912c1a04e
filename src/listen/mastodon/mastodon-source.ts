/**
 * The Mastodon live connector: the hashtag (and optionally public) streams of one or more
 * instances, over WebSocket or SSE, as one LiveSource. Each connection reconnects and fills its
 * gaps by itself (channel.ts); every event goes through one queue to read(), which parses it,
 * de-duplicates it by global uri (and edit time) and keeps the checkpoint (read-state.ts).
 *
 * Checkpoint: `{"v":1,"streams":{"<domain>":{"<stream key>":"<last status id>"}}}`.
 */
import type { LiveSource, LiveSourceDeps } from '../live/live-source.ts';
import { systemLiveClock } from '../live/live-source.ts';
import { StatusTracker } from '../live/status-tracker.ts';
import type { SourceItem, SourceOptions } from '../source.ts';
import { runChannel } from './channel.ts';
import { ChannelStates } from './channel-states.ts';
import { testInstances } from './connection-test.ts';
import { EntryQueue } from './entry-queue.ts';
import { MastodonSourceConfigSchema, type MastodonSourceConfig, type MastodonSourceConfigInput } from './mastodon-config.ts';
import { configPath, instanceRuntime, type InstanceRuntime, type ReadContext } from './read-context.ts';
import { parseCheckpoint, ReadState, type Entry } from './read-state.ts';
import { sseSession } from './sse-session.ts';
import { instanceStreams, type StreamSpec } from './streams.ts';
import { wsSession } from './ws-session.ts';

/** Entries queued before an SSE channel waits for read() to catch up. */
const QUEUE_HIGH_WATER = 1_000;

/** The configuration checked against the schema, or an error naming each problem and where it is. */
export function parseMastodonSourceConfig(config: MastodonSourceConfigInput, sourceId: string): MastodonSourceConfig {
  const r = MastodonSourceConfigSchema.safeParse(config);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `sources.${sourceId}${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`);
  throw new Error(`invalid Mastodon source configuration: ${problems.join('; ')}`);
}

export function createMastodonSource(config: MastodonSourceConfigInput, deps: LiveSourceDeps): LiveSource {
  const cfg = parseMastodonSourceConfig(config, deps.id);
  const clock = deps.clock ?? systemLiveClock;
  const tracker = new StatusTracker(deps.id, 'mastodon', clock);
  const runtimes = cfg.instances.map((c, i) => instanceRuntime(c, i + 1));
  const plan = (): Array<{ inst: InstanceRuntime; streams: StreamSpec[]; dropped: string[] }> => {
    const brands = deps.brands();
    return cfg.instances.map((c, i) => ({ inst: runtimes[i] as InstanceRuntime, ...instanceStreams(c, brands, cfg.maxHashtags) }));
  };

  async function* read(options: SourceOptions = {}): AsyncGenerator<SourceItem> {
    const outer = options.signal;
    if (outer?.aborted) return;
    const ac = new AbortController();
    const queue = new EntryQueue<Entry>(QUEUE_HIGH_WATER);
    const stop = (): void => {
      ac.abort();
      queue.close();
    };
    outer?.addEventListener('abort', stop, { once: true });
    let from: Map<string, Map<string, string>> | null = null;
    if (options.from !== undefined && options.from !== null) {
      const p = parseCheckpoint(options.from);
      if (p.ok) from = p.streams;
      else tracker.error('checkpoint', `${p.error}; starting without it, so what was posted since the last run is not filled in`);
    }
    const state = new ReadState(deps.id, tracker, from);
    const ctx: ReadContext = { sourceId: deps.id, config: cfg, clock, tracker, queue, state, signal: ac.signal };
    const states = new ChannelStates(tracker);
    const tasks: Array<Promise<void>> = [];
    for (const { inst, streams, dropped } of plan()) {
      if (dropped.length > 0) {
        tracker.error('config', `${inst.domain}: more than ${cfg.maxHashtags} hashtags (maxHashtags); not streamed: ${dropped.slice(0, 20).join(', ')}`);
      }
      if (streams.length === 0) {
        tracker.error('config', `${inst.domain}: nothing to stream; add hashtags to ${configPath(ctx, inst)}.hashtags, give the brands a name or #tags, or set publicStream`);
        continue;
      }
      const channels =
        inst.transport === 'websocket'
          ? [{ streams, session: wsSession.bind(null, ctx, inst, streams) }]
          : streams.map((s) => ({ streams: [s], session: sseSession.bind(null, ctx, inst, s) }));
      for (const ch of channels) {
        tasks.push(
          runChannel(ctx, inst, ch.streams, states.add(), ch.session).catch(
            (e: unknown) => void tracker.error('internal', `${inst.domain}: connection loop ended unexpectedly: ${e instanceof Error ? e.message : String(e)}`),
          ),
        );
      }
    }
    if (tasks.length === 0) tracker.state('failed');
    // When every connection has given up (refused tokens), read() ends once the queue is drained.
    const allDone = Promise.all(tasks).then(() => queue.close(true));
    try {
      for (;;) {
        const entry = await queue.next();
        if (entry === null) break;
        let item: SourceItem | null;
        try {
          item = state.apply(entry);
        } catch (e) {
          // A parser bug must not stop the source: the entry becomes a reject and the error is shown.
          const message = e instanceof Error ? e.message : String(e);
          tracker.error('internal', `${entry.instance}: an event could not be read: ${message}`);
          item = state.failed(entry, `internal error while reading the event: ${message}`);
        }
        if (item !== null) yield item;
      }
    } finally {
      outer?.removeEventListener('abort', stop);
      stop();
      await allDone;
      if (tracker.snapshot().state !== 'failed') tracker.state('stopped');
    }
  }

  return {
    id: deps.id,
    kind: 'mastodon',
    read,
    status: () => tracker.snapshot(),
    test: (signal) =>
      testInstances(
        plan().map(({ inst, streams }) => ({ inst, streams, path: configPath({ sourceId: deps.id }, inst) })),
        cfg.requestTimeoutSeconds * 1000,
        signal,
      ),
  };
}
