/**
 * The reconnection schedule. Jetstream documents none, so this one is ours: exponential from
 * `initialMs`, doubling at each failure in a row, capped at `maxMs`, with "equal jitter" (a
 * random point in the upper half of the step, so that many clients dropped together do not
 * come back together). With the defaults (1 s, 60 s): 0.5–1 s, 1–2 s, 2–4 s, 4–8 s, 8–16 s,
 * 16–32 s, then 30–60 s. A connection that delivers a frame resets the count.
 */
export function reconnectDelay(failures: number, initialMs: number, maxMs: number, random: () => number): number {
  const step = Math.min(maxMs, initialMs * 2 ** Math.min(Math.max(0, failures), 40));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(step / 2 + (step / 2) * r);
}
