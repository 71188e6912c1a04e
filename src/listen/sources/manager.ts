/**
 * Runs the configured live sources of one workspace (`vigie serve`): each enabled source is built
 * (its secrets decrypted in memory), run through the pipeline from its stored checkpoint, and
 * restarted with back-off when its run fails. `stop(id)` is remembered in the store (checkpoint
 * key STOPPED_SOURCES_KEY, a JSON list of ids: source ids are slugs, so the key cannot clash) so
 * that a restarted `vigie serve` keeps it stopped until `start(id)`.
 *
 * Each running source also feeds a feed-health detector (src/detect/feed-health.ts) with its
 * mentions per minute: "listening went quiet" per source, in its status.
 */
import type { Brand } from '../../domain/brand.ts';
import type { WorkspaceId } from '../../domain/ids.ts';
import { FeedHealthDetector, type FeedHealthState } from '../../detect/feed-health.ts';
import { silentLogger, type Logger } from '../../observe/logger.ts';
import type { Store } from '../../store/store.ts';
import { systemLiveClock, type LiveClock, type LiveSource, type LiveSourceDeps, type SourceKind, type SourceStatus, type SourceTestResult } from '../live/live-source.ts';
import type { WebhookSource } from '../webhook/webhook-source.ts';
import { SOURCE_REGISTRY } from './registry.ts';
import { revealSecrets, type SecretReader } from './secrets.ts';
import type { SourceEntry } from './sources-config.ts';

export const STOPPED_SOURCES_KEY = 'vigie:stopped-sources';
const MINUTE = 60_000;

/**
 * - `running`: its pipeline run is going (the connector's own state says whether it is connected);
 * - `restarting`: its run failed, the next attempt is at `nextRestartAt`;
 * - `stopped`: stopped by a person (kept across restarts); `disabled`: `enabled: false` in vigie.yaml;
 * - `failed`: it cannot be built (a secret that cannot be read, a bad setting): fix and restart.
 */
export type RunState = 'running' | 'restarting' | 'stopped' | 'disabled' | 'failed';

export interface ManagedSourceStatus {
  id: string;
  kind: SourceKind;
  enabled: boolean;
  run: RunState;
  /** The connector's status; null while it has never been built. */
  source: SourceStatus | null;
  /** The last failure of its run (pipeline or connector) or of its start. */
  lastError: { at: number; message: string } | null;
  /** Runs restarted after a failure since this process started. */
  restarts: number;
  nextRestartAt: number | null;
  /** Whether listening went quiet on this source (null until a minute of it was judged). */
  feedHealth: Pick<FeedHealthState, 'quiet' | 'score' | 'expected' | 'observed' | 'silentForMs' | 'warmedUp'> | null;
}

export interface SourceManagerDeps {
  entries: readonly SourceEntry[];
  store: Pick<Store, 'getCheckpoint' | 'setCheckpoint'>;
  workspaceId: WorkspaceId;
  /** The workspace's brands as they are now (connectors read them again at each rules sync or search). */
  brands: () => readonly Brand[];
  secrets: SecretReader;
  /** Runs one source through the pipeline, resuming from its stored checkpoint, until `signal` aborts (then flushes and returns). */
  run: (source: LiveSource, signal: AbortSignal) => Promise<unknown>;
  clock?: LiveClock;
  logger?: Logger;
  /** Waits before restarting a failed run: doubling from initialMs up to maxMs (default 1 s … 5 min). */
  restart?: { initialMs: number; maxMs: number };
}

/** An unknown id or a refused action; `code` maps to the API's error codes. */
export class SourceManagerError extends Error {
  readonly code: 'not_found' | 'conflict';
  constructor(code: 'not_found' | 'conflict', message: string) {
    super(message);
    this.name = 'SourceManagerError';
    this.code = code;
  }
}

