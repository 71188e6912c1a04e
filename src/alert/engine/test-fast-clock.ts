/**
 * Test harness (not a product flag): a virtual clock that runs `speed` times faster than real time
 * from a fixed origin, shared by several processes through environment variables.
 *
 * virtual(real) = originVirtualMs + (real − originRealMs) × speed, where `real` is the system
 * clock (epoch ms). Every process computing it from the same origin is on the SAME virtual
 * timeline, so a child killed and started again continues where the first left off.
 *
 * Used two ways:
 * - as a library by the test: `createFastClock(origin)` gives `now()` and `realAt(virtual)`, and
 *   `fastClockEnv(origin)` the variables to give a child;
 * - as a preload of that child (`node --import <this file's URL> …`): when VIGIE_TEST_CLOCK_* are
 *   set it replaces `Date.now` before any product module runs, so the real code (the engine's
 *   clock, webhook timestamps, logs) lives on the virtual timeline. Timers (setTimeout) stay real:
 *   the loop's interval is real milliseconds. Without the variables importing it changes nothing.
 */

export interface FastClockOrigin {
  /** The virtual instant (epoch ms) at `originRealMs`. */
  originVirtualMs: number;
  /** The real instant (epoch ms, system clock) where the timelines meet. */
  originRealMs: number;
  /** Virtual ms per real ms (e.g. 20); a whole number keeps `now()` an integer. */
  speed: number;
}

export interface FastClock extends FastClockOrigin {
  /** The virtual now (epoch ms, integer). */
  now(): number;
  /** The real instant (epoch ms) at which the virtual clock reads `virtualMs`. */
  realAt(virtualMs: number): number;
  /** The virtual instant at the real instant `realMs`. */
  virtualAt(realMs: number): number;
}

export const FAST_CLOCK_ENV = {
  originVirtualMs: 'VIGIE_TEST_CLOCK_ORIGIN_VIRTUAL_MS',
  originRealMs: 'VIGIE_TEST_CLOCK_ORIGIN_REAL_MS',
  speed: 'VIGIE_TEST_CLOCK_SPEED',
} as const;

/** The system clock, kept before any patching. */
export const realNow: () => number = Date.now.bind(Date);

export function createFastClock(origin: FastClockOrigin): FastClock {
  const { originVirtualMs, originRealMs, speed } = origin;
  for (const [k, v] of Object.entries(origin))
    if (!Number.isFinite(v)) throw new Error(`createFastClock: ${k} must be a finite number (got ${String(v)})`);
  if (speed <= 0) throw new Error(`createFastClock: speed must be > 0 (got ${speed})`);
  const virtualAt = (realMs: number): number => originVirtualMs + Math.floor((realMs - originRealMs) * speed);
  return {
    originVirtualMs,
    originRealMs,
    speed,
    now: () => virtualAt(realNow()),
    realAt: (virtualMs) => originRealMs + (virtualMs - originVirtualMs) / speed,
    virtualAt,
  };
}

/** The environment variables that make a child preloading this module share `origin`'s timeline. */
export function fastClockEnv(origin: FastClockOrigin): Record<string, string> {
  return {
    [FAST_CLOCK_ENV.originVirtualMs]: String(origin.originVirtualMs),
    [FAST_CLOCK_ENV.originRealMs]: String(origin.originRealMs),
    [FAST_CLOCK_ENV.speed]: String(origin.speed),
  };
}

/** The origin given by the environment, null when none is; throws naming a bad variable. */
export function fastClockFromEnv(env: NodeJS.ProcessEnv): FastClockOrigin | null {
  const raw = Object.entries(FAST_CLOCK_ENV).map(([k, name]) => [k, name, env[name]] as const);
  if (raw.every(([, , v]) => v === undefined)) return null;
  const out: Record<string, number> = {};
  for (const [k, name, v] of raw) {
    const n = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isFinite(n)) throw new Error(`test fast clock: ${name} must be a number (got ${JSON.stringify(v)}); set all of ${Object.values(FAST_CLOCK_ENV).join(', ')} or none`);
    out[k] = n;
  }
  return out as unknown as FastClockOrigin;
}

// As a preload: put this process on the virtual timeline.
const fromEnv = fastClockFromEnv(process.env);
if (fromEnv !== null) Date.now = createFastClock(fromEnv).now;
