/**
 * Who is on call: `whoIsOnCall(schedule, t)`, `shifts(schedule, from, to)` (the final shifts, after
 * layers and overrides) and `upcomingShifts(schedule, now, 14)` (the next 14 days). Pure functions of
 * a validated schedule (see ./schedule.ts) and epoch-ms instants.
 *
 * How a layer rotates. Hand-offs happen on a grid of local wall-clock times: the layer's start date
 * at the hand-off time, then every `length` of local time before and after it (12 hours, 1 day,
 * 1 week…). The shift running at the layer's start is participants[0]'s (it starts at the layer's
 * start, possibly in the middle of a grid period), then participants[1]'s, and so on round robin.
 * Because the grid is in local time, a 09:00 hand-off stays 09:00 local across daylight-saving
 * changes (the shift spanning the change is one hour shorter or longer), and 12-hour shifts from
 * 08:00 stay 08:00–20:00 / 20:00–08:00 local.
 *
 * Daylight-saving rule (from ./tz.ts, as in RFC 5545 and Temporal's 'compatible'): a hand-off at a
 * local time that does not exist that day (02:30 on a spring-forward day in Paris or New York)
 * happens when the clocks have moved forward by the gap (03:30 local, one hour after 01:30 local),
 * and a hand-off at a local time that occurs twice (01:30 on a fall-back day in New York) happens at
 * its first occurrence. A period that this rule makes empty (possible only with hourly rotations
 * through a gap) is skipped; the rotation order is kept.
 *
 * Restrictions limit a layer to local windows (e.g. mon–fri 09:00–18:00); the rotation keeps turning
 * outside them (the participant of a period is the same whether restricted or not), as in the
 * established on-call tools. Window bounds follow the same daylight-saving rule.
 *
 * Precedence: overrides win over every layer (a later override over an earlier one); among layers,
 * a later layer wins over earlier ones where it has someone on call.
 */
import type { Layer, Schedule } from './schedule.ts';
import { WEEKDAYS, momentToInstant, parseHHMM, parseLength, parseLocalDateTime } from './schedule.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, instantOf, naiveWeekday, startOfNaiveDay, wallClock } from '../time/tz.ts';

/** Who is on call at an instant: the user and the layer id that put them there (null for an override). */
export interface OnCall {
  user: string;
  layer: string | null;
}

/** A final shift, [start, end) in epoch ms: `user` is on call through `layer` (null: an override). */
export interface Shift {
  user: string;
  layer: string | null;
  start: number;
  end: number;
}

interface Span {
  user: string;
  start: number;
  end: number;
}

/** The user on call at instant `t`, or null when nobody is (no layer covers t and no override). */
export function whoIsOnCall(schedule: Schedule, t: number): OnCall | null {
  const s = shifts(schedule, t, t + 1)[0];
  return s === undefined ? null : { user: s.user, layer: s.layer };
}

/**
 * The final shifts overlapping [from, to), clipped to it, in time order. Consecutive pieces with the
 * same user and layer are merged. Times where nobody is on call are simply absent (see `coverageGaps`).
 */
export function shifts(schedule: Schedule, from: number, to: number): Shift[] {
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError(`shifts: from and to must be finite epoch ms (got ${from}, ${to})`);
  if (to <= from) return [];
  const tz = schedule.timeZone;
  // Rank 0 = lowest layer; overrides above every layer, later above earlier.
  const ranked: { layer: string | null; spans: Span[] }[] = schedule.layers.map((l) => ({ layer: l.id, spans: layerSpans(l, tz, from, to) }));
  schedule.overrides.forEach((o, i) => {
    const a = momentToInstant(o.from, tz);
    const b = momentToInstant(o.to, tz);
    if (a === null || b === null) throw new RangeError(`overrides[${i}]: unreadable from/to (${o.from}, ${o.to}); validate the schedule first`);
    const s = Math.max(a, from);
    const e = Math.min(b, to);
    ranked.push({ layer: null, spans: e > s ? [{ user: o.user, start: s, end: e }] : [] });
  });

  const cuts = new Set<number>([from, to]);
  for (const r of ranked) for (const sp of r.spans) cuts.add(sp.start).add(sp.end);
  const points = [...cuts].sort((a, b) => a - b);
  const cursor = ranked.map(() => 0);

  const out: Shift[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const p = points[i]!;
    const q = points[i + 1]!;
    let winner: { user: string; layer: string | null } | null = null;
    for (let r = ranked.length - 1; r >= 0; r--) {
      const spans = ranked[r]!.spans;
      let c = cursor[r]!;
      while (c < spans.length && spans[c]!.end <= p) c++;
      cursor[r] = c;
      const sp = spans[c];
      if (sp !== undefined && sp.start <= p && sp.end >= q) {
        winner = { user: sp.user, layer: ranked[r]!.layer };
        break;
      }
    }
    if (winner === null) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.end === p && last.user === winner.user && last.layer === winner.layer) last.end = q;
    else out.push({ user: winner.user, layer: winner.layer, start: p, end: q });
  }
  return out;
}

