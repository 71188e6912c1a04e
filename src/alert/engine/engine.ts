/**
 * The durable escalation engine: signals in, pages out, everything that must survive a restart in
 * the store (alerts, the escalation of each with its policy snapshot, due timers, the delivery
 * outbox). Any number of engine instances may share one store: timers and deliveries are claimed
 * with leases, an escalation moves on by compare-and-set of its step, and every delivery has a
 * stable idempotency key, so a crash or a second instance never doubles a step.
 *
 * - `onSignal` (a DetectionEngine sink): the state machine groups the signal into an alert; when it
 *   pages, routing picks the team and policy, the policy is snapshotted and its escalation starts.
 * - `acknowledge` / `resolve` / `silence` / `unsilence`: the transition, and the escalation stops at
 *   once (stopEscalation, its pending timers cancelled) before the alert is saved.
 * - `runDue(now)`: runs the due timers: escalation steps (notify → users via schedules and teams →
 *   each user's rules → outbox; webhook; declare incident), delayed user-rule pages, and the alert's
 *   own timers (ack timeout, reminder, silence expiry, auto-resolve) through `tick`.
 * - `deliverDue(now)`: sends the due outbox rows through the channel registry (drill and maintenance
 *   enforced there), then marks them sent, skipped (drill, maintenance), retried later (back-off
 *   with jitter) or dead; one over its rate limit is postponed without counting an attempt.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { WorkspaceId } from '../../domain/ids.ts';
import type { Signal } from '../../domain/signal.ts';
import type { Escalation, EscalationProgress, NewDelivery, Timer } from '../../store/alerting-types.ts';
import type { Alert } from '../alert.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../delivery/retry.ts';
import { deliveryId } from '../delivery/delivery-id.ts';
import { planUserNotifications, type Contact, type User } from '../delivery/user.ts';
import type { AlertMessage, Urgency } from '../message.ts';
import { planSteps, scheduleActions, snapshotPolicy, canonicalJson, type ScheduledStep } from '../policy/plan.ts';
import { PolicySchema } from '../policy/schema.ts';
import { route } from '../routing/route.ts';
import { applySignal, type SignalApplied } from '../state/apply-signal.ts';
import { groupKey } from '../state/options.ts';
import { tick } from '../state/tick.ts';
import { acknowledge, resolve, silence, unsilence, type TransitionResult } from '../state/transitions.ts';
import { NO_ROUTING_FACTS, recipients, type EngineConfig, type RoutingFacts } from './config.ts';
import { fallbackContext, pageContext, pageMessage, type PageContext, type PageLinks } from './page-message.ts';
import { loadTracked, saveTracked } from './tracked.ts';
import { forEachBounded } from './bounded.ts';
import { Outbox } from './outbox.ts';
import type { AlertEngineOptions, DeliverSummary, EngineEvent, RunSummary } from './engine-options.ts';

export type { AlertEngineOptions, DeliverSummary, EngineEvent, RunSummary };

/** What the engine keeps in an escalation's snapshot: the policy as it was, and why it pages. */
interface StoredSnapshot {
  policy: unknown;
  context: PageContext;
}

/** An escalation's plan and why it pages. */
interface Schedule {
  plan: ScheduledStep[];
  context: PageContext;
}

/** Escalation plans kept parsed (one per running escalation; ~1 kB each). */
const PLAN_CACHE_SIZE = 20_000;
const planKey = (e: EscalationProgress): string => `${e.alertId}\u0000${e.startedAt}\u0000${e.policyHash}`;

interface StepPayload {
  seq: number;
  startedAt: number;
}

/** One page of a user's rules that is due later, held in a 'delivery' timer until then. */
interface HeldPage {
  id: string;
  contact: Contact;
  message: AlertMessage;
}
interface HeldPayload {
  /** 'page': only while the alert is new; 'reminder': only while it is acknowledged. */
  purpose: 'page' | 'reminder';
  key: string;
  items: HeldPage[];
}

