import type { Command } from 'commander';
import { SOURCE_KINDS } from '../../listen/live/live-source.ts';
import { buildLiveSource } from '../../listen/sources/manager.ts';
import { SOURCE_REGISTRY } from '../../listen/sources/registry.ts';
import { secretReader } from '../../listen/sources/secrets.ts';
import type { Brand } from '../../domain/brand.ts';
import type { Config } from '../../config/index.ts';
import { readConfig } from '../context.ts';
import { CliError } from '../errors.ts';
import type { GlobalOptions } from '../options.ts';
import { formatTable, printJson, printLine } from '../output.ts';
import { stopOnSignals } from '../signals.ts';

/** How long `vigie sources list` waits for a running `vigie serve` before saying "not running". */
const SERVER_TIMEOUT_MS = 2000;

/** The URL of the `vigie serve` of this configuration (a wildcard listen address is reached on loopback). */
export function serverUrl(config: Config): string {
  const h = config.http.host;
  const host = h === '0.0.0.0' || h === '::' || h === '' ? '127.0.0.1' : h.includes(':') ? `[${h}]` : h;
  return `http://${host}:${config.http.port}`;
}

interface PresentedSource {
  id: string;
  kind: string;
  enabled: boolean;
  run: string;
  lastError: { at: string | null; message: string } | null;
  status: {
    state: string;
    lastMessageAt: string | null;
    lastMentionAt: string | null;
    lagMs: number | null;
    errors: number;
    counts: { mentions: number };
    rateLimit: { remaining: number | null; resetAt: string | null } | null;
  } | null;
}

type ServerAnswer = { ok: true; status: number; body: unknown } | { ok: false; error: string };

async function askServer(config: Config, method: 'GET' | 'POST', path: string, timeoutMs: number | null): Promise<ServerAnswer> {
  const url = `${serverUrl(config)}${path}`;
  try {
    const res = await fetch(url, { method, ...(timeoutMs === null ? {} : { signal: AbortSignal.timeout(timeoutMs) }) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { ok: true, status: res.status, body };
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
    return { ok: false, error: `no running vigie serve at ${serverUrl(config)} (http.host and http.port of the configuration): ${cause}` };
  }
}

function errorOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const e = (body as { error: unknown }).error;
    if (typeof e === 'object' && e !== null && 'message' in e) return String((e as { message: unknown }).message);
  }
  return typeof body === 'string' ? body.slice(0, 300) : JSON.stringify(body).slice(0, 300);
}

function brandsOf(config: Config): Brand[] {
  const now = Date.now();
  return config.brands.map((b) => ({ ...b, workspaceId: config.workspace.id, createdAt: now }) as Brand);
}

function entryOf(config: Config, id: string) {
  const entry = config.sources.find((s) => s.id === id);
  if (entry === undefined) {
    const known = config.sources.map((s) => s.id);
    throw new CliError(`no source "${id}" in ${config.configFile ?? 'the configuration'}${known.length > 0 ? ` (configured: ${known.join(', ')})` : ' (its sources: list is empty; see docs/sources.md)'}`);
  }
  return entry;
}

async function list(config: Config, json: boolean): Promise<void> {
  const answer = await askServer(config, 'GET', '/api/sources', SERVER_TIMEOUT_MS);
  const running = answer.ok && answer.status === 200 && typeof answer.body === 'object' && answer.body !== null && Array.isArray((answer.body as { sources?: unknown }).sources);
  const live = new Map<string, PresentedSource>();
  if (running) for (const s of (answer.body as { sources: PresentedSource[] }).sources) live.set(s.id, s);
  const sources = config.sources.map((e) => {
    const s = live.get(e.id);
    return { id: e.id, kind: e.kind, enabled: e.enabled, run: s?.run ?? 'not running', lastError: s?.lastError ?? null, status: s?.status ?? null };
  });
  const server = { url: serverUrl(config), running };
  if (json) {
    printJson({ kinds: SOURCE_KINDS.map((kind) => ({ kind, available: SOURCE_REGISTRY[kind] !== undefined })), server, sources });
    return;
  }
  printLine(`Source kinds: ${SOURCE_KINDS.map((k) => (SOURCE_REGISTRY[k] === undefined ? `${k} (not in this build)` : k)).join(', ')}`);
  printLine(running ? `Statuses from vigie serve at ${server.url}.` : `No vigie serve answers at ${server.url}: every source is "not running".`);
  if (sources.length === 0) {
    printLine('No sources configured (add a sources: list to vigie.yaml; see docs/sources.md).');
    return;
  }
  printLine();
  printLine(
    formatTable(
      ['ID', 'KIND', 'ENABLED', 'RUN', 'STATE', 'LAST MESSAGE', 'MENTIONS', 'ERRORS', 'LAST ERROR'],
      sources.map((s) => [
        s.id, s.kind, s.enabled ? 'yes' : 'no', s.run, s.status?.state ?? '', s.status?.lastMessageAt ?? '',
        s.status === null ? '' : String(s.status.counts.mentions), s.status === null ? '' : String(s.status.errors), (s.lastError?.message ?? '').slice(0, 80),
      ]),
    ),
  );
}

