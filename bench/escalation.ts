// The escalation benchmark: N alerts (default 10,000) escalating at once through a 3-step policy
// (notify the primary on-call, wait 1 min, notify the secondary on-call, wait 2 min, notify the
// lead), driven by the engine's `runLoop` with real timers (setTimeout) over a real store (a fresh
// SQLite file, removed after, or PostgreSQL: DATABASE_URL, or --store postgres for a throwaway
// cluster). Every page goes through the real webhook channel (HTTP POST signed per Standard
// Webhooks) to a local HTTP receiver running in a worker thread, so receiving does not steal the
// engine's event loop.
//
// Time: policy waits are whole minutes (the policy schema), so the engine's clock runs `--speed`
// times faster than real time (default 30: the 1 and 2 minute waits last 2 s and 4 s); `--speed 1`
// is plain real time (a 3-minute run). Creating N alerts takes a while, so they are all created at
// one engine instant S and the loop's clock then starts at S: all N first steps fall due at once.
// Every figure is in real milliseconds.
//
// Measured: for each step, lateness = the real time it ran (the engine's 'step' event) − its due
// time; for each page, the real time the receiver got it − its step's due time. Steps/s (and
// deliveries/s) = steps run / the real time during which steps were due and not all run yet (the
// union over the 3 steps of [due, last one run]), i.e. the engine's throughput while catching up.
// With --json the last line is
// {"alerts":N,"latenessP99Ms":x,"stepsPerSec":y,"latenessP50Ms":…,"latenessMaxMs":…,"deliveriesPerSec":…,"pageLatenessP99Ms":…,"peakRssMb":…,"store":"sqlite","complete":true}
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { WorkspaceId } from '../src/domain/ids.ts';
import type { Signal } from '../src/domain/signal.ts';
import { createWebhookChannel } from '../src/alert/channels/webhook/webhook-channel.ts';
import { generateWebhookSecret } from '../src/alert/channels/webhook/standard-webhooks.ts';
import { ChannelRegistry } from '../src/alert/delivery/registry.ts';
import { validateUser, type User } from '../src/alert/delivery/user.ts';
import { AlertEngine, type EngineEvent } from '../src/alert/engine/engine.ts';
import type { EngineConfig } from '../src/alert/engine/config.ts';
import { runLoop } from '../src/alert/engine/loop.ts';
import { parseSchedule } from '../src/alert/oncall/schedule.ts';
import { planSteps, scheduleActions } from '../src/alert/policy/plan.ts';
import { validateAlerting } from '../src/alert/policy/validate.ts';
import { AlertOptionsSchema } from '../src/alert/state/options.ts';
import { openStore } from '../src/store/open.ts';
import { startTestCluster } from '../src/store/postgres/test-cluster.ts';

const WS = 'bench' as WorkspaceId;
const STEPS = 3;
/** The policy: the pages of step k go to user `p${k + 1}` (primary, secondary, lead). */
const POLICY_STEPS = [
  { kind: 'notify', targets: [{ schedule: 'primary' }] },
  { kind: 'wait', minutes: 1 },
  { kind: 'notify', targets: [{ schedule: 'secondary' }] },
  { kind: 'wait', minutes: 2 },
  { kind: 'notify', targets: [{ user: 'p3' }] },
];

export interface EscalationBenchResult {
  alerts: number;
  latenessP99Ms: number;
  stepsPerSec: number;
  latenessP50Ms: number;
  latenessMaxMs: number;
  deliveriesPerSec: number;
  pageLatenessP50Ms: number;
  pageLatenessP99Ms: number;
  peakRssMb: number;
  store: 'sqlite' | 'postgres';
  /** Every step ran and every page arrived before the deadline. */
  complete: boolean;
}

// ---- the receiver (a worker thread: an HTTP server that notes when each page arrives) ---------

