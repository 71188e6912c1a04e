/**
 * The alerting configuration through the API: the whole file as YAML (`GET`/`PUT
 * /api/alerting/config`; a PUT is validated, written over `alerting.file` atomically and put in force
 * at once, while running escalations keep their policy snapshot), and read-only views of policies
 * (with what they unroll to and who uses them), schedules, teams and users (secrets masked), and who
 * is on call (`/api/alerting/schedules/:id/on-call`). Without alerting enabled, 503.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import {
  describeAlertingSummary, dumpAlertingFile, maskTarget, type AlertingFile, type AlertingProblem,
} from '../../alert/config-file.ts';
import type { User } from '../../alert/delivery/user.ts';
import { coverageGaps, shifts, whoIsOnCall } from '../../alert/oncall/resolve.ts';
import { parseLocalDateTime, type Schedule } from '../../alert/oncall/schedule.ts';
import { planSteps } from '../../alert/policy/plan.ts';
import type { Policy } from '../../alert/policy/schema.ts';
import { DAY_MS, formatNaive, instantOf, wallClock } from '../../alert/time/tz.ts';
import type { AlertingConfiguration, ResolvedDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { isoTime } from '../presenters/time.ts';
import { NoQuerySchema } from '../schemas/brands.ts';
import { intParam } from '../schemas/params.ts';
import { validParams, validQuery } from '../validate.ts';

/** Largest alerting file a PUT takes (hundreds of users and schedules fit in far less). */
export const MAX_CONFIG_BYTES = 1_048_576;
/** What the export shown by the API says about its masked secrets. */
const MASK_NOTE = '# Secrets are masked (***). Sent back with PUT /api/alerting/config, each keeps its current value.\n';

const IdParams = z.strictObject({ id: z.string().min(1, { error: 'expected an id' }).max(200, { error: 'expected an id of at most 200 characters' }) });
const OnCallQuery = z.strictObject({
  /** ISO 8601 or epoch ms; without an offset, a local time in the schedule's zone. Default: now. */
  at: z.string().min(1).max(64).optional(),
  days: intParam(1, 31).default(14),
});

function configOf(deps: ResolvedDeps): AlertingConfiguration {
  const c = deps.alerting?.configuration;
  if (c === undefined)
    throw new ApiError('unavailable', 'alerting is not enabled on this server: set alerting.enabled and alerting.file (docs/alerting.md) to read and edit policies, schedules, teams and users');
  return c;
}

