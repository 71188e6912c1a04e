/** How alerts and dead deliveries look in the API (and the CLI's --json): ISO times beside epoch ms, no workspace id, no secrets. */
import type { Alert } from '../../alert/alert.ts';
import type { Delivery, Escalation } from '../../store/alerting-types.ts';
import { isoTime, isoTimeOrNull } from './time.ts';

export function presentAlert(a: Alert): Record<string, unknown> {
  const { workspaceId: _ws, ...rest } = a;
  return {
    ...rest,
    createdAtIso: isoTime(a.createdAt),
    updatedAtIso: isoTime(a.updatedAt),
    acknowledgedAtIso: isoTimeOrNull(a.acknowledgedAt),
    resolvedAtIso: isoTimeOrNull(a.resolvedAt),
    silencedUntilIso: isoTimeOrNull(a.silencedUntil),
  };
}

export function presentEscalation(e: Escalation | null): Record<string, unknown> | null {
  if (e === null) return null;
  const policy = (e.policySnapshot as { policy?: { id?: unknown; name?: unknown } } | null)?.policy;
  return {
    policyId: typeof policy?.id === 'string' ? policy.id : null,
    policyName: typeof policy?.name === 'string' ? policy.name : null,
    policyHash: e.policyHash,
    step: e.step,
    startedAt: isoTime(e.startedAt),
    stoppedAt: isoTimeOrNull(e.stoppedAt),
    stopReason: e.stopReason,
  };
}

/** Secrets and tokens in a target are masked: a dead-letter list is shown to people. */
export function maskTarget(target: unknown, depth = 0): unknown {
  if (depth > 5 || typeof target !== 'object' || target === null) return target;
  if (Array.isArray(target)) return target.map((v) => maskTarget(v, depth + 1));
  return Object.fromEntries(Object.entries(target).map(([k, v]) => [k, /secret|token|password/i.test(k) ? '***' : maskTarget(v, depth + 1)]));
}

export function presentDelivery(d: Delivery): Record<string, unknown> {
  const m = d.message as { title?: unknown; drill?: unknown } | null;
  return {
    id: d.id,
    alertId: d.alertId,
    channel: d.channel,
    target: maskTarget(d.target),
    title: typeof m?.title === 'string' ? m.title : null,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    createdAt: isoTime(d.createdAt),
    deadAt: isoTimeOrNull(d.deadAt),
    sentAt: isoTimeOrNull(d.sentAt),
  };
}