async function testSource(config: Config, id: string, json: boolean, timeoutMs: number): Promise<void> {
  const entry = entryOf(config, id);
  let result: { ok: true; detail: string } | { ok: false; error: string };
  const stop = stopOnSignals();
  try {
    const source = buildLiveSource(entry, { secrets: secretReader(process.env, config.dataDir), brands: () => brandsOf(config) });
    const signal = AbortSignal.any([stop.signal, AbortSignal.timeout(timeoutMs)]);
    result = await Promise.race([
      source.test(signal),
      new Promise<{ ok: false; error: string }>((resolve) => signal.addEventListener('abort', () => resolve({ ok: false, error: `no answer within ${timeoutMs / 1000} s` }), { once: true })),
    ]);
  } catch (e) {
    result = { ok: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    stop.dispose();
  }
  if (json) printJson({ id, kind: entry.kind, ...result });
  else if (result.ok) printLine(`${id} (${entry.kind}): OK: ${result.detail}`);
  if (!result.ok) throw new CliError(`source ${id} (${entry.kind}): test failed: ${result.error}`, 1);
}

async function control(config: Config, id: string, action: 'start' | 'stop', json: boolean): Promise<void> {
  entryOf(config, id);
  const answer = await askServer(config, 'POST', `/api/sources/${encodeURIComponent(id)}/${action}`, null);
  if (!answer.ok) throw new CliError(`cannot ${action} source ${id}: ${answer.error}; sources run inside \`vigie serve\``, 1);
  if (answer.status !== 200) throw new CliError(`cannot ${action} source ${id}: ${errorOf(answer.body)}`, 1);
  if (json) printJson(answer.body);
  else {
    const s = answer.body as PresentedSource;
    printLine(`${id}: ${s.run}${s.lastError !== null && s.run !== 'running' && s.run !== 'stopped' ? ` (${s.lastError.message})` : ''}`);
  }
}

export function registerSources(program: Command, global: () => GlobalOptions): void {
  const sources = program.command('sources').description('Live sources (X, Bluesky, Mastodon, Reddit, RSS, webhooks): list, test, start, stop');
  sources
    .command('list')
    .description('The source kinds and each configured source with its status from the running vigie serve')
    .option('--json', 'one JSON document')
    .action(async (o: { json?: boolean }) => list(readConfig(global()), o.json === true));
  sources
    .command('test <id>')
    .description("Runs the source's connection test in this process (credentials, reachability); exit 1 on failure")
    .option('--json', 'one JSON document')
    .option('--timeout <seconds>', 'give up after this many seconds', '30')
    .action(async (id: string, o: { json?: boolean; timeout: string }) => {
      const t = Number(o.timeout);
      if (!Number.isFinite(t) || t <= 0) throw new CliError(`--timeout: expected a number of seconds greater than 0, got "${o.timeout}"`);
      await testSource(readConfig(global()), id, o.json === true, t * 1000);
    });
  for (const action of ['start', 'stop'] as const) {
    sources
      .command(`${action} <id>`)
      .description(`Asks the running vigie serve to ${action} a source${action === 'stop' ? ' (it stays stopped across restarts until started)' : ''}`)
      .option('--json', 'one JSON document')
      .action(async (id: string, o: { json?: boolean }) => control(readConfig(global()), id, action, o.json === true));
  }
}