export function registerAlertingConfigRoutes(app: Hono, deps: ResolvedDeps): void {
  app.get('/api/alerting/config', (c) => {
    validQuery(c, NoQuerySchema);
    const text = MASK_NOTE + dumpAlertingFile(configOf(deps).file, { maskSecrets: true });
    return c.body(text, 200, { 'content-type': 'text/yaml; charset=utf-8' });
  });

  app.put(
    '/api/alerting/config',
    bodyLimit({
      maxSize: MAX_CONFIG_BYTES,
      onError: () => {
        throw new ApiError('bad_request', `invalid body: larger than ${MAX_CONFIG_BYTES} bytes (an alerting file is at most 1 MiB)`);
      },
    }),
    async (c) => {
      validQuery(c, NoQuerySchema);
      const config = configOf(deps);
      const text = await c.req.text();
      if (text.trim() === '') throw new ApiError('bad_request', 'invalid body: empty; send the whole alerting file as YAML (content-type text/yaml), as GET /api/alerting/config gives it');
      const r = config.replace(text);
      if (!r.ok) throw refused(r.problems);
      const summary = describeAlertingSummary(r.summary);
      deps.logger.info({ summary: r.summary }, `alerting configuration replaced through the API: ${summary}`);
      return c.json({
        ok: true,
        summary: r.summary,
        message: `alerting configuration replaced: ${summary}; new alerts use it, running escalations keep the policy they started with`,
      });
    },
  );

  app.get('/api/alerting/policies', (c) => {
    validQuery(c, NoQuerySchema);
    const file = configOf(deps).file;
    return c.json({ policies: file.config.alerting.policies.map((p) => ({ ...p, usedBy: usedBy(file, p.id) })) });
  });

  app.get('/api/alerting/policies/:id', (c) => {
    const { id } = validParams(c, IdParams);
    validQuery(c, NoQuerySchema);
    const file = configOf(deps).file;
    const policy = file.config.alerting.policies.find((p) => p.id === id);
    if (policy === undefined) throw notFound('policy', id, file.config.alerting.policies.map((p) => p.id));
    return c.json({ ...policy, usedBy: usedBy(file, id), plan: presentPlan(policy) });
  });

  app.get('/api/alerting/schedules', (c) => {
    validQuery(c, NoQuerySchema);
    const file = configOf(deps).file;
    const now = deps.clock.now();
    return c.json({
      schedules: file.config.schedules.map((s) => {
        const on = whoIsOnCall(s, now);
        return { ...s, onCallNow: on === null ? null : { user: on.user, name: nameOf(file, on.user), layer: on.layer } };
      }),
    });
  });

  app.get('/api/alerting/schedules/:id/on-call', (c) => {
    const { id } = validParams(c, IdParams);
    const q = validQuery(c, OnCallQuery);
    const file = configOf(deps).file;
    const schedule = file.config.schedules.find((s) => s.id === id);
    if (schedule === undefined) throw notFound('schedule', id, file.config.schedules.map((s) => s.id));
    let at = deps.clock.now();
    if (q.at !== undefined) {
      const t = parseScheduleTime(q.at, schedule.timeZone);
      if (t === null) {
        const message = `expected an ISO 8601 date-time (a local time in the schedule's zone, ${schedule.timeZone}, unless it has Z or an offset) or epoch milliseconds, got ${JSON.stringify(q.at)}`;
        throw new ApiError('bad_request', `invalid query parameters: at: ${message}`, [{ parameter: 'at', in: 'query', message }]);
      }
      at = t;
    }
    return c.json(onCallView(file, schedule, at, q.days));
  });

  app.get('/api/alerting/teams', (c) => {
    validQuery(c, NoQuerySchema);
    const file = configOf(deps).file;
    return c.json({
      teams: file.config.alerting.teams.map((t) => ({ ...t, memberNames: Object.fromEntries(t.members.map((m) => [m, nameOf(file, m)])) })),
    });
  });

  app.get('/api/alerting/users', (c) => {
    validQuery(c, NoQuerySchema);
    return c.json({ users: configOf(deps).file.config.users.map(presentUser) });
  });
}