const RECEIVER = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const times = { p1: [], p2: [], p3: [] };
let bad = 0;
const server = http.createServer((req, res) => {
  let size = 0;
  req.on('data', (c) => { size += c.length; });
  req.on('end', () => {
    const at = Date.now();
    const who = (req.url || '').slice(1);
    if (req.method === 'POST' && times[who] !== undefined && size > 0 && req.headers['webhook-signature']) times[who].push(at);
    else bad++;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => {
  if (m === 'count') parentPort.postMessage({ count: times.p1.length + times.p2.length + times.p3.length, bad });
  if (m === 'report') server.close(() => parentPort.postMessage({ times, bad }));
});
`;

interface Receiver {
  url: string;
  count(): Promise<{ count: number; bad: number }>;
  /** Stops the server; the arrival times (epoch ms) of the pages of each step's user, and requests that were not a signed page. */
  finish(): Promise<{ times: Record<string, number[]>; bad: number }>;
}

async function startReceiver(): Promise<Receiver> {
  const worker = new Worker(RECEIVER, { eval: true });
  const next = <T>(): Promise<T> =>
    new Promise((resolve, reject) => {
      const fail = (e: Error): void => reject(e);
      worker.once('error', fail);
      worker.once('message', (m: T) => {
        worker.off('error', fail);
        resolve(m);
      });
    });
  const { port } = await next<{ port: number }>();
  return {
    url: `http://127.0.0.1:${port}`,
    count: async () => {
      const p = next<{ count: number; bad: number }>();
      worker.postMessage('count');
      return p;
    },
    finish: async () => {
      const p = next<{ times: Record<string, number[]>; bad: number }>();
      worker.postMessage('report');
      const r = await p;
      await worker.terminate();
      return r;
    },
  };
}

// ---- the workspace ------------------------------------------------------------------------------

function benchConfig(receiverUrl: string, secret: string): EngineConfig {
  const users: User[] = ['p1', 'p2', 'p3'].map((id) => {
    const r = validateUser({
      id, name: id, lang: 'en', timeZone: 'Europe/Paris',
      contacts: [{ id: 'hook', channel: 'webhook', target: { url: `${receiverUrl}/${id}`, secret } }],
      rules: { default: [{ notify: 'hook' }], important: [{ notify: 'hook' }] },
    });
    if (!r.ok) throw new Error(`bench user ${id}: ${JSON.stringify(r.problems)}`);
    return r.user;
  });
  const schedule = (id: string, who: string) =>
    parseSchedule(
      { id, name: id, timeZone: 'Europe/Paris', layers: [{ id: 'l', participants: [who], start: '2025-01-06T09:00', rotation: { length: '1 week' } }] },
      ['p1', 'p2', 'p3'],
    );
  const v = validateAlerting({
    users: ['p1', 'p2', 'p3'], schedules: ['primary', 'secondary'], channels: [],
    teams: [{ id: 'ops', name: 'Ops', members: ['p1', 'p2', 'p3'], defaultPolicy: 'three-steps' }],
    policies: [{ id: 'three-steps', name: 'Three steps', steps: POLICY_STEPS }],
    routing: { default: { team: 'ops' } },
  });
  if (!v.ok) throw new Error(`bench policy: ${JSON.stringify(v.problems)}`);
  return {
    alerting: v.config,
    users,
    schedules: [schedule('primary', 'p1'), schedule('secondary', 'p2')],
    channels: {},
    options: AlertOptionsSchema.parse({}),
  };
}

function benchSignal(i: number, at: number): Signal {
  // One brand per alert: the default grouping (brand + kind) makes each signal its own alert.
  return {
    id: `sig-${i}`, workspaceId: WS, brandId: `brand-${i}`, kind: 'negative_volume', status: 'open', startedAt: at, updatedAt: at,
    endedAt: null, bucketMs: 60_000, score: 0.9, severity: 'SEV2',
    factors: [{ name: 'anomaly', value: 8, points: 3, detail: 'negative mentions 8× the usual level' }],
    observed: 40, expected: 5, summary: 'Negative mentions 8× the usual level', evidence: null, drill: false,
  };
}

// ---- figures ------------------------------------------------------------------------------------

/** The q-quantile (nearest rank) of sorted values; NaN when empty. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Total length of the union of intervals [a, b]. */
export function unionLength(intervals: readonly (readonly [number, number])[]): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [a, b] of sorted) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

// ---- the run ------------------------------------------------------------------------------------

