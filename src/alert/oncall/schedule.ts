/**
 * On-call schedules: their shape (zod), and `validateSchedule`, which refuses bad input with every
 * problem and the path of the field that causes it (empty rotations, unknown users, impossible
 * hours, unknown time zones, duplicate layer ids, overrides that end before they start…).
 *
 * A schedule has a time zone and layers of rotations; later layers sit above earlier ones (where a
 * higher layer has someone on call, it wins), and overrides win over every layer (a later override
 * wins over an earlier one where they overlap). How times are read (local wall clock, daylight-saving
 * changes) is described in ./tz.ts and ./resolve.ts.
 *
 * Example (YAML):
 *   id: support-primary
 *   name: Support — primary
 *   timeZone: Europe/Paris
 *   layers:
 *     - id: weekly
 *       participants: [alice, bob, carol]
 *       start: 2025-03-03T09:00        # local time in timeZone
 *       rotation: { length: 1 week, handoff: "09:00" }
 *     - id: office-hours
 *       participants: [dave]
 *       start: 2025-03-03T00:00
 *       rotation: { length: 1 day, handoff: "00:00" }
 *       restrictions: [{ days: [mon, tue, wed, thu, fri], from: "09:00", to: "18:00" }]
 *   overrides:
 *     - { user: erin, from: 2025-03-10T18:00, to: 2025-03-11T09:00 }
 */
import { z } from 'zod';
import { instantOf, isTimeZone, naiveOf } from '../time/tz.ts';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const HH_MM = /^(\d{2}):(\d{2})$/;
const LENGTH = /^([1-9]\d{0,3}) ?(hours?|days?|weeks?)$/;

/** Naive ms of a "YYYY-MM-DDTHH:MM[:SS]" local date-time, or null when it is not one (bad format or impossible date). */
export function parseLocalDateTime(s: string): number | null {
  const m = LOCAL_DATE_TIME.exec(s);
  if (m === null) return null;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || sec > 59 || d < 1) return null;
  const naive = naiveOf(y, mo, d, h, mi, sec);
  // Reject 2025-02-30 and the like: the date must not roll over.
  if (new Date(naive).getUTCDate() !== d) return null;
  return naive;
}

/** Minutes since midnight of "HH:MM" (00:00–23:59, or 24:00 when `allow24`), or null. */
export function parseHHMM(s: string, allow24 = false): number | null {
  const m = HH_MM.exec(s);
  if (m === null) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (allow24 && h === 24 && mi === 0) return 24 * 60;
  if (h > 23 || mi > 59) return null;
  return h * 60 + mi;
}

/** A rotation length: "12 hours", "1 day", "2 days", "1 week" (1–9999 of a unit). */
export function parseLength(s: string): { count: number; unit: 'hour' | 'day' | 'week' } | null {
  const m = LENGTH.exec(s.trim());
  if (m === null) return null;
  const unit = m[2]!.replace(/s$/, '') as 'hour' | 'day' | 'week';
  return { count: Number(m[1]), unit };
}

/** True for an instant written with an explicit offset ("2025-03-10T18:00Z", "…T18:00+01:00"). */
export function isZonedDateTime(s: string): boolean {
  return ZONED_DATE_TIME.test(s) && Number.isFinite(Date.parse(s));
}

const id = z
  .string()
  .max(200, { error: 'is longer than 200 characters' })
  .regex(/^\S(?:.*\S)?$/, { error: 'must not be empty nor start or end with spaces' });

const localDateTime = z.string().refine((s) => parseLocalDateTime(s) !== null, {
  error: (iss) =>
    `${JSON.stringify(iss.input)} is not a local date-time; write YYYY-MM-DDTHH:MM (e.g. 2025-03-03T09:00), a real date, hours 00–23`,
});

/** An override bound: local date-time in the schedule's zone, or an instant with an explicit offset. */
const moment = z.string().refine((s) => parseLocalDateTime(s) !== null || isZonedDateTime(s), {
  error: (iss) =>
    `${JSON.stringify(iss.input)} is not a date-time; write YYYY-MM-DDTHH:MM (local time in the schedule's zone) or an ISO instant with Z or an offset (2025-03-10T17:00Z)`,
});

const hhmm = z.string().refine((s) => parseHHMM(s) !== null, {
  error: (iss) => `${JSON.stringify(iss.input)} is not a time of day; write HH:MM between 00:00 and 23:59`,
});

