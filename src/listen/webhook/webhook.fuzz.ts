/**
 * Fuzz of the inbound webhook source: `count` corrupted bodies (corrupt() applied to valid bodies
 * of our own: one mention, a list, `{"mentions": [...]}`, a deletion, epoch-ms dates), each
 * correctly signed, POSTed through the REAL route (`/api/sources/<id>/webhook` of the real API on
 * a real HTTP server, keep-alive connections, several in flight) to the REAL source run by a real
 * SourceManager, whose run reads it. A valid marker body goes every tenth request and three at the
 * end; each marker's mention must come out of the source (the stream went on).
 *
 * A corrupted body is accepted when answered 202, rejected when answered 400 with a message AND a
 * reject with that same reason came out of the source; unexplained when a 400 has no message, its
 * reject never came (or came without a reason), or any other refusal (401, 413…); a crash when the
 * answer is a 5xx, the request failed or hung (no answer within 30 s), or the source's run failed.
 * A 429 (queue full) is sent again after a pause, as a sender would.
 *
 * Run: npm run fuzz -- webhook [--count 100000] [--seed 1]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWebhookSecret, signWebhook } from '../../alert/channels/webhook/standard-webhooks.ts';
import { createApp } from '../../api/app.ts';
import { startServer } from '../../api/server.ts';
import { workspaceId } from '../../domain/ids.ts';
import { createMetrics } from '../../observe/metrics.ts';
import { openStore } from '../../store/open.ts';
import { corrupt, seededRandom, type FuzzReport } from '../live/corrupt.ts';
import type { LiveSource } from '../live/live-source.ts';
import { SourceManager } from '../sources/manager.ts';
import type { SourceItem } from '../source.ts';

const SOURCE_ID = 'fuzz-hook';
const WS = workspaceId('fuzz');
const VALID_EVERY = 10;
const FINAL_VALID = 3;
const CONCURRENCY = 8;
const ANSWER_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 30_000;

function mentionOf(id: string, n: number): Record<string, unknown> {
  return {
    id,
    text: `Le pain du Fournil Kerbrat était brûlé ce matin (${n}) — « immangeable » 😬`,
    createdAt: '2026-06-03T07:12:00Z',
    url: `https://avis.example/kerbrat/${id}`,
    lang: 'fr',
    author: { id: `client-${n}`, handle: `client_${n}`, name: 'Léa B.', followers: 120, verified: false },
    engagement: { likes: 3, reposts: 0, replies: 1, quotes: 0, views: null },
    replyTo: null,
    quoteOf: null,
    repostOf: null,
    editedAt: null,
  };
}

/** The valid bodies corrupt() damages: every form a sender may use. */
const CORPUS: string[] = [
  JSON.stringify(mentionOf('avis-1', 1)),
  JSON.stringify([mentionOf('avis-2', 2), { id: 'avis-3', text: 'Kerbrat, toujours au top', createdAt: 1780470720000 }]),
  JSON.stringify({ mentions: [{ ...mentionOf('avis-4', 4), platform: 'rss', replyTo: 'avis-1', editedAt: '2026-06-03T07:20:00+02:00' }, mentionOf('avis-5', 5)] }),
  JSON.stringify({ id: 'avis-6', text: 'supprimé', createdAt: '2026-06-03T07:12:00Z', deleted: true }),
  JSON.stringify({ mentions: [{ id: 'avis-7', platform: 'x', text: 'RT Kerbrat', createdAt: 1780470720000, repostOf: 'avis-1', author: { handle: 'bot' } }] }),
];

/** Marker n: a valid body (of a form that cycles) carrying one mention with an id of its own. */
function marker(n: number): { id: string; body: string } {
  const m = mentionOf(`marker-${n}`, n);
  const body = n % 3 === 0 ? JSON.stringify(m) : n % 3 === 1 ? JSON.stringify([m]) : JSON.stringify({ mentions: [m] });
  return { id: `webhook:marker-${n}`, body };
}

/** A reason without its numbers and quoted values: one line per kind of reason. */
const normalise = (reason: string): string =>
  reason
    .replace(/\d+/g, 'N')
    .replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '…')
    .slice(0, 120);

interface Answer {
  status: number;
  message: string;
}