type NotFound = { ok: false; code: 'not_found'; error: string };

export class AlertEngine {
  readonly owner: string;
  readonly #o: AlertEngineOptions;
  readonly #ws: WorkspaceId;
  readonly #links: PageLinks;
  readonly #leaseMs: number;
  readonly #batch: number;
  readonly #outbox: Outbox;
  readonly #concurrency: number;
  readonly #retry: RetryPolicy;
  readonly #random: () => number;
  readonly #plans = new Map<string, Schedule>();

  constructor(options: AlertEngineOptions) {
    this.#o = options;
    this.#ws = options.workspaceId;
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID()}`;
    this.#links = { baseUrl: options.baseUrl, ackSecret: options.ackSecret, ackLinkTtlMs: options.ackLinkTtlMs ?? 24 * 3_600_000 };
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#batch = options.batch ?? 1000;
    this.#concurrency = options.concurrency ?? 512;
    if (!Number.isInteger(this.#concurrency) || this.#concurrency < 1)
      throw new Error(`AlertEngine: concurrency must be a whole number ≥ 1 (got ${String(options.concurrency)})`);
    this.#retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.#random = options.random ?? Math.random;
    const drill = options.drillTargets;
    this.#outbox = new Outbox({
      store: options.store, registry: options.registry, owner: this.owner, leaseMs: this.#leaseMs, batch: options.deliveryBatch ?? 100,
      retry: this.#retry, random: this.#random, ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
      drillTargets: typeof drill === 'function' ? drill : () => drill ?? [],
      maintenance: () => options.maintenance?.() ?? false,
      emit: (type, alertId, detail) => this.#emit(type, alertId, detail),
    });
    if (!/^https?:\/\//.test(options.baseUrl)) throw new Error(`AlertEngine: baseUrl must be an absolute http(s) URL (got ${JSON.stringify(options.baseUrl)})`);
  }

  #emit(type: EngineEvent['type'], alertId: string, detail: string): void {
    this.#o.onEvent?.({ type, alertId, detail });
  }

  // ---- signals in ----------------------------------------------------------------------------

  /** A DetectionEngine sink: records the signal in its alert and, when it pages, starts the escalation. */
  async onSignal(signal: Signal): Promise<SignalApplied> {
    if (signal.workspaceId !== this.#ws)
      throw new Error(`AlertEngine.onSignal: signal ${signal.id} belongs to workspace "${signal.workspaceId}", this engine serves "${this.#ws}"`);
    const cfg = this.#o.config();
    const now = this.#o.clock();
    const facts = this.#o.routingFacts?.(signal) ?? NO_ROUTING_FACTS;
    const category = cfg.options.groupBy.includes('category') ? (facts.categories[0] ?? null) : undefined;
    const key = groupKey(signal, cfg.options, category);
    const known: Alert[] = [];
    const open = await this.#o.store.findOpenAlertByKey(this.#ws, key);
    if (open !== null) known.push(open);
    // Recently resolved alerts of the key, so a re-emitted signal of one is recognised, not re-paged.
    const resolved = await this.#o.store.listAlerts(this.#ws, { brandId: signal.brandId, status: 'resolved', limit: 50 });
    for (const a of resolved.items) if (a.groupKey === key && a.signalIds.includes(signal.id)) known.push(a);

    const applied = applySignal(known, signal, now, cfg.options, category);
    this.#emit('alert', applied.alert.id, applied.reason);
    if (applied.duplicate) return applied;
    let alert = applied.alert;
    await saveTracked(this.#o.store, this.#ws, alert, cfg.options);
    if (applied.page !== 'none' && alert.status === 'new') alert = await this.#startEscalation(alert, pageContext(signal), facts, now, cfg);
    // The severity rose while someone holds the alert: they hear of it at once, as an important page
    // (once per severity reached); the escalation stays stopped, they keep it.
    if (applied.page === 'escalated' && alert.status === 'acknowledged' && alert.acknowledgedBy !== null) {
      await this.#pageAcker(alert, alert.acknowledgedBy, now, cfg, {
        what: `severity rose to ${alert.severity}`, urgency: 'important', key: `severity-${alert.severity}`, group: alert.firstAcknowledgedAt ?? alert.createdAt, context: pageContext(signal),
      });
    }
    return { ...applied, alert };
  }

  /** Routes the alert, snapshots its policy and starts the escalation (a running one is kept). */
  async #startEscalation(alert: Alert, context: PageContext, facts: RoutingFacts, now: number, cfg: EngineConfig): Promise<Alert> {
    const decision = route(cfg.alerting.routing, { brandId: alert.brandId, severity: alert.severity, ...facts, at: now }, cfg.alerting.teams);
    const policy = decision.policy === null ? undefined : cfg.alerting.policies.find((p) => p.id === decision.policy);
    if (policy === undefined) {
      this.#emit('unrouted', alert.id, `${decision.reason}, but ${decision.policy === null ? `team "${decision.team}" has no policy` : `policy "${decision.policy}" does not exist`}: nobody is paged; fix the routing`);
      return alert;
    }
    const snap = snapshotPolicy(policy);
    const stored: StoredSnapshot = { policy: snap.policy, context };
    const esc = await this.#o.store.startEscalation(this.#ws, { alertId: alert.id, policyHash: snap.hash, policySnapshot: stored, startedAt: now });
    // A running escalation is kept as it is: the alert names the policy snapshot actually escalating it.
    const routed: Alert = { ...alert, routeId: decision.routeId, teamId: decision.team, policyHash: esc.policyHash };
    await saveTracked(this.#o.store, this.#ws, routed, cfg.options);
    if (esc.startedAt === now) this.#emit('escalation-started', alert.id, `${decision.reason}: team ${decision.team}, policy ${policy.id}`);
    await this.#scheduleStep(esc);
    return routed;
  }

  /** The plan of an escalation, from its snapshot (never from the current policy); cached. */
  #schedule(esc: Escalation): Schedule {
    const key = planKey(esc);
    const hit = this.#plans.get(key);
    if (hit !== undefined) return hit;
    const stored = esc.policySnapshot as Partial<StoredSnapshot> | null;
    const policy = PolicySchema.parse(stored?.policy);
    const context = stored?.context ?? { why: [], samples: [], startedAt: esc.startedAt };
    const schedule = { plan: scheduleActions(planSteps(policy), esc.startedAt), context };
    // A bounded cache: the oldest entry goes first (an escalation's plan never changes: its key holds its start and policy hash).
    if (this.#plans.size >= PLAN_CACHE_SIZE) this.#plans.delete(this.#plans.keys().next().value as string);
    this.#plans.set(key, schedule);
    return schedule;
  }

  /** The plan of an escalation read without its snapshot: from the cache, or the snapshot read and parsed once. */
  async #scheduleOf(esc: EscalationProgress): Promise<Schedule | null> {
    const hit = this.#plans.get(planKey(esc));
    if (hit !== undefined) return hit;
    const full = await this.#o.store.getEscalation(this.#ws, esc.alertId);
    return full === null || planKey(full) !== planKey(esc) ? null : this.#schedule(full);
  }

  /** Makes sure the timer of the escalation's current step exists (idempotent). */
  async #scheduleStep(esc: Escalation): Promise<void> {
    if (esc.stoppedAt !== null) return;
    const { plan } = this.#schedule(esc);
    const next = plan[esc.step];
    if (next === undefined) return;
    const payload: StepPayload = { seq: esc.step, startedAt: esc.startedAt };
    await this.#o.store.scheduleTimer(this.#ws, { kind: 'escalation-step', ref: esc.alertId, dueAt: next.at, payload });
  }

  // ---- people's actions ----------------------------------------------------------------------

  async #transition(alertId: string, reason: string, make: (a: Alert, now: number, cfg: EngineConfig) => TransitionResult): Promise<TransitionResult | NotFound> {
    const cfg = this.#o.config();
    const now = this.#o.clock();
    const alert = await loadTracked(this.#o.store, this.#ws, alertId);
    if (alert === null) return { ok: false, code: 'not_found', error: `alert ${alertId} does not exist in workspace ${this.#ws}` };
    const r = make(alert, now, cfg);
    if (!r.ok) return r;
    if (r.alert.status !== 'new') await this.#stop(alertId, `${reason} at ${new Date(now).toISOString()}`, now);
    await saveTracked(this.#o.store, this.#ws, r.alert, cfg.options);
    if (r.alert.status === 'new' && alert.status !== 'new') await this.#repage(r.alert, now, cfg);
    return r;
  }

  /** Stops the escalation at once: its step and held-page timers go. */
  async #stop(alertId: string, reason: string, now: number): Promise<void> {
    const stopped = await this.#o.store.stopEscalation(this.#ws, alertId, reason, now);
    await this.#o.store.cancelTimers(this.#ws, alertId, ['escalation-step', 'delivery']);
    if (stopped) this.#emit('stopped', alertId, `escalation stopped: ${reason}`);
  }