export async function run(options: {
  alerts: number;
  store: 'sqlite' | 'postgres';
  speed: number;
  intervalMs: number;
  batch?: number;
  /** Progress lines (stderr). */
  log?: (line: string) => void;
}): Promise<EscalationBenchResult> {
  const { alerts, speed, intervalMs } = options;
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-escalation-'));
  const cluster = options.store === 'postgres' && !process.env.DATABASE_URL ? await startTestCluster() : null;
  if (options.store === 'postgres' && !process.env.DATABASE_URL && cluster === null)
    throw new Error('no PostgreSQL: set DATABASE_URL or install PostgreSQL (apt-get install postgresql)');
  const url = options.store === 'postgres' ? (process.env.DATABASE_URL ?? cluster!.url) : null;
  const store = await openStore({ databaseUrl: url, sqlitePath: join(dir, 'bench.db') });
  const receiver = await startReceiver();
  const ac = new AbortController();
  try {
    const config = benchConfig(receiver.url, generateWebhookSecret());
    // The engine instant S at which every escalation starts, and the due time of each step.
    const S = Date.now();
    const plan = scheduleActions(planSteps(config.alerting.policies[0]!), S).filter((s) => s.action.kind === 'notify');
    if (plan.length !== STEPS) throw new Error(`bench policy: expected ${STEPS} notify steps, the plan has ${plan.length}`);
    // Real time r0 is engine time S; before it (while alerts are created) the clock stays at S.
    let r0 = Number.POSITIVE_INFINITY;
    const clock = (): number => (Date.now() < r0 ? S : S + (Date.now() - r0) * speed);
    /** The real time (epoch ms) an engine instant falls at. */
    const realAt = (engineAt: number): number => r0 + (engineAt - S) / speed;

    const lateness: number[][] = plan.map(() => []);
    const lastRun: number[] = plan.map(() => Number.NEGATIVE_INFINITY);
    const problems = new Map<string, number>();
    let firstProblem = '';
    let stepsRun = 0;
    const onEvent = (e: EngineEvent): void => {
      if (e.type === 'step') {
        const m = /^step (\d+) /.exec(e.detail);
        const seq = m === null ? -1 : Number(m[1]) - 1;
        const k = plan.findIndex((s) => s.seq === seq);
        if (k < 0) {
          problems.set('unexpected step', (problems.get('unexpected step') ?? 0) + 1);
          if (firstProblem === '') firstProblem = `unexpected step event: ${e.detail}`;
          return;
        }
        const at = Date.now();
        lateness[k]!.push(at - realAt(plan[k]!.at));
        lastRun[k] = Math.max(lastRun[k]!, at);
        stepsRun++;
      } else if (e.type === 'nobody' || e.type === 'error' || e.type === 'retry' || e.type === 'dead' || e.type === 'unrouted' || e.type === 'skipped') {
        problems.set(e.type, (problems.get(e.type) ?? 0) + 1);
        if (firstProblem === '') firstProblem = `${e.type}: ${e.detail}`;
      }
    };
    const engine = new AlertEngine({
      store, workspaceId: WS, config: () => config, clock,
      registry: new ChannelRegistry({ webhook: createWebhookChannel({ timeoutMs: 10_000 }) }),
      baseUrl: 'https://vigie.example', ackSecret: 'a-bench-ack-secret-of-32-chars!!',
      // Leases and back-off are engine times: keep them at their real-time defaults.
      leaseMs: 60_000 * speed,
      retry: { maxAttempts: 5, baseMs: 1000 * speed, maxMs: 30_000 * speed, jitter: 'equal' },
      failedTimerDelayMs: 30_000 * speed,
      ...(options.batch === undefined ? {} : { batch: options.batch }),
      onEvent,
    });

    const c0 = performance.now();
    for (let i = 0; i < alerts; i++) {
      const applied = await engine.onSignal(benchSignal(i, S));
      if (applied.page !== 'new') throw new Error(`bench: signal ${i} did not page a new alert (${applied.page}: ${applied.reason})`);
    }
    const createSec = (performance.now() - c0) / 1000;
    log(`created ${alerts.toLocaleString('en')} alerts in ${createSec.toFixed(1)} s (${Math.round(alerts / createSec).toLocaleString('en')}/s); escalating now`);

    // All first steps fall due now; run the loop with real timers until every page has arrived.
    r0 = Date.now() + 50;
    const cpu0 = process.cpuUsage();
    // Where the loop's time goes: passes of each loop that found work, and their total duration.
    const passes = { run: { n: 0, ms: 0, timers: 0 }, deliver: { n: 0, ms: 0, claimed: 0 } };
    const loop = runLoop(engine, {
      intervalMs, signal: ac.signal,
      onError: (e) => log(`loop pass failed: ${e instanceof Error ? e.message : String(e)}`),
      onPass: (p, ms) => {
        if ('run' in p && p.run.timers > 0) Object.assign(passes.run, { n: passes.run.n + 1, ms: passes.run.ms + ms, timers: passes.run.timers + p.run.timers });
        if ('deliver' in p && p.deliver.claimed > 0) Object.assign(passes.deliver, { n: passes.deliver.n + 1, ms: passes.deliver.ms + ms, claimed: passes.deliver.claimed + p.deliver.claimed });
      },
    });
    const lastDueReal = realAt(plan[STEPS - 1]!.at);
    // A generous deadline: the last due time plus 10 s per 1,000 alerts (at least 60 s).
    const deadline = lastDueReal + Math.max(60_000, alerts * 10);
    let received = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      received = (await receiver.count()).count;
      if (stepsRun >= alerts * STEPS && received >= alerts * STEPS) break;
    }
    ac.abort();
    await loop;
    const cpu = process.cpuUsage(cpu0);
    const got = await receiver.finish();
    const complete = stepsRun === alerts * STEPS && received === alerts * STEPS;
    const wallSec = (Date.now() - r0) / 1000;

    // Figures.
    const all = Float64Array.from(lateness.flat()).sort();
    const busySteps = unionLength(plan.map((s, k) => [realAt(s.at), lastRun[k]!] as const));
    const pageLate: number[] = [];
    const lastPage: number[] = [];
    plan.forEach((s, k) => {
      const due = realAt(s.at);
      const times = got.times[`p${k + 1}`] ?? [];
      for (const t of times) pageLate.push(t - due);
      lastPage.push(times.reduce((a, b) => Math.max(a, b), due));
    });
    const pages = Float64Array.from(pageLate).sort();
    const busyPages = unionLength(plan.map((s, k) => [realAt(s.at), lastPage[k]!] as const));
    const result: EscalationBenchResult = {
      alerts,
      latenessP99Ms: round1(quantile(all, 0.99)),
      stepsPerSec: busySteps > 0 ? Math.round(stepsRun / (busySteps / 1000)) : 0,
      latenessP50Ms: round1(quantile(all, 0.5)),
      latenessMaxMs: round1(quantile(all, 1)),
      deliveriesPerSec: busyPages > 0 ? Math.round(pageLate.length / (busyPages / 1000)) : 0,
      pageLatenessP50Ms: round1(quantile(pages, 0.5)),
      pageLatenessP99Ms: round1(quantile(pages, 0.99)),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      store: options.store,
      complete,
    };
    for (const [k, s] of plan.entries()) {
      const l = Float64Array.from(lateness[k]!).sort();
      log(
        `step ${k + 1} (due at +${((s.at - S) / speed / 1000).toFixed(1)} s): ran ${l.length.toLocaleString('en')}, lateness p50 ${round1(quantile(l, 0.5))} ms, ` +
          `p99 ${round1(quantile(l, 0.99))} ms, max ${round1(quantile(l, 1))} ms; pages received ${(got.times[`p${k + 1}`] ?? []).length.toLocaleString('en')}`,
      );
    }
    log(`run: ${wallSec.toFixed(1)} s real, engine process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
    log(`timer passes: ${passes.run.n} (${Math.round(passes.run.ms)} ms in all, ${passes.run.timers} timers); delivery passes: ${passes.deliver.n} (${Math.round(passes.deliver.ms)} ms in all, ${passes.deliver.claimed} deliveries)`);
    if (got.bad > 0) log(`the receiver got ${got.bad} requests that were not signed pages`);
    for (const [type, n] of problems) log(`${n} '${type}' engine events (first: ${firstProblem})`);
    if (!complete) log(`INCOMPLETE: ${stepsRun} of ${alerts * STEPS} steps ran and ${received} of ${alerts * STEPS} pages arrived before the deadline`);
    return result;
  } finally {
    ac.abort();
    await store.close();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function positiveInt(name: string, raw: string | undefined, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max} (got ${JSON.stringify(raw)})`);
  return n;
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      alerts: { type: 'string', default: '10000' },
      json: { type: 'boolean', default: false },
      store: { type: 'string' },
      speed: { type: 'string', default: '30' },
      interval: { type: 'string', default: '100' },
      batch: { type: 'string' },
    },
  });
  const alerts = positiveInt('alerts', values.alerts, 1_000_000);
  const speed = positiveInt('speed', values.speed, 600);
  const intervalMs = positiveInt('interval', values.interval, 60_000);
  const batch = values.batch === undefined ? undefined : positiveInt('batch', values.batch, 1000);
  const store = values.store ?? (process.env.DATABASE_URL ? 'postgres' : 'sqlite');
  if (store !== 'sqlite' && store !== 'postgres') throw new Error(`--store must be sqlite or postgres (got ${JSON.stringify(store)})`);
  const log = (line: string): void => console.error(`  ${line}`);
  const r = await run({ alerts, store, speed, intervalMs, log, ...(batch === undefined ? {} : { batch }) });
  console.log(
    `${store}: ${alerts.toLocaleString('en')} alerts × ${STEPS} steps, clock ×${speed}, loop every ${intervalMs} ms\n` +
      `  step lateness p50 ${r.latenessP50Ms} ms, p99 ${r.latenessP99Ms} ms, max ${r.latenessMaxMs} ms (target p99 ≤ 1000 ms: ${r.latenessP99Ms <= 1000 ? 'met' : 'MISSED'})\n` +
      `  page lateness (received − due) p50 ${r.pageLatenessP50Ms} ms, p99 ${r.pageLatenessP99Ms} ms\n` +
      `  ${r.stepsPerSec.toLocaleString('en')} steps/s, ${r.deliveriesPerSec.toLocaleString('en')} deliveries/s, peak RSS ${r.peakRssMb} MB${r.complete ? '' : ', INCOMPLETE'}`,
  );
  if (values.json) console.log(JSON.stringify(r));
  if (!r.complete) process.exitCode = 1;
}
