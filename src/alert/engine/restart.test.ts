/**
 * The escalation engine survives a SIGKILL: the real `vigie serve` (bin/vigie.js → src/cli/main.ts)
 * runs as a child process on a SQLite file in a temp dir, paging a real local webhook receiver that
 * verifies each Standard Webhooks signature. The child runs on a fast virtual clock (×SPEED, see
 * test-fast-clock.ts, given with `node --import`) whose origin is passed by environment variables,
 * so a restarted child continues the SAME virtual timeline.
 *
 * The alerts are created the way production creates them from a signal: the test process opens the
 * same SQLite file and hands signals to the AlertEngine built by setupAlerting (what `vigie serve`
 * and every ingestion use), on the same virtual clock, then closes it. (There is no HTTP endpoint
 * that takes a signal, and `vigie import` would need mentions that make the detectors fire, which
 * ties the test to the detectors and the models instead of the escalation engine.)
 *
 * Policy: notify u1, wait W, notify u2, wait W, notify u3 (W whole minutes). Each user has one
 * webhook contact whose URL names them (`?to=u1`), so the receiver knows the step of every page.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, test, type TestContext } from 'node:test';
import { verifyWebhook } from '../channels/webhook/standard-webhooks.ts';
import { reply, startReceiver, type TestReceiver } from '../channels/webhook/test-receiver.ts';
import { setupAlerting } from '../setup.ts';
import { TEST_WEBHOOK_SECRET } from '../test-alerting-file.ts';
import type { AlertingSettings } from '../../config/schema.ts';
import { DEFAULT_WORKSPACE } from '../../domain/ids.ts';
import type { Signal } from '../../domain/signal.ts';
import { VIGIE_BIN } from '../../cli/run-cli.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { createFastClock, fastClockEnv, realNow, type FastClock } from './test-fast-clock.ts';

const WS = DEFAULT_WORKSPACE;
/** Virtual ms per real ms: one virtual minute lasts 2 real seconds. */
const SPEED = 30;
/** alerting.intervalMs of the child (real ms). */
const INTERVAL_MS = 100;
/** Allowed lateness beyond the loop interval (real ms): one pass, a slow shared machine. */
const MARGIN_MS = 1_500;
/** The engine's default claim lease (virtual ms): a killed worker's claims come back after it. */
const LEASE_MS = 60_000;
const ACK_SECRET = 'restart-test-ack-secret-0123456789';
const PRELOAD = new URL('./test-fast-clock.ts', import.meta.url).href;
const STEPS = ['u1', 'u2', 'u3'] as const;

/** One page received by the test's webhook receiver. */
interface Page {
  /** Real arrival time (epoch ms). */
  at: number;
  /** The user paged: the step (u1 = step 1 …). */
  to: string;
  /** `webhook-id`: the delivery's idempotency key. */
  id: string;
  alertId: string;
}

interface Child {
  proc: ChildProcess;
  stderr: () => string;
  /** Real time (epoch ms) its API was up, null until then. */
  readyAt: () => number | null;
  exited: Promise<void>;
}

interface Harness {
  dir: string;
  db: string;
  clock: FastClock;
  /** The policy's wait between steps, virtual ms. */
  waitMs: number;
  receiver: TestReceiver;
  pages: Page[];
  /** Requests whose signature or shape was wrong (should stay empty). */
  bad: string[];
  /** The alerts `raise` created, with the virtual start of their escalation. */
  alerts: { id: string; startedAt: number }[];
  /** Creates one alert per brand (from a signal), escalating from virtual now. */
  raise(): Promise<void>;
  env: NodeJS.ProcessEnv;
  start(): Child;
}

const children = new Set<ChildProcess>();
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const f of cleanups.reverse()) await f();
});