/** 422: the configuration was refused; every problem with its line, column and field; nothing changed. */
function refused(problems: readonly AlertingProblem[]): ApiError {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s), in details)` : '';
  const message = `the alerting configuration is not valid, nothing was changed: ${first?.text ?? 'no problem reported'}${more}`;
  return new ApiError('unprocessable', message, problems.map((p) => ({ line: p.line, column: p.column, path: p.path, message: p.message })));
}

function notFound(what: string, id: string, known: readonly string[]): ApiError {
  const list = known.length === 0 ? `there is no ${what}` : `known: ${known.join(', ')}`;
  return new ApiError('not_found', `no ${what} "${id}" in the alerting configuration (${list})`, { parameter: 'id', value: id });
}

const nameOf = (file: AlertingFile, user: string): string | null => file.config.users.find((u) => u.id === user)?.name ?? null;

/** A user as people see it: contacts' secrets masked. */
export function presentUser(u: User): Record<string, unknown> {
  return { ...u, contacts: u.contacts.map((c) => ({ ...c, target: maskTarget(c.channel, c.target) })) };
}

/** The teams whose default it is, and the routes (with `default` for the default route) that lead to it. */
function usedBy(file: AlertingFile, policy: string): { teams: string[]; routes: string[] } {
  const { teams, routing } = file.config.alerting;
  const via = (team: string, named: string | undefined): string | undefined => named ?? teams.find((t) => t.id === team)?.defaultPolicy;
  const routes = routing.routes.filter((r) => via(r.team, r.policy) === policy).map((r) => r.id);
  if (via(routing.default.team, routing.default.policy) === policy) routes.push('default');
  return { teams: teams.filter((t) => t.defaultPolicy === policy).map((t) => t.id), routes };
}

/** What the policy unrolls to: each action, the policy step it comes from and when (working hours aside). */
function presentPlan(policy: Policy): Record<string, unknown>[] {
  return planSteps(policy).map((s) => ({
    seq: s.seq,
    step: s.stepIndex + 1,
    pass: s.pass,
    afterMinutes: s.delayMs / 60_000,
    workingHours: s.hours,
    action: s.action,
  }));
}

/** "2024-05-06T09:00+02:00": the local time in `timeZone` with its offset. */
export function formatLocal(t: number, timeZone: string): string {
  const naive = wallClock(t, timeZone);
  const offset = Math.round((naive - t) / 60_000);
  const abs = Math.abs(offset);
  return `${formatNaive(naive)}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A time for a schedule question: epoch ms, an ISO instant with Z or an offset, or a local date-time
 * ("2024-05-06T09:00", "2024-05-06 09:00") or date ("2024-05-06", midnight) in the schedule's zone. Null if none.
 */
export function parseScheduleTime(value: string, timeZone: string): number | null {
  const s = value.trim();
  if (/^-?\d{1,16}$/.test(s)) return Math.abs(Number(s)) <= 8.64e15 ? Number(s) : null;
  const local = parseLocalDateTime(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00` : s.replace(' ', 'T'));
  if (local !== null) return instantOf(local, timeZone);
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i.test(s)) return null;
  const t = Date.parse(s.replace(' ', 'T'));
  return Number.isFinite(t) ? t : null;
}

/** An instant as the on-call view shows it: `<key>` epoch ms, `<key>Iso` UTC, `<key>Local` in the schedule's zone with its offset. */
type Instant<K extends string> = { [P in K]: number } & { [P in `${K}Iso` | `${K}Local`]: string };
function instant<K extends string>(key: K, t: number, tz: string): Instant<K> {
  return { [key]: t, [`${key}Iso`]: isoTime(t), [`${key}Local`]: formatLocal(t, tz) } as Instant<K>;
}

export type OnCallView = {
  schedule: { id: string; name: string; timeZone: string };
  days: number;
  onCall: { user: string; name: string | null; layer: string | null } | null;
  /** The final shifts from `at` to the same local time `days` days later (overrides applied; layer null: an override). */
  shifts: ({ user: string; name: string | null; layer: string | null } & Instant<'start'> & Instant<'end'>)[];
  /** Where nobody is on call in that period: an alert paging this schedule then reaches no one. */
  gaps: (Instant<'start'> & Instant<'end'>)[];
} & Instant<'at'>;

/** Who is on call at `at` and the shifts of the next `days` days (the API's and `vigie oncall --json`'s format). */
export function onCallView(file: AlertingFile, schedule: Schedule, at: number, days: number): OnCallView {
  const tz = schedule.timeZone;
  const end = instantOf(wallClock(at, tz) + days * DAY_MS, tz);
  const on = whoIsOnCall(schedule, at);
  return {
    schedule: { id: schedule.id, name: schedule.name, timeZone: tz },
    ...instant('at', at, tz),
    days,
    onCall: on === null ? null : { user: on.user, name: nameOf(file, on.user), layer: on.layer },
    shifts: shifts(schedule, at, end).map((s) => ({
      user: s.user, name: nameOf(file, s.user), layer: s.layer, ...instant('start', s.start, tz), ...instant('end', s.end, tz),
    })),
    gaps: coverageGaps(schedule, at, end).map((g) => ({ ...instant('start', g.start, tz), ...instant('end', g.end, tz) })),
  };
}