interface Managed {
  entry: SourceEntry;
  run: RunState;
  source: LiveSource | null;
  ctrl: AbortController | null;
  loop: Promise<void> | null;
  lastError: { at: number; message: string } | null;
  restarts: number;
  nextRestartAt: number | null;
  feed: FeedHealthDetector;
  feedState: FeedHealthState | null;
  feedMentions: number;
  feedMinute: number | null;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * One configured source, built: its secrets decrypted (in memory only) and handed to its kind's
 * factory. Throws a SecretError or Error naming the source and the key when it cannot be.
 */
export function buildLiveSource(entry: SourceEntry, o: { secrets: SecretReader; brands: () => readonly Brand[]; clock?: LiveClock }): LiveSource {
  const kind = SOURCE_REGISTRY[entry.kind];
  if (kind === undefined) throw new Error(`source "${entry.id}": the ${entry.kind} connector is not part of this build`);
  const settings = revealSecrets(entry.settings, kind.secrets, o.secrets, (path) => `source "${entry.id}" (${path})`);
  const deps: LiveSourceDeps = { id: entry.id, brands: o.brands, ...(o.clock === undefined ? {} : { clock: o.clock }) };
  return kind.create(settings, deps);
}

export class SourceManager {
  readonly #d: SourceManagerDeps;
  readonly #clock: LiveClock;
  readonly #log: Logger;
  readonly #sources = new Map<string, Managed>();
  #stopped = new Set<string>();
  #timer: NodeJS.Timeout | null = null;