function alertingYaml(hookUrl: string, waitMin: number): string {
  const user = (id: string) => `  - id: ${id}
    name: User ${id}
    lang: en
    timeZone: Europe/Paris
    contacts:
      - id: ${id}-hook
        channel: webhook
        target: { url: "${hookUrl}?to=${id}", secret: "${TEST_WEBHOOK_SECRET}" }
    rules:
      default: [{ notify: ${id}-hook }]
      important: [{ notify: ${id}-hook }]
`;
  return `users:
${STEPS.map(user).join('')}teams:
  - id: comms
    name: Communication
    members: [${STEPS.join(', ')}]
    defaultPolicy: climb
policies:
  - id: climb
    name: Climb the chain
    steps:
      - { kind: notify, targets: [{ user: u1 }] }
      - { kind: wait, minutes: ${waitMin} }
      - { kind: notify, targets: [{ user: u2 }] }
      - { kind: wait, minutes: ${waitMin} }
      - { kind: notify, targets: [{ user: u3 }] }
routing:
  default: { team: comms }
`;
}

function signal(brandId: string, now: number): Signal {
  return {
    id: `sig-${brandId}`, workspaceId: WS, brandId, kind: 'negative_volume', status: 'open', startedAt: now, updatedAt: now, endedAt: null,
    bucketMs: 60_000, score: 0.9, severity: 'SEV2', factors: [], observed: 40, expected: 5, summary: 'Negative mentions 8× the usual level',
    evidence: null, drill: false,
  };
}

/** A temp dir with vigie.yaml and the alerting file (policy waits of `waitMin`), a receiver, and `brands` brands. */
async function harness(brands: number, waitMin: number): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-restart-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'vigie.db');
  const t0 = realNow();
  const clock = createFastClock({ originVirtualMs: t0, originRealMs: t0, speed: SPEED });
  const pages: Page[] = [];
  const bad: string[] = [];
  const receiver = await startReceiver((req, res) => {
    const at = realNow();
    const v = verifyWebhook(TEST_WEBHOOK_SECRET, req.headers, req.body, { now: clock.now() });
    const to = new URL(req.path, 'http://x').searchParams.get('to') ?? '';
    let alertId = '';
    try {
      alertId = (JSON.parse(req.body) as { data: { alertId: string } }).data.alertId;
    } catch {
      // recorded as bad below
    }
    if (!v.ok || alertId === '' || !(STEPS as readonly string[]).includes(to)) bad.push(`${req.path}: ${v.ok ? 'no alertId or unknown user' : v.error}`);
    else pages.push({ at, to, id: v.id, alertId });
    reply(res, 200, 'ok');
  });
  cleanups.push(() => receiver.close());

  writeFileSync(join(dir, 'alerting.yaml'), alertingYaml(receiver.url, waitMin));
  writeFileSync(join(dir, 'vigie.yaml'), `store:
  sqlitePath: ${JSON.stringify(db)}
http:
  host: 127.0.0.1
log:
  level: warn
alerting:
  enabled: true
  file: alerting.yaml
  baseUrl: http://vigie.test
  ackSecret: ${ACK_SECRET}
  intervalMs: ${INTERVAL_MS}
`);

  const brandId = (i: number) => `b${String(i).padStart(3, '0')}`;
  const settings: AlertingSettings = {
    enabled: true, file: join(dir, 'alerting.yaml'), baseUrl: 'http://vigie.test', ackSecret: ACK_SECRET, intervalMs: INTERVAL_MS,
    smtp: { host: null, port: 587, secure: false, user: null, password: null, from: null },
    sms: { baseUrl: 'https://api.twilio.com', accountSid: null, authToken: null, from: null },
  };
  const store = new SqliteStore(db);
  try {
    await store.migrate();
    await store.upsertWorkspace({ id: WS, name: 'Default', createdAt: clock.now() });
    for (let i = 0; i < brands; i++) await store.createBrand(WS, { id: brandId(i), name: `Brand ${i}` }, clock.now());
  } finally {
    await store.close();
  }

  // The alerts: one signal per brand handed, in this process and on the same virtual clock, to the
  // engine setupAlerting builds (as an ingestion next to a running `vigie serve` does).
  const alerts: { id: string; startedAt: number }[] = [];
  const raise = async (): Promise<void> => {
    const store = new SqliteStore(db);
    try {
      const a = await setupAlerting({ store, workspaceId: WS, settings, cwd: dir, clock: clock.now });
      try {
        for (let i = 0; i < brands; i++) {
          const applied = await a.engine.onSignal(signal(brandId(i), clock.now()));
          const esc = await store.getEscalation(WS, applied.alert.id);
          assert.ok(esc !== null, `alert ${applied.alert.id} did not start escalating (check the routing of the test's alerting file)`);
          alerts.push({ id: applied.alert.id, startedAt: esc.startedAt });
        }
      } finally {
        a.close();
      }
    } finally {
      await store.close();
    }
  };

  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('VIGIE_') && k !== 'DATABASE_URL') env[k] = v;
  Object.assign(env, fastClockEnv(clock));

  const start = (): Child => {
    const proc = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', '--import', PRELOAD, VIGIE_BIN, '--config', join(dir, 'vigie.yaml'), 'serve', '--port', '0'],
      { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    children.add(proc);
    let stderr = '';
    let readyAt: number | null = null;
    proc.stderr?.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (readyAt === null && stderr.includes('Vigie API on')) readyAt = realNow();
    });
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    return { proc, stderr: () => stderr, readyAt: () => readyAt, exited };
  };
  return { dir, db, clock, waitMs: waitMin * 60_000, receiver, pages, bad, alerts, raise, env, start };
}

