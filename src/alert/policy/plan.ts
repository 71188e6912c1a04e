/**
 * From an escalation policy to what the engine schedules. `snapshotPolicy` freezes a deep copy with a
 * content hash when an alert starts escalating, so editing the policy never disturbs running
 * escalations. `planSteps` unrolls the repeats into the flat sequence of actions (notify, webhook,
 * declare incident) with their cumulative delays, and the working-hours rule in force for each.
 * `scheduleActions` turns a plan into instants from a start time, deferring actions that fall outside
 * working hours to the next allowed instant (DST-correct).
 */
import { createHash } from 'node:crypto';
import { nextAllowedTime, type WorkingHours } from './hours.ts';
import type { NotifyTarget, Policy } from './schema.ts';

/** Plans longer than this are refused by validation (repeats multiply). */
export const MAX_PLANNED_STEPS = 500;
/** Step executions while unrolling, a guard against pathological nesting. */
const MAX_EXECUTIONS = 100_000;

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** A policy as it was when an alert started escalating: frozen, with a hash of its content. */
export interface PolicySnapshot {
  readonly policy: DeepReadonly<Policy>;
  /** "sha256:<hex>" of the policy's canonical JSON (keys sorted): equal content, equal hash. */
  readonly hash: string;
}

/** JSON with object keys sorted, so the hash does not depend on key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/** A frozen deep copy of the policy plus its content hash. */
export function snapshotPolicy(policy: Policy): PolicySnapshot {
  const copy = deepFreeze(structuredClone(policy));
  const hash = `sha256:${createHash('sha256').update(canonicalJson(copy)).digest('hex')}`;
  return Object.freeze({ policy: copy as DeepReadonly<Policy>, hash });
}

export type PlannedAction =
  | { kind: 'notify'; targets: readonly NotifyTarget[]; urgency: 'normal' | 'important' }
  | { kind: 'webhook'; channel: string }
  | { kind: 'declareIncident' };

/** One action the engine will run, in order. */
export interface PlannedStep {
  /** Position in the plan, from 0. */
  seq: number;
  /** Index of the policy step it comes from, from 0 (the YAML's step number minus 1). */
  stepIndex: number;
  /** How many times a repeat has sent the escalation back before this action (0 on the first pass). */
  pass: number;
  /** Waits between the previous action (or the start) and this one, in ms. */
  waitMs: number;
  /** Sum of the waits since the escalation started, in ms (working hours not applied). */
  delayMs: number;
  /** The working hours in force: the action runs only inside them (deferred otherwise); null = any time. */
  hours: WorkingHours | null;
  action: PlannedAction;
}

function unroll(policy: DeepReadonly<Policy> | Policy, limit: number): { plan: PlannedStep[]; length: number } {
  const steps = policy.steps;
  const remaining = new Map<number, number>();
  const plan: PlannedStep[] = [];
  let length = 0;
  let pc = 0;
  let pendingWait = 0;
  let delay = 0;
  let hours: WorkingHours | null = null;
  let pass = 0;
  let executions = 0;
  while (pc < steps.length) {
    if (++executions > MAX_EXECUTIONS) return { plan, length: Number.POSITIVE_INFINITY };
    const step = steps[pc];
    if (step === undefined) break;
    switch (step.kind) {
      case 'wait':
        pendingWait += step.minutes * 60_000;
        pc++;
        break;
      case 'workingHours':
        hours = step.hours as WorkingHours;
        pc++;
        break;
      case 'repeat': {
        const target = step.fromStep - 1;
        if (target >= pc) throw new Error(`step ${pc + 1}: repeat must jump back (fromStep ${step.fromStep}); validate the policy first`);
        const left = remaining.get(pc) ?? step.times;
        if (left > 0) {
          remaining.set(pc, left - 1);
          // Repeats inside the jumped-back range start afresh, as nested loops do.
          for (const k of [...remaining.keys()]) if (k >= target && k < pc) remaining.delete(k);
          pass++;
          pc = target;
        } else {
          pc++;
        }
        break;
      }
      default: {
        delay += pendingWait;
        length++;
        if (plan.length < limit) {
          const action: PlannedAction =
            step.kind === 'notify'
              ? { kind: 'notify', targets: step.targets as readonly NotifyTarget[], urgency: step.urgency }
              : step.kind === 'webhook'
                ? { kind: 'webhook', channel: step.channel }
                : { kind: 'declareIncident' };
          plan.push({ seq: plan.length, stepIndex: pc, pass, waitMs: pendingWait, delayMs: delay, hours, action });
        } else if (length > limit) {
          return { plan, length };
        }
        pendingWait = 0;
        pc++;
      }
    }
  }
  return { plan, length };
}

/** How many actions the policy unrolls to (stops counting just past MAX_PLANNED_STEPS). */
export function unrolledLength(policy: Policy): number {
  return unroll(policy, MAX_PLANNED_STEPS).length;
}

/**
 * The flat sequence of actions of a (validated) policy after unrolling its repeats, each with its
 * cumulative delay and the working hours in force. A `workingHours` step applies to every action
 * after it in execution order (until another one replaces it). Throws on a forward/self repeat or a
 * plan longer than MAX_PLANNED_STEPS — validation refuses both.
 */
export function planSteps(snapshot: PolicySnapshot | Policy): PlannedStep[] {
  const policy = 'hash' in snapshot ? snapshot.policy : snapshot;
  const { plan, length } = unroll(policy, MAX_PLANNED_STEPS);
  if (length > MAX_PLANNED_STEPS)
    throw new Error(`policy "${policy.id}" unrolls to more than ${MAX_PLANNED_STEPS} steps; validate the policy first`);
  return plan;
}

export interface ScheduledStep extends PlannedStep {
  /** When the action is due, epoch ms. */
  at: number;
}

/**
 * Due instants of a plan for an escalation that started at `startAt`: each action is due its wait
 * after the previous one, then deferred to the next allowed instant of the working hours in force.
 */
export function scheduleActions(plan: readonly PlannedStep[], startAt: number): ScheduledStep[] {
  let t = startAt;
  return plan.map((p) => {
    t += p.waitMs;
    if (p.hours) t = nextAllowedTime(p.hours, t);
    return { ...p, at: t };
  });
}