  constructor(deps: SourceManagerDeps) {
    this.#d = deps;
    this.#clock = deps.clock ?? systemLiveClock;
    this.#log = deps.logger ?? silentLogger;
    for (const entry of deps.entries) {
      this.#sources.set(entry.id, {
        entry, run: entry.enabled ? 'stopped' : 'disabled', source: null, ctrl: null, loop: null, lastError: null, restarts: 0, nextRestartAt: null,
        feed: new FeedHealthDetector({ bucketMs: MINUTE }), feedState: null, feedMentions: 0, feedMinute: null,
      });
    }
  }

  /** Starts every enabled source that was not stopped by a person; `feedHealthTimer` ticks feed health each minute. */
  async startAll(o: { feedHealthTimer?: boolean } = {}): Promise<void> {
    this.#stopped = await this.#readStopped();
    for (const m of this.#sources.values()) {
      if (m.entry.enabled && !this.#stopped.has(m.entry.id)) this.#launch(m);
    }
    if (o.feedHealthTimer !== false && this.#timer === null) {
      this.#timer = setInterval(() => this.tickFeedHealth(), MINUTE);
      this.#timer.unref();
    }
  }

  async start(id: string): Promise<ManagedSourceStatus> {
    const m = this.#get(id);
    if (!m.entry.enabled) throw new SourceManagerError('conflict', `source "${id}" is disabled in the configuration (enabled: false); set enabled: true and restart vigie serve`);
    if (this.#stopped.delete(id)) await this.#writeStopped();
    if (m.loop === null) this.#launch(m);
    return this.#statusOf(m);
  }

  /** Stops a source (flushing what it read) and remembers it stopped. */
  async stop(id: string): Promise<ManagedSourceStatus> {
    const m = this.#get(id);
    if (!this.#stopped.has(id)) {
      this.#stopped.add(id);
      await this.#writeStopped();
    }
    await this.#halt(m);
    if (m.entry.enabled) m.run = 'stopped';
    return this.#statusOf(m);
  }

  /** Checks credentials and reachability (builds a separate instance: a running one is left alone). */
  async test(id: string, signal?: AbortSignal): Promise<SourceTestResult> {
    const m = this.#get(id);
    let source: LiveSource;
    try {
      source = this.#build(m.entry);
    } catch (e) {
      return { ok: false, error: message(e) };
    }
    try {
      return await source.test(signal);
    } catch (e) {
      return { ok: false, error: `the test failed unexpectedly: ${message(e)}` };
    }
  }

  status(): ManagedSourceStatus[] {
    return [...this.#sources.values()].map((m) => this.#statusOf(m));
  }

  statusOf(id: string): ManagedSourceStatus {
    return this.#statusOf(this.#get(id));
  }

  /** The running webhook source with this id, or null (unknown, not a webhook, or not running). */
  webhook(id: string): WebhookSource | null {
    const m = this.#sources.get(id);
    if (m === undefined || m.entry.kind !== 'webhook' || m.run !== 'running' || m.source === null) return null;
    return m.source as WebhookSource;
  }

  has(id: string): boolean {
    return this.#sources.has(id);
  }

  /** Feeds each running source's mentions of the minute just ended to its feed-health detector. */
  tickFeedHealth(now = this.#clock.now()): void {
    const minute = Math.floor(now / MINUTE) * MINUTE - MINUTE;
    for (const m of this.#sources.values()) {
      if (m.source === null || m.run !== 'running') continue;
      const total = m.source.status().counts.mentions;
      if (m.feedMinute !== null && minute > m.feedMinute) {
        try {
          m.feedState = m.feed.update(minute, Math.max(0, total - m.feedMentions));
        } catch {
          // a clock that went back: skip this minute
        }
      }
      m.feedMinute = Math.max(m.feedMinute ?? minute, minute);
      m.feedMentions = total;
    }
  }

  /** Stops every source (flushing what is in flight) without remembering them stopped: `vigie serve` shutting down. */
  async close(): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    await Promise.all([...this.#sources.values()].map((m) => this.#halt(m)));
  }

  #get(id: string): Managed {
    const m = this.#sources.get(id);
    if (m === undefined) {
      const known = [...this.#sources.keys()];
      throw new SourceManagerError('not_found', `no source "${id}" in the configuration${known.length > 0 ? ` (configured: ${known.join(', ')})` : ' (its sources: list is empty)'}`);
    }
    return m;
  }

  #build(entry: SourceEntry): LiveSource {
    return buildLiveSource(entry, { secrets: this.#d.secrets, brands: this.#d.brands, clock: this.#clock });
  }

  #launch(m: Managed): void {
    try {
      m.source = this.#build(m.entry);
    } catch (e) {
      m.run = 'failed';
      m.lastError = { at: this.#clock.now(), message: message(e) };
      this.#log.error({ source: m.entry.id, kind: m.entry.kind }, `source ${m.entry.id} cannot start: ${message(e)}`);
      return;
    }
    const ctrl = new AbortController();
    m.ctrl = ctrl;
    m.run = 'running';
    m.nextRestartAt = null;
    m.feedMinute = null;
    this.#log.info({ source: m.entry.id, kind: m.entry.kind }, `source ${m.entry.id} started`);
    m.loop = this.#loop(m, m.source, ctrl.signal);
  }

  async #loop(m: Managed, source: LiveSource, signal: AbortSignal): Promise<void> {
    const { initialMs, maxMs } = this.#d.restart ?? { initialMs: 1000, maxMs: 300_000 };
    let delay = initialMs;
    while (!signal.aborted) {
      const began = this.#clock.now();
      m.run = 'running';
      m.nextRestartAt = null;
      try {
        await this.#d.run(source, signal);
        if (signal.aborted) break;
        m.lastError = { at: this.#clock.now(), message: 'the source stopped reading by itself; restarting it' };
      } catch (e) {
        if (signal.aborted) break;
        m.lastError = { at: this.#clock.now(), message: message(e) };
      }
      // A run that went on for a while before failing starts the back-off afresh.
      if (this.#clock.now() - began > maxMs) delay = initialMs;
      m.restarts++;
      m.run = 'restarting';
      m.nextRestartAt = this.#clock.now() + delay;
      this.#log.warn({ source: m.entry.id, restartInMs: delay }, `source ${m.entry.id} failed: ${m.lastError.message}; restarting in ${Math.round(delay / 1000)} s`);
      await this.#clock.sleep(delay, signal);
      delay = Math.min(maxMs, delay * 2);
    }
  }

  async #halt(m: Managed): Promise<void> {
    m.ctrl?.abort();
    const loop = m.loop;
    m.ctrl = null;
    m.loop = null;
    m.nextRestartAt = null;
    if (loop !== null) await loop;
    if (m.run === 'running' || m.run === 'restarting') m.run = 'stopped';
  }

  #statusOf(m: Managed): ManagedSourceStatus {
    const f = m.feedState;
    return {
      id: m.entry.id,
      kind: m.entry.kind,
      enabled: m.entry.enabled,
      run: m.run,
      source: m.source?.status() ?? null,
      lastError: m.lastError === null ? null : { ...m.lastError },
      restarts: m.restarts,
      nextRestartAt: m.nextRestartAt,
      feedHealth: f === null ? null : { quiet: f.quiet, score: f.score, expected: f.expected, observed: f.observed, silentForMs: f.silentForMs, warmedUp: f.warmedUp },
    };
  }

  async #readStopped(): Promise<Set<string>> {
    const raw = await this.#d.store.getCheckpoint(this.#d.workspaceId, STOPPED_SOURCES_KEY);
    if (raw === null) return new Set();
    try {
      const v: unknown = JSON.parse(raw);
      return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    } catch {
      this.#log.warn({ key: STOPPED_SOURCES_KEY }, 'the list of stopped sources is unreadable; every enabled source starts');
      return new Set();
    }
  }

  async #writeStopped(): Promise<void> {
    await this.#d.store.setCheckpoint(this.#d.workspaceId, STOPPED_SOURCES_KEY, JSON.stringify([...this.#stopped].sort()));
  }
}