  /** The alert is `new` again (ack lapsed, silence over, unsilenced): escalate it afresh. */
  async #repage(alert: Alert, now: number, cfg: EngineConfig): Promise<void> {
    const prior = await this.#o.store.getEscalation(this.#ws, alert.id);
    const context = (prior?.policySnapshot as Partial<StoredSnapshot> | null)?.context ?? fallbackContext(alert);
    await this.#startEscalation(alert, context, NO_ROUTING_FACTS, now, cfg);
  }

  acknowledge(alertId: string, by: string): Promise<TransitionResult | NotFound> {
    return this.#transition(alertId, `acknowledged by ${by}`, (a, now, cfg) => acknowledge(a, by, now, cfg.options));
  }

  resolve(alertId: string, by: string, how: { note?: string | null; falseAlarm?: boolean } = {}): Promise<TransitionResult | NotFound> {
    return this.#transition(alertId, `resolved by ${by}`, (a, now, cfg) => resolve(a, by, now, how, cfg.options));
  }

  /** Silences until `until` (epoch ms) or for good (null); either stops the escalation, which restarts if the alert is still new when a timed silence ends. */
  silence(alertId: string, by: string, until: number | null): Promise<TransitionResult | NotFound> {
    return this.#transition(alertId, `silenced by ${by}`, (a, now) => silence(a, by, until, now));
  }

  unsilence(alertId: string, by: string): Promise<TransitionResult | NotFound> {
    return this.#transition(alertId, `unsilenced by ${by}`, (a, now) => unsilence(a, by, now));
  }

  // ---- due timers ----------------------------------------------------------------------------

  /**
   * Claims and runs the timers due at `now` (at most `batch`); a failing one is retried later, the
   * others still run. Alerts are handled `concurrency` at a time; one alert's timers run in order.
   */
  async runDue(now: number = this.#o.clock()): Promise<RunSummary> {
    const timers = await this.#o.store.claimDueTimers(this.#ws, now, { owner: this.owner, leaseMs: this.#leaseMs, limit: this.#batch });
    const byAlert = new Map<string, Timer[]>();
    for (const t of timers) {
      const group = byAlert.get(t.ref);
      if (group === undefined) byAlert.set(t.ref, [t]);
      else group.push(t);
    }
    let failed = 0;
    await forEachBounded([...byAlert.values()], this.#concurrency, async (group) => {
      for (const t of group) if (!(await this.#runTimer(t, now))) failed++;
    });
    return { timers: timers.length, failed };
  }

  /** Runs one claimed timer; false when it failed (it is then released to be retried later). */
  async #runTimer(t: Timer, now: number): Promise<boolean> {
    try {
      if (t.kind === 'escalation-step') await this.#runStep(t, now);
      else if (t.kind === 'delivery') await this.#runHeld(t);
      else await this.#runAlertTimer(t, now);
      return true;
    } catch (e) {
      this.#emit('error', t.ref, `${t.kind} timer ${t.id} failed, retried in a moment: ${e instanceof Error ? e.message : String(e)}`);
      await this.#o.store.releaseTimer(t.id, this.owner, now + (this.#o.failedTimerDelayMs ?? 30_000));
      return false;
    }
  }

  async #runStep(t: Timer, now: number): Promise<void> {
    const p = t.payload as Partial<StepPayload> | null;
    const esc = await this.#o.store.getEscalationProgress(this.#ws, t.ref);
    const schedule = esc === null ? null : await this.#scheduleOf(esc);
    if (esc === null || schedule === null || esc.stoppedAt !== null || esc.startedAt !== p?.startedAt || typeof p.seq !== 'number' || esc.step < p.seq) {
      await this.#o.store.completeTimer(t.id, this.owner);
      return;
    }
    const alert = await loadTracked(this.#o.store, this.#ws, t.ref);
    if (alert === null || alert.status !== 'new') {
      await this.#stop(t.ref, `alert is ${alert === null ? 'gone' : alert.status}`, now);
      return;
    }
    const cfg = this.#o.config();
    const { plan, context } = schedule;
    // Start from the escalation's own step: a timer left by a crash after the step moved on resumes from there.
    let i = esc.step;
    const deliveries: NewDelivery[] = [];
    const done: string[] = [];
    while (i < plan.length && (plan[i] as ScheduledStep).at <= now) {
      done.push(await this.#execute(alert, esc, plan[i] as ScheduledStep, context, now, cfg, deliveries));
      i++;
    }
    const next = plan[i];
    const payload: StepPayload = { seq: i, startedAt: esc.startedAt };
    // One store call records it all: the pages, the step moved on (compare-and-set), the next timer.
    const moved = await this.#o.store.commitStep(this.#ws, {
      alertId: alert.id, timerId: t.id, owner: this.owner, from: esc.step, to: i, deliveries,
      next: next === undefined ? { kind: 'complete' }
        : next.at === t.dueAt ? { kind: 'release', dueAt: t.dueAt } // this very timer is the next slot
        : { kind: 'schedule', timer: { kind: 'escalation-step', ref: alert.id, dueAt: next.at, payload } },
    });
    // Not moved: stopped or moved on meanwhile, and whoever did it owns what follows.
    if (moved) for (const d of done) this.#emit('step', alert.id, d);
  }

  /**
   * Runs one planned action: its pages due now go to `out` (the caller stores them with the step),
   * later ones of users' rules into held timers. Idempotent: deliveries and held pages have stable
   * keys. Returns what the step did, for the 'step' event once it is recorded.
   */
  async #execute(alert: Alert, esc: EscalationProgress, step: ScheduledStep, context: PageContext, now: number, cfg: EngineConfig, out: NewDelivery[]): Promise<string> {
    const a = step.action;
    const label = `step ${step.seq + 1} (policy step ${step.stepIndex + 1}${step.pass > 0 ? `, repeat ${step.pass}` : ''})`;
    if (a.kind === 'declareIncident') {
      const key = `${alert.id}:${esc.startedAt}:${step.seq}`;
      if (this.#o.onIncident === undefined) this.#emit('incident', alert.id, `${label}: declare an incident, but no incident hook is installed`);
      else {
        await this.#o.onIncident(alert, key);
        this.#emit('incident', alert.id, `${label}: incident declared (key ${key})`);
      }
      return `${label}: declare an incident`;
    }
    if (a.kind === 'webhook') {
      const contact = cfg.channels[a.channel];
      if (contact === undefined || contact.channel !== 'webhook') {
        this.#emit('nobody', alert.id, `${label}: webhook channel "${a.channel}" ${contact === undefined ? 'does not exist (any more)' : `is a ${contact.channel} channel`}; fix the policy`);
        return `${label}: webhook ${a.channel} not called`;
      }
      const id = deliveryId(alert.id, step.seq, `webhook:${a.channel}`, esc.startedAt);
      out.push(this.#delivery(alert, id, contact, this.#message(alert, context, id, 'normal', cfg.lang ?? 'en', `channel:${a.channel}`, now, cfg)));
      return `${label}: webhook ${a.channel}`;
    }
    const held = new Map<number, HeldPage[]>();
    const reached: string[] = [];
    for (const target of a.targets) {
      for (const r of recipients(cfg, target, step.at)) {
        if (r.kind === 'nobody') {
          this.#emit('nobody', alert.id, `${label}: ${r.problem}`);
          continue;
        }
        if (r.kind === 'channel') {
          const id = deliveryId(alert.id, step.seq, `channel:${r.contact.id}`, esc.startedAt);
          out.push(this.#delivery(alert, id, r.contact, this.#message(alert, context, id, a.urgency, cfg.lang ?? 'en', `channel:${r.contact.id}`, now, cfg)));
          reached.push(r.via);
          continue;
        }
        reached.push(`${r.user.id} (${r.via})`);
        this.#pageUser(alert, r.user, a.urgency, step.at, context, now, cfg, (n) => deliveryId(alert.id, step.seq, `${r.user.id}/${n.contactId}/${n.step}`, esc.startedAt), out, held);
      }
    }
    await this.#hold(alert.id, 'page', `${esc.startedAt}:${step.seq}`, held);
    return `${label}: paged ${reached.length === 0 ? 'nobody' : reached.join(', ')}`;
  }

  /** A user's rules from `startAt`: what is due now goes to `out`, the rest into `held` by due time. */
  #pageUser(
    alert: Alert, user: User, urgency: Urgency, startAt: number, context: PageContext, now: number, cfg: EngineConfig,
    idOf: (n: { contactId: string; step: number }) => string, out: NewDelivery[], held: Map<number, HeldPage[]>,
  ): void {
    for (const n of planUserNotifications(user, urgency, startAt)) {
      const contact = user.contacts.find((c) => c.id === n.contactId) as Contact;
      const id = idOf(n);
      const message = this.#message(alert, context, id, urgency, user.lang, user.id, now, cfg);
      if (n.at <= now) out.push(this.#delivery(alert, id, contact, message));
      else held.set(n.at, [...(held.get(n.at) ?? []), { id, contact, message }]);
    }
  }

  /** Keeps later pages in 'delivery' timers (one per instant; a slot taken by other pages moves on by 1 ms). */
  async #hold(alertId: string, purpose: HeldPayload['purpose'], key: string, held: Map<number, HeldPage[]>): Promise<void> {
    for (const [at, items] of held) {
      const payload: HeldPayload = { purpose, key, items };
      const want = canonicalJson(payload);
      for (let dueAt = at; dueAt < at + 1000; dueAt++) {
        const t = await this.#o.store.scheduleTimer(this.#ws, { kind: 'delivery', ref: alertId, dueAt, payload });
        if (canonicalJson(t.payload) === want) break;
      }
    }
  }

  async #runHeld(t: Timer): Promise<void> {
    const p = t.payload as Partial<HeldPayload> | null;
    const alert = await loadTracked(this.#o.store, this.#ws, t.ref);
    const wanted = p?.purpose === 'reminder' ? 'acknowledged' : 'new';
    if (alert !== null && alert.status === wanted) for (const item of p?.items ?? []) await this.#enqueue(alert, item.id, item.contact, item.message);
    await this.#o.store.completeTimer(t.id, this.owner);
  }

  #message(alert: Alert, context: PageContext, id: string, urgency: Urgency, lang: AlertMessage['lang'], ackAs: string, now: number, cfg: EngineConfig): AlertMessage {
    const brandName = cfg.brandNames?.[alert.brandId] ?? alert.brandId;
    return pageMessage(alert, context, this.#links, { deliveryId: id, urgency, lang, ackAs, now, brandName });
  }

  #delivery(alert: Alert, id: string, contact: Contact, message: AlertMessage): NewDelivery {
    return { id, alertId: alert.id, channel: contact.channel, target: contact, message, createdAt: this.#o.clock() };
  }

  async #enqueue(alert: Alert, id: string, contact: Contact, message: AlertMessage): Promise<void> {
    await this.#o.store.enqueueDelivery(this.#ws, this.#delivery(alert, id, contact, message));
  }

  async #runAlertTimer(t: Timer, now: number): Promise<void> {
    const cfg = this.#o.config();
    const alert = await loadTracked(this.#o.store, this.#ws, t.ref);
    if (alert === null) {
      await this.#o.store.completeTimer(t.id, this.owner);
      return;
    }
    const r = tick(alert, now, cfg.options);
    let repage = false;
    for (const c of r.changes) {
      this.#emit('tick', alert.id, c.reason);
      if (c.kind === 'auto_resolved') await this.#stop(alert.id, 'auto-resolved', now);
      if (c.kind === 'ack_timeout' && c.page) repage = true;
      if (c.kind === 'silence_ended' && c.to === 'new') repage = true;
    }
    const slot = await saveTracked(this.#o.store, this.#ws, r.alert, cfg.options);
    for (const c of r.changes) if (c.kind === 'reminder' && c.page) await this.#remind(r.alert, c.to, now, cfg);
    if (repage && r.alert.status === 'new') await this.#repage(r.alert, now, cfg);
    if (slot !== null && slot.kind === t.kind && slot.dueAt === t.dueAt) await this.#o.store.releaseTimer(t.id, this.owner, t.dueAt);
    else await this.#o.store.completeTimer(t.id, this.owner);
  }

  /** A reminder to whoever acknowledged the alert, through their default rules. */
  #remind(alert: Alert, to: string, now: number, cfg: EngineConfig): Promise<void> {
    const group = alert.remindedAt ?? now;
    return this.#pageAcker(alert, to, now, cfg, { what: 'reminder', urgency: 'normal', key: `reminder/${group}`, group });
  }

  /**
   * Pages whoever acknowledged the alert (a reminder, or its severity rose while they hold it),
   * through their rules for `urgency`; later pages of their rules are held while it stays acknowledged.
   */
  async #pageAcker(
    alert: Alert, to: string, now: number, cfg: EngineConfig,
    how: { what: string; urgency: Urgency; key: string; group: number; context?: PageContext },
  ): Promise<void> {
    const user = cfg.users.find((u) => u.id === to);
    if (user === undefined) {
      this.#emit('nobody', alert.id, `${how.what}: user "${to}" who acknowledged the alert does not exist (any more)`);
      return;
    }
    let context = how.context;
    if (context === undefined) {
      const esc = await this.#o.store.getEscalation(this.#ws, alert.id);
      context = (esc?.policySnapshot as Partial<StoredSnapshot> | null)?.context ?? fallbackContext(alert);
    }
    const held = new Map<number, HeldPage[]>();
    const out: NewDelivery[] = [];
    this.#pageUser(alert, user, how.urgency, now, context, now, cfg, (n) => deliveryId(alert.id, 0, `${how.key}/${user.id}/${n.contactId}/${n.step}`, how.group), out, held);
    for (const d of out) await this.#o.store.enqueueDelivery(this.#ws, d);
    await this.#hold(alert.id, 'reminder', `${how.key}:${how.group}`, held);
    this.#emit('tick', alert.id, `${how.what}: paged ${user.id}, who acknowledged the alert`);
  }

  // ---- the outbox ----------------------------------------------------------------------------

  /** Claims the due deliveries (every workspace of the store) and sends them concurrently: a slow or failing channel never holds up the others. */
  deliverDue(now: number = this.#o.clock()): Promise<DeliverSummary> {
    return this.#outbox.deliverDue(now);
  }
}