const hhmmOr24 = z.string().refine((s) => parseHHMM(s, true) !== null, {
  error: (iss) => `${JSON.stringify(iss.input)} is not a time of day; write HH:MM between 00:00 and 24:00`,
});

export const RestrictionSchema = z
  .strictObject({
    /** Days the window starts on. */
    days: z
      .array(z.enum(WEEKDAYS, { error: (iss) => `${JSON.stringify(iss.input)} is not a day; use one of ${WEEKDAYS.join(', ')}` }))
      .min(1, { error: 'must list at least one day (mon, tue, wed, thu, fri, sat, sun)' }),
    /** Local start of the window, "HH:MM". */
    from: hhmm,
    /** Local end, "HH:MM" (24:00 = midnight at the end of the day); after `from`, unless `overnight`. */
    to: hhmmOr24,
    /** The window ends on the next day (e.g. from 22:00 to 06:00): must be said explicitly. */
    overnight: z.boolean().optional(),
  })
  .superRefine((r, ctx) => {
    const from = parseHHMM(r.from);
    const to = parseHHMM(r.to, true);
    if (from === null || to === null) return;
    if (r.overnight === true) {
      if (to === 24 * 60 || to > from) {
        ctx.addIssue({
          code: 'custom',
          path: ['overnight'],
          message: `overnight is set but to (${r.to}) is after from (${r.from}) on the same day; remove overnight, or give an end time before ${r.from}`,
        });
      }
    } else if (to <= from) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `${r.to} is not after from (${r.from}); for a window that ends the next day set overnight: true`,
      });
    }
  });
export type Restriction = z.infer<typeof RestrictionSchema>;

export const RotationSchema = z.strictObject({
  /** "12 hours", "1 day", "2 days", "1 week"… */
  length: z.string().refine((s) => parseLength(s) !== null, {
    error: (iss) =>
      `${JSON.stringify(iss.input)} is not a rotation length; write a whole number (1–9999) and hours, days or weeks, e.g. "1 week", "2 days", "12 hours"`,
  }),
  /** Local time of the hand-offs, "HH:MM"; defaults to the time of the layer's start. */
  handoff: hhmm.optional(),
});
export type Rotation = z.infer<typeof RotationSchema>;

export const LayerSchema = z.strictObject({
  id,
  name: z.string().optional(),
  /** User ids, in rotation order (a user may appear more than once). */
  participants: z.array(id).min(1, { error: 'an empty rotation: list at least one participant (user id)' }),
  /** Local date-time (schedule's zone) from which the layer applies; the shift running then is participants[0]'s. */
  start: localDateTime,
  rotation: RotationSchema,
  /** When set, the layer is on call only inside these windows (local time). */
  restrictions: z.array(RestrictionSchema).optional(),
});
export type Layer = z.infer<typeof LayerSchema>;

export const OverrideSchema = z.strictObject({
  user: id,
  /** Local date-time in the schedule's zone, or an instant with Z or an offset. */
  from: moment,
  to: moment,
});
export type Override = z.infer<typeof OverrideSchema>;

export const ScheduleSchema = z.strictObject({
  id,
  name: z.string().trim().min(1, { error: 'must not be empty' }),
  /** IANA time zone ("Europe/Paris") in which local times of this schedule are read. */
  timeZone: z.string().refine(isTimeZone, {
    error: (iss) => `${JSON.stringify(iss.input)} is not a known IANA time zone; write e.g. Europe/Paris, America/New_York or UTC`,
  }),
  /** Lowest first: a later layer wins over earlier ones where it has someone on call. */
  layers: z.array(LayerSchema).min(1, { error: 'a schedule needs at least one layer' }),
  overrides: z.array(OverrideSchema).default([]),
});
export type Schedule = z.infer<typeof ScheduleSchema>;
/** What a caller may pass before defaults are applied (overrides may be omitted). */
export type ScheduleInput = z.input<typeof ScheduleSchema>;

/** One reason a schedule is refused: the field (as a path and as text) and what to do. */
export interface ScheduleProblem {
  path: (string | number)[];
  /** "layers[0].rotation.handoff" */
  where: string;
  message: string;
}

export type ScheduleValidation = { ok: true; schedule: Schedule } | { ok: false; problems: ScheduleProblem[] };