export async function fuzz(o: { count: number; seed: number }): Promise<FuzzReport> {
  const started = performance.now();
  const rnd = seededRandom(o.seed);
  const secret = generateWebhookSecret();
  const dir = mkdtempSync(join(tmpdir(), 'vigie-webhook-fuzz-'));
  const report: FuzzReport = { connector: 'webhook', payloads: o.count, accepted: 0, rejected: 0, unexplained: 0, crashes: 0, streamWentOn: false, sampleReasons: [], ms: 0 };

  // What came out of the source.
  /** Reasons answered with a 400 and not yet seen as a reject item (a count per reason; negative: a reject nobody was told about). */
  const pending = new Map<string, number>();
  let pendingTotal = 0;
  const markersSeen = new Set<string>();
  const reasons = new Map<string, number>();
  let reasonless = 0;
  const expect = (reason: string, d: number): void => {
    const n = (pending.get(reason) ?? 0) + d;
    if (n === 0) pending.delete(reason);
    else pending.set(reason, n);
    pendingTotal += d;
  };
  const onItem = (item: SourceItem): void => {
    if (item.kind === 'mention') {
      if (item.mention.id.startsWith('webhook:marker-')) markersSeen.add(item.mention.id);
    } else if (item.kind === 'reject') {
      const reason = item.reject.reason;
      if (reason.trim() === '') reasonless++;
      else {
        expect(reason, -1);
        const k = normalise(reason);
        reasons.set(k, (reasons.get(k) ?? 0) + 1);
      }
    }
  };
  const run = async (source: LiveSource, signal: AbortSignal): Promise<void> => {
    for await (const item of source.read({ from: null, signal })) onItem(item);
  };

  const store = await openStore({ sqlitePath: join(dir, 'vigie.db') });
  const manager = new SourceManager({
    entries: [{ id: SOURCE_ID, kind: 'webhook', enabled: true, settings: { secret: 'env:FUZZ_HOOK_SECRET' } }],
    store,
    workspaceId: WS,
    brands: () => [],
    secrets: { env: { FUZZ_HOOK_SECRET: secret }, key: () => Buffer.alloc(32) },
    run,
  });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    await store.upsertWorkspace({ id: WS, name: 'Fuzz', createdAt: Date.now() });
    await manager.startAll({ feedHealthTimer: false });
    server = await startServer(createApp({ store, workspaceId: WS, metrics: createMetrics({ defaults: false }), sources: manager }), { host: '127.0.0.1', port: 0 });
    const port = server.port;
    await until(() => manager.webhook(SOURCE_ID)?.status().state === 'connected', 10_000, 'the webhook source to be read');

    let requestNo = 0;
    const post = (body: Buffer): Promise<Answer> =>
      new Promise<Answer>((resolve, reject) => {
        const id = `msg_${requestNo++}`;
        const ts = Math.floor(Date.now() / 1000);
        const req = request(
          {
            agent, host: '127.0.0.1', port, method: 'POST', path: `/api/sources/${SOURCE_ID}/webhook`,
            headers: { 'content-type': 'application/json', 'content-length': body.byteLength, 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(secret, id, ts, body) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('error', reject);
            res.on('end', () => {
              let message = '';
              try {
                const j = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { message?: unknown } };
                if (typeof j.error?.message === 'string') message = j.error.message;
              } catch {
                // not JSON: no message
              }
              resolve({ status: res.statusCode ?? 0, message });
            });
          },
        );
        req.setTimeout(ANSWER_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS / 1000} s`)));
        req.on('error', reject);
        req.end(body);
      });
    /** Sends one body, again after a pause while the queue is full (429). */
    const send = async (body: Buffer): Promise<Answer> => {
      for (let attempt = 0; ; attempt++) {
        const a = await post(body);
        if (a.status !== 429 || attempt >= 200) return a;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    /** Sends a marker; false when it was not accepted (then the stream did not go on). */
    let markersSent = 0;
    let markersRefused = 0;
    const sendMarker = async (): Promise<void> => {
      const m = marker(markersSent++);
      const a = await send(Buffer.from(m.body)).catch(() => ({ status: 0, message: '' }));
      if (a.status !== 202) markersRefused++;
    };

    // The corrupted bodies are made in order (same seed, same bodies) by the workers as they go.
    let made = 0;
    let slot = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        if (made >= o.count) return;
        if (slot++ % VALID_EVERY === VALID_EVERY - 1) {
          await sendMarker();
          continue;
        }
        made++;
        const body = Buffer.from(corrupt(CORPUS[Math.floor(rnd() * CORPUS.length)]!, rnd));
        let a: Answer;
        try {
          a = await send(body);
        } catch {
          report.crashes++;
          continue;
        }
        if (a.status === 202 || a.status === 200) report.accepted++;
        else if (a.status >= 500 || a.status === 0) report.crashes++;
        else if (a.status === 400 && a.message.trim() !== '') {
          report.rejected++;
          expect(a.message, +1);
        } else report.unexplained++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
    for (let i = 0; i < FINAL_VALID; i++) await sendMarker();

    // Everything answered has reached the reader: every marker, every reject.
    await until(() => (markersSeen.size >= markersSent - markersRefused && pendingTotal <= 0) || manager.statusOf(SOURCE_ID).restarts > 0, DRAIN_TIMEOUT_MS, 'the source to hand on what it took').catch(() => undefined);
    let unrecorded = 0;
    for (const n of pending.values()) unrecorded += Math.abs(n);
    report.rejected -= Math.min(report.rejected, unrecorded);
    report.unexplained += unrecorded + reasonless;
    const st = manager.statusOf(SOURCE_ID);
    report.crashes += st.restarts + (st.run === 'running' ? 0 : 1);
    report.streamWentOn = markersRefused === 0 && markersSeen.size === markersSent && st.run === 'running';
  } finally {
    agent.destroy();
    await manager.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  // The most frequent reasons, one per family (same first words) first, so that rarer kinds show too.
  const sorted = [...reasons.entries()].sort((a, b) => b[1] - a[1]).map(([r]) => r);
  const families = new Set<string>();
  const firsts = sorted.filter((r) => {
    const f = r.slice(0, 20);
    if (families.has(f)) return false;
    families.add(f);
    return true;
  });
  report.sampleReasons = [...new Set([...firsts, ...sorted])].slice(0, 8);
  report.ms = Math.round(performance.now() - started);
  return report;
}

/** Polls `check` every 10 ms until it holds (at most `ms`). */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

if (import.meta.main) {
  const count = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 1);
  console.log(JSON.stringify(await fuzz({ count, seed }), null, 2));
}