/** Polls `cond` every `everyMs` until it holds; fails after `timeoutMs` (real) saying what was awaited. */
async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs: number, child?: Child, everyMs = 20): Promise<void> {
  const end = realNow() + timeoutMs;
  while (!(await cond())) {
    if (child !== undefined && (child.proc.exitCode !== null || child.proc.signalCode !== null))
      assert.fail(`vigie serve exited (${child.proc.exitCode ?? child.proc.signalCode}) while waiting for ${what}; its stderr:\n${child.stderr()}`);
    if (realNow() > end) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}${child ? `; vigie stderr:\n${child.stderr()}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function kill(child: Child, signal: NodeJS.Signals): Promise<void> {
  if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill(signal);
  await child.exited;
  children.delete(child.proc);
}

/** Stops a child gracefully (SIGTERM), by force if it does not stop within 5 s. */
async function stop(child: Child): Promise<void> {
  const force = setTimeout(() => child.proc.kill('SIGKILL'), 5_000);
  await kill(child, 'SIGTERM');
  clearTimeout(force);
}

const ids = (pages: readonly Page[]) => new Set(pages.map((p) => p.id));

test('SIGKILL while step 2 is pending: after a restart step 2 and step 3 fire exactly once and on time, step 1 is not re-sent', async (t) => {
  // Waits of 3 virtual minutes: 6 real seconds, room for a kill and a slow restart before step 2.
  const h = await harness(1, 3);
  // First run: up before the alert exists, so the timeline starts when it does (however slow the start).
  const a = h.start();
  await waitFor('vigie serve to start', () => a.readyAt() !== null, 20_000, a);
  await h.raise();
  const [alert] = h.alerts;
  assert.ok(alert !== undefined);
  const due = STEPS.map((_, k) => alert.startedAt + k * h.waitMs);
  const realDue = due.map((d) => h.clock.realAt(d));
  const of = (to: string) => h.pages.filter((p) => p.to === to);

  await waitFor('the page of step 1', () => of('u1').length > 0, INTERVAL_MS + MARGIN_MS + 5_000, a);
  const step1 = of('u1')[0] as Page;
  // Mid-escalation: step 1 recorded as sent, the escalation at step 2, whose timer waits unclaimed.
  const store = new SqliteStore(h.db);
  cleanups.push(() => store.close().catch(() => undefined));
  await waitFor('step 1 to be recorded and step 2 to be pending', async () => {
    const d = await store.getDelivery(WS, step1.id);
    const esc = await store.getEscalation(WS, alert.id);
    const timers = await store.listTimers(WS, alert.id);
    return d?.status === 'sent' && esc?.step === 1 && timers.some((x) => x.kind === 'escalation-step' && x.dueAt === due[1] && x.claimedBy === null);
  }, 10_000, a);
  const killedAt = realNow();
  await kill(a, 'SIGKILL');
  assert.ok(killedAt < (realDue[1] as number), `the kill came ${killedAt - (realDue[1] as number)} ms after step 2 was due: not mid-escalation (machine too slow?)`);
  assert.equal(h.pages.length, 1, 'the first run sent only step 1');

  // Second run, on the same virtual timeline.
  const b = h.start();
  await waitFor('the page of step 2', () => of('u2').length > 0, realDue[1] as number - realNow() + INTERVAL_MS + MARGIN_MS + 5_000, b);
  await waitFor('the page of step 3', () => of('u3').length > 0, realDue[2] as number - realNow() + INTERVAL_MS + MARGIN_MS + 5_000, b);
  // A further while (more than a claim lease, in virtual time): nothing else may come.
  await new Promise((r) => setTimeout(r, (LEASE_MS / SPEED) + 1_000));

  const late = STEPS.map((to, k) => (of(to)[0] as Page).at - (realDue[k] as number));
  const upAt = b.readyAt() ?? Infinity;
  t.diagnostic(`restarted child up ${upAt - killedAt} ms after the kill, ${(realDue[1] as number) - upAt} ms before step 2 was due`);
  t.diagnostic(`lateness (real ms): step 1 ${late[0]}, step 2 ${late[1]}, step 3 ${late[2]}`);
  assert.deepEqual(h.bad, [], 'every request carries a valid Standard Webhooks signature');
  assert.deepEqual(STEPS.map((to) => of(to).length), [1, 1, 1], 'each step paged exactly once (raw request count)');
  assert.equal(ids(h.pages).size, 3, 'three distinct webhook-ids');
  assert.ok(h.pages.every((p) => p.alertId === alert.id));
  assert.ok(upAt < (realDue[1] as number), `the restarted child was up only ${upAt - (realDue[1] as number)} ms after step 2 was due (machine too slow): lateness cannot be judged`);
  for (const k of [0, 1, 2]) {
    const l = late[k] as number;
    assert.ok(l >= 0, `step ${k + 1} came ${-l} ms (real) before it was due`);
    assert.ok(l <= INTERVAL_MS + MARGIN_MS, `step ${k + 1} came ${l} ms (real) late; allowed ${INTERVAL_MS + MARGIN_MS} ms. vigie stderr:\n${b.stderr()}`);
  }
  const esc = await store.getEscalation(WS, alert.id);
  assert.equal(esc?.step, 3, 'the escalation went through its three steps');
  assert.deepEqual((await store.listTimers(WS, alert.id)).filter((x) => x.kind === 'escalation-step'), [], 'no escalation timer is left');
  for (const p of h.pages) assert.equal((await store.getDelivery(WS, p.id))?.status, 'sent');
  await stop(b);
});

/**
 * 200 alerts due at once; the first run is killed at `killPoint`, a second run finishes the work.
 * Every step of every alert must arrive (at least once) with one webhook-id per step; a re-send
 * (same webhook-id) may only be of a page the first run sent, and only once.
 */
async function burst(t: TestContext, killPoint: { what: string; reached: (h: Harness, db: DatabaseSync) => boolean }): Promise<void> {
  const N = 200;
  // Waits of 1 virtual minute (2 real seconds): nothing here is judged on time.
  const h = await harness(N, 1);
  await h.raise(); // all due at once when the first run starts
  const started = new Set(h.alerts.map((a) => a.startedAt));
  assert.equal(h.alerts.length, N);
  const lastDue = Math.max(...started) + (STEPS.length - 1) * h.waitMs;

  const db = new DatabaseSync(h.db, { readOnly: true, timeout: 5_000 });
  cleanups.push(async () => db.close());
  const a = h.start();
  await waitFor(killPoint.what, () => killPoint.reached(h, db), 20_000, a, 2);
  await kill(a, 'SIGKILL');
  const killedAt = realNow();
  const atKill = countRows(db, 'SELECT count(*) AS n FROM escalations WHERE step >= 1') + ' escalations advanced, ' +
    countRows(db, 'SELECT count(*) AS n FROM deliveries') + ' deliveries enqueued, ' + countRows(db, "SELECT count(*) AS n FROM deliveries WHERE status = 'sent'") + ' marked sent';
  const beforeKill = h.pages.length;
  // Pages whose request was on the wire when the kill came may still be read a moment later.
  await new Promise((r) => setTimeout(r, 200));
  const byFirstRun = ids(h.pages);

  const b = h.start();
  const distinct = () => ids(h.pages).size;
  await waitFor(`all ${N * STEPS.length} pages`, () => distinct() >= N * STEPS.length, h.clock.realAt(lastDue) - realNow() + LEASE_MS / SPEED + 10_000, b);
  // More than a claim lease (virtual) after the last step: late re-sends would show up here.
  await new Promise((r) => setTimeout(r, LEASE_MS / SPEED + 1_000));
  await stop(b);

  assert.deepEqual(h.bad, [], 'every request carries a valid Standard Webhooks signature');
  const alertIds = new Set(h.alerts.map((x) => x.id));
  const idsOf = new Map<string, Set<string>>(); // alert/step → webhook-ids
  const count = new Map<string, number>(); // webhook-id → requests
  for (const p of h.pages) {
    assert.ok(alertIds.has(p.alertId), `a page for an unknown alert ${p.alertId}`);
    const key = `${p.alertId}/${p.to}`;
    idsOf.set(key, (idsOf.get(key) ?? new Set()).add(p.id));
    count.set(p.id, (count.get(p.id) ?? 0) + 1);
  }
  const missing = [...alertIds].flatMap((id) => STEPS.filter((to) => !idsOf.has(`${id}/${to}`)).map((to) => `${id}/${to}`));
  assert.deepEqual(missing, [], 'no step of any alert is skipped');
  const split = [...idsOf].filter(([, s]) => s.size !== 1).map(([k, s]) => `${k}: ${[...s].join(', ')}`);
  assert.deepEqual(split, [], 'no step produced two different webhook-ids');
  const dupes = [...count].filter(([, n]) => n > 1);
  const stepOf = new Map(h.pages.map((p) => [p.id, p.to]));
  t.diagnostic(`at the kill: ${atKill}`);
  t.diagnostic(`${h.pages.length} requests for ${distinct()} deliveries; first run sent ${byFirstRun.size} (${beforeKill} read before the kill); ` +
    `${dupes.length} re-sent after the restart (steps: ${[...new Set(dupes.map(([id]) => stepOf.get(id)))].join(', ') || 'none'})`);
  const late = STEPS.slice(1).map((to, i) => {
    const k = i + 1;
    const l = h.pages.filter((p) => p.to === to).map((p) => p.at - h.clock.realAt((h.alerts.find((x) => x.id === p.alertId) as { startedAt: number }).startedAt + k * h.waitMs));
    return `step ${k + 1} max ${Math.max(...l)} ms`;
  });
  t.diagnostic(`lateness after the restart (real): ${late.join(', ')}; restarted ${(b.readyAt() ?? NaN) - killedAt} ms after the kill`);
  for (const [id, n] of dupes) {
    assert.ok(byFirstRun.has(id), `delivery ${id} was sent ${n} times though the first run never sent it: a double send without a crash`);
    assert.equal(n, 2, `delivery ${id} was sent ${n} times: at most once by each run`);
  }

  // The store agrees: every delivery sent, every escalation through its three steps, no step timer left.
  const store = new SqliteStore(h.db);
  try {
    const notSent: string[] = [];
    for (const id of ids(h.pages)) {
      const d = await store.getDelivery(WS, id);
      if (d?.status !== 'sent') notSent.push(`${id}: ${d?.status ?? 'missing'}`);
    }
    assert.deepEqual(notSent, [], 'every delivery is recorded as sent');
    for (const x of h.alerts) {
      assert.equal((await store.getEscalation(WS, x.id))?.step, 3, `the escalation of ${x.id} went through its three steps`);
      assert.deepEqual((await store.listTimers(WS, x.id)).filter((y) => y.kind === 'escalation-step'), [], `no escalation timer is left for ${x.id}`);
    }
  } finally {
    await store.close();
  }
}

/** A count(*) AS n from the store file (the test's read-only connection). */
function countRows(db: DatabaseSync, sql: string): number {
  return Number((db.prepare(sql).get() as { n: number }).n);
}

test('SIGKILL while 200 alerts page at once (after the first pages arrive): every step of every alert arrives after a restart, re-sends keep their webhook-id', (t) =>
  burst(t, { what: 'the first pages', reached: (h) => h.pages.length >= 5 }));

test('SIGKILL while 200 alerts run step 1 (as its first deliveries reach the outbox): every step of every alert arrives after a restart, re-sends keep their webhook-id', (t) =>
  burst(t, { what: 'the first step-1 deliveries in the outbox', reached: (_h, db) => countRows(db, 'SELECT count(*) AS n FROM deliveries') >= 1 }));
