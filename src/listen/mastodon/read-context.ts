/** What the Mastodon connector's channels, sessions and gap fills share during one read(). */
import type { LiveClock, RateLimitState } from '../live/live-source.ts';
import type { StatusTracker } from '../live/status-tracker.ts';
import type { EntryQueue } from './entry-queue.ts';
import type { MastodonInstanceConfig, MastodonSourceConfig } from './mastodon-config.ts';
import { instanceDomain } from './mastodon-config.ts';
import type { Entry, ReadState } from './read-state.ts';
import type { RestFailureKind } from './rest.ts';

export interface InstanceRuntime {
  /** 1-based position in `instances`, for messages that tell where to fix the configuration. */
  position: number;
  domain: string;
  restBase: string;
  streamBase: string;
  token: string;
  transport: MastodonInstanceConfig['transport'];
  /** The last rate-limit headers of this instance's REST API (requests wait when none remain). */
  rate: RateLimitState | null;
}

export interface ReadContext {
  sourceId: string;
  config: MastodonSourceConfig;
  clock: LiveClock;
  tracker: StatusTracker;
  queue: EntryQueue<Entry>;
  state: ReadState;
  /** Aborted when read() ends. */
  signal: AbortSignal;
}

/** How one connection attempt ended. */
export type SessionEnd =
  | { opened: false; kind: RestFailureKind; message: string; resetAt: number | null }
  | { opened: true; reason: 'eof' | 'drop' | 'stall' | 'closed' | 'aborted'; message: string; delivered: boolean; openedAt: number };

/** Called once a connection is open, before its events are read (gap-start markers go first). */
export type OnOpened = (openedAt: number) => Promise<void>;

function trimSlash(u: string): string {
  return u.replace(/\/+$/, '');
}

export function instanceRuntime(inst: MastodonInstanceConfig, position: number): InstanceRuntime {
  return {
    position,
    domain: instanceDomain(inst),
    restBase: trimSlash(inst.baseUrl),
    streamBase: trimSlash(inst.streamingUrl ?? inst.baseUrl),
    token: inst.token,
    transport: inst.transport,
    rate: null,
  };
}

/** `sources.<id>.instances[<n>]`, to say where a fix goes. */
export function configPath(ctx: Pick<ReadContext, 'sourceId'>, inst: Pick<InstanceRuntime, 'position'>): string {
  return `sources.${ctx.sourceId}.instances[${inst.position - 1}]`;
}

export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}