/** "layers[0].rotation.handoff" from ['layers', 0, 'rotation', 'handoff']. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out === '' ? k : `.${k}`;
  return out === '' ? '(schedule)' : out;
}

/**
 * Validates a schedule read from YAML, JSON or the API. Returns the typed schedule, or every problem
 * with its path. `knownUsers` are the user ids that exist: participants and override users must be
 * among them.
 */
export function validateSchedule(input: unknown, knownUsers: Iterable<string>): ScheduleValidation {
  const users = knownUsers instanceof Set ? (knownUsers as ReadonlySet<string>) : new Set(knownUsers);
  const problems: ScheduleProblem[] = [];
  const add = (path: (string | number)[], message: string): void => {
    problems.push({ path, where: formatPath(path), message });
  };

  const parsed = ScheduleSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
      add(path, issue.message);
    }
  }
  // Cross-field checks run on whatever parts are well formed, so that one run shows every problem.
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const layers = Array.isArray(raw['layers']) ? (raw['layers'] as unknown[]) : [];
  const seenLayers = new Map<string, number>();
  layers.forEach((layer, i) => {
    if (typeof layer !== 'object' || layer === null) return;
    const l = layer as Record<string, unknown>;
    if (typeof l['id'] === 'string' && l['id'].trim() !== '') {
      const prev = seenLayers.get(l['id']);
      if (prev !== undefined) add(['layers', i, 'id'], `duplicate layer id ${JSON.stringify(l['id'])} (also layers[${prev}]); give each layer its own id`);
      else seenLayers.set(l['id'], i);
    }
    if (Array.isArray(l['participants'])) {
      l['participants'].forEach((u, j) => {
        if (typeof u === 'string' && u.trim() !== '' && !users.has(u)) {
          add(['layers', i, 'participants', j], `unknown user ${JSON.stringify(u)}; use the id of an existing user`);
        }
      });
    }
  });
  const overrides = Array.isArray(raw['overrides']) ? (raw['overrides'] as unknown[]) : [];
  overrides.forEach((o, i) => {
    if (typeof o !== 'object' || o === null) return;
    const ov = o as Record<string, unknown>;
    if (typeof ov['user'] === 'string' && ov['user'].trim() !== '' && !users.has(ov['user'])) {
      add(['overrides', i, 'user'], `unknown user ${JSON.stringify(ov['user'])}; use the id of an existing user`);
    }
    // Compare bounds when both are of the same kind (local/local or zoned/zoned); mixed kinds are
    // compared once resolved against the zone, below.
    const from = typeof ov['from'] === 'string' ? ov['from'] : null;
    const to = typeof ov['to'] === 'string' ? ov['to'] : null;
    if (from === null || to === null) return;
    const tz = typeof raw['timeZone'] === 'string' && isTimeZone(raw['timeZone']) ? raw['timeZone'] : null;
    const a = momentToInstant(from, tz);
    const b = momentToInstant(to, tz);
    if (a !== null && b !== null && b <= a) add(['overrides', i, 'to'], `${to} is not after from (${from}); an override must end after it starts`);
  });

  if (problems.length > 0 || !parsed.success) return { ok: false, problems: dedupe(problems) };
  return { ok: true, schedule: parsed.data };
}

/** Instant of an override bound; local date-times need the zone (null when it is unknown). */
export function momentToInstant(s: string, timeZone: string | null): number | null {
  if (isZonedDateTime(s)) return Date.parse(s);
  const naive = parseLocalDateTime(s);
  if (naive === null || timeZone === null) return null;
  return instantOf(naive, timeZone);
}

function dedupe(problems: ScheduleProblem[]): ScheduleProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.where}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Throws an Error listing every problem (one a line, "path: message") unless the schedule is valid. */
export function parseSchedule(input: unknown, knownUsers: Iterable<string>): Schedule {
  const r = validateSchedule(input, knownUsers);
  if (r.ok) return r.schedule;
  throw new ScheduleError(r.problems);
}

/** A schedule that cannot be used; `problems` has each one with its path. */
export class ScheduleError extends Error {
  readonly problems: readonly ScheduleProblem[];
  constructor(problems: readonly ScheduleProblem[]) {
    super(`invalid on-call schedule:\n${problems.map((p) => `  ${p.where}: ${p.message}`).join('\n')}`);
    this.name = 'ScheduleError';
    this.problems = problems;
  }
}