/** The final shifts from `now` to the same local time `days` days later (14 by default). */
export function upcomingShifts(schedule: Schedule, now: number, days = 14): Shift[] {
  const end = instantOf(wallClock(now, schedule.timeZone) + days * DAY_MS, schedule.timeZone);
  return shifts(schedule, now, end);
}

/** The parts of [from, to) where nobody is on call (an alert routed to this schedule would reach no one). */
export function coverageGaps(schedule: Schedule, from: number, to: number): { start: number; end: number }[] {
  const gaps: { start: number; end: number }[] = [];
  let t = from;
  for (const s of shifts(schedule, from, to)) {
    if (s.start > t) gaps.push({ start: t, end: s.start });
    t = Math.max(t, s.end);
  }
  if (t < to) gaps.push({ start: t, end: to });
  return gaps;
}

/** The layer's on-call spans within [from, to): rotation periods, cut to the layer's start and its restrictions. */
function layerSpans(layer: Layer, tz: string, from: number, to: number): Span[] {
  const startNaive = parseLocalDateTime(layer.start);
  const length = parseLength(layer.rotation.length);
  if (startNaive === null || length === null) throw new RangeError(`layer ${layer.id}: unreadable start or rotation length; validate the schedule first`);
  const layerStart = instantOf(startNaive, tz);
  const lo = Math.max(from, layerStart);
  if (to <= lo) return [];

  const handoffMin = layer.rotation.handoff === undefined ? null : parseHHMM(layer.rotation.handoff);
  const anchor = handoffMin === null ? startNaive : startOfNaiveDay(startNaive) + handoffMin * MINUTE_MS;
  const step = length.count * (length.unit === 'hour' ? HOUR_MS : length.unit === 'day' ? DAY_MS : 7 * DAY_MS);
  const boundary = (k: number): number => instantOf(anchor + k * step, tz);
  const periodAt = (t: number): number => {
    let k = Math.floor((wallClock(t, tz) - anchor) / step);
    while (boundary(k) > t) k--;
    while (boundary(k + 1) <= t) k++;
    return k;
  };
  const first = periodAt(layerStart);
  const n = layer.participants.length;

  const rotation: Span[] = [];
  let done = lo; // keeps spans disjoint even if a zone's gap were longer than the rotation step
  for (let k = periodAt(lo); ; k++) {
    const b = boundary(k);
    if (b >= to) break;
    const s = Math.max(b, done);
    const e = Math.min(boundary(k + 1), to);
    if (e > s) {
      rotation.push({ user: layer.participants[(((k - first) % n) + n) % n]!, start: s, end: e });
      done = e;
    }
  }
  const restrictions = layer.restrictions ?? [];
  if (restrictions.length === 0) return rotation;
  return intersect(rotation, restrictionWindows(layer, tz, lo, to));
}

/** The merged, sorted windows of a layer's restrictions within [from, to). */
function restrictionWindows(layer: Layer, tz: string, from: number, to: number): { start: number; end: number }[] {
  const windows: { start: number; end: number }[] = [];
  const firstDay = startOfNaiveDay(wallClock(from, tz)) - DAY_MS; // an overnight window may start the day before
  const lastDay = startOfNaiveDay(wallClock(to, tz)) + DAY_MS;
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    const weekday = WEEKDAYS[naiveWeekday(day)]!;
    for (const r of layer.restrictions ?? []) {
      if (!r.days.includes(weekday)) continue;
      const a = parseHHMM(r.from);
      const b = parseHHMM(r.to, true);
      if (a === null || b === null) throw new RangeError(`layer ${layer.id}: unreadable restriction; validate the schedule first`);
      const s = Math.max(instantOf(day + a * MINUTE_MS, tz), from);
      const e = Math.min(instantOf(day + (r.overnight === true ? DAY_MS : 0) + b * MINUTE_MS, tz), to);
      if (e > s) windows.push({ start: s, end: e });
    }
  }
  windows.sort((x, y) => x.start - y.start);
  const merged: { start: number; end: number }[] = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last !== undefined && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else merged.push({ ...w });
  }
  return merged;
}

/** Spans cut to sorted, disjoint windows. */
function intersect(spans: Span[], windows: { start: number; end: number }[]): Span[] {
  const out: Span[] = [];
  let w = 0;
  for (const sp of spans) {
    while (w < windows.length && windows[w]!.end <= sp.start) w++;
    for (let j = w; j < windows.length && windows[j]!.start < sp.end; j++) {
      const s = Math.max(sp.start, windows[j]!.start);
      const e = Math.min(sp.end, windows[j]!.end);
      if (e > s) out.push({ user: sp.user, start: s, end: e });
    }
  }
  return out;
}
