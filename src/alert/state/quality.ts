/**
 * Alert-quality figures over a period: how many alerts, the share acknowledged, the share marked a
 * false alarm, the share that resolved by themselves, and the time to acknowledge (median and p90).
 * They tell whether alerting is worth waking people for. Drill alerts are left out. Pure.
 */
import type { TrackedAlert } from './record.ts';

export interface AlertQuality {
  /** Alerts created in [from, to), drills excluded. */
  alerts: number;
  /** Share of those alerts acknowledged at least once (null when there are none). */
  acknowledgedShare: number | null;
  /** Share of those alerts resolved as a false alarm (null when there are none). */
  falseAlarmShare: number | null;
  /** Median time from creation to first acknowledgement, over the acknowledged ones (null when none). */
  medianTimeToAckMs: number | null;
  /** 90th percentile of the same (nearest rank). */
  p90TimeToAckMs: number | null;
  /** Share of those alerts that resolved by themselves (null when there are none). */
  autoResolvedShare: number | null;
}

/** Nearest-rank percentile of sorted values (p in (0, 1]). */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? null;
}

/** Median of sorted values (mean of the two middle ones for an even count). */
function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const hi = sorted[Math.floor(n / 2)] ?? 0;
  return n % 2 === 1 ? hi : ((sorted[n / 2 - 1] ?? 0) + hi) / 2;
}

/** The figures for alerts created in [from, to) (epoch ms); drill alerts are not counted. */
export function alertQuality(alerts: readonly TrackedAlert[], period: { from: number; to: number }): AlertQuality {
  if (!Number.isFinite(period.from) || !Number.isFinite(period.to) || period.to <= period.from)
    throw new Error(`alertQuality: the period must have from < to (epoch ms), got from=${period.from} to=${period.to}`);
  const inPeriod = alerts.filter((a) => !a.drill && a.createdAt >= period.from && a.createdAt < period.to);
  const n = inPeriod.length;
  const share = (k: number): number | null => (n === 0 ? null : k / n);
  const toAck = inPeriod
    .filter((a) => a.firstAcknowledgedAt !== null)
    .map((a) => Math.max(0, (a.firstAcknowledgedAt ?? a.createdAt) - a.createdAt))
    .sort((x, y) => x - y);
  return {
    alerts: n,
    acknowledgedShare: share(toAck.length),
    falseAlarmShare: share(inPeriod.filter((a) => a.status === 'resolved' && a.falseAlarm).length),
    medianTimeToAckMs: median(toAck),
    p90TimeToAckMs: percentile(toAck, 0.9),
    autoResolvedShare: share(inPeriod.filter((a) => a.status === 'resolved' && a.autoResolved).length),
  };
}
