/**
 * Validation of a whole alerting configuration — teams, escalation policies and routing — against the
 * users, on-call schedules and channels that exist. Returns every problem at once, each with the path
 * of the offending field (`policies[0].steps[2].fromStep`) and a message saying what is wrong and how
 * to fix it: shape errors, unknown references, duplicate ids, repeat cycles, empty steps, impossible
 * hours, policies that never page anyone, unreachable routes. The YAML loader turns paths into
 * file:line:column.
 */
import { z } from 'zod';
import { RoutingConfigSchema, type RoutingConfig } from '../routing/schema.ts';
import { PolicySchema, PolicyStepSchema, TeamSchema, targetRef, type Policy, type PolicyStep, type Team } from './schema.ts';
import { unrolledLength, MAX_PLANNED_STEPS } from './plan.ts';

export type ProblemPath = (string | number)[];

/** One thing wrong, at `path` in the configuration. */
export interface Problem {
  path: ProblemPath;
  message: string;
}

export interface AlertingConfig {
  teams: Team[];
  policies: Policy[];
  routing: RoutingConfig;
}

export interface AlertingInput {
  /** Known user ids; omitted → user references are not checked. */
  users?: readonly string[];
  /** Known on-call schedule ids; omitted → not checked. */
  schedules?: readonly string[];
  /** Known channel ids; omitted → not checked. */
  channels?: readonly string[];
  /** Raw (unparsed) values, e.g. from YAML or JSON. */
  teams: unknown;
  policies: unknown;
  routing: unknown;
}

export type AlertingResult = { ok: true; config: AlertingConfig } | { ok: false; problems: Problem[] };

/** `policies[0].steps[2].fromStep` */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out === '' ? '(top level)' : out;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return JSON.stringify(v);
}

/** Friendlier defaults for the issues whose schema gives no message of its own. */
const errorMap = (iss: z.core.$ZodRawIssue): string | undefined => {
  switch (iss.code) {
    case 'invalid_type': {
      const expected = iss.expected === 'int' ? 'whole number' : iss.expected === 'array' ? 'list' : iss.expected === 'object' ? 'mapping' : iss.expected;
      return iss.input === undefined ? `is required (a ${expected})` : `must be a ${expected} (got ${show(iss.input)})`;
    }
    case 'invalid_value':
      return `must be one of ${iss.values.map((v) => String(v)).join(', ')} (got ${show(iss.input)})`;
    case 'invalid_union': {
      const options = (iss as { options?: unknown[] }).options;
      const disc = (iss as { discriminator?: string }).discriminator;
      if (disc && options)
        return `must be one of ${options.map(String).join(', ')} (got ${show((iss.input as Record<string, unknown> | undefined)?.[disc])})`;
      return undefined;
    }
    default:
      return undefined;
  }
};

function issuesToProblems(issues: readonly z.core.$ZodIssue[], base: ProblemPath): Problem[] {
  const out: Problem[] = [];
  for (const iss of issues) {
    const path = [...base, ...iss.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (iss.code === 'unrecognized_keys') {
      for (const k of iss.keys) out.push({ path: [...path, k], message: `unknown field "${k}" (check its spelling)` });
    } else {
      out.push({ path, message: iss.message });
    }
  }
  return out;
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, path: ProblemPath, problems: Problem[]): T | null {
  const r = schema.safeParse(value, { error: errorMap });
  if (r.success) return r.data;
  problems.push(...issuesToProblems(r.error.issues, path));
  return null;
}

function rawIds(list: unknown): Set<string> {
  const ids = new Set<string>();
  if (Array.isArray(list))
    for (const item of list) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string') ids.add(id);
    }
  return ids;
}

function checkDuplicates(list: unknown, section: string, problems: Problem[]): void {
  if (!Array.isArray(list)) return;
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first !== undefined)
      problems.push({ path: [section, i, 'id'], message: `duplicate id "${id}" (already used by ${section}[${first}])` });
    else seen.set(id, i);
  });
}

function checkList(name: string, value: unknown, problems: Problem[]): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ path: [name], message: `must be a list (got ${show(value)})` });
    return [];
  }
  return value;
}

type RefSets = Record<'user' | 'schedule' | 'channel' | 'team', Set<string> | null>;

/** Checks one well-formed step beyond its shape: repeat jumps and target references. */
function checkStep(steps: readonly (PolicyStep | null)[], i: number, j: number, refs: RefSets, problems: Problem[]): boolean {
  const step = steps[j];
  if (!step) return true;
  if (step.kind === 'notify') {
    step.targets.forEach((t, k) => {
      const { kind, id } = targetRef(t);
      const set = refs[kind];
      if (set && !set.has(id))
        problems.push({ path: ['policies', i, 'steps', j, 'targets', k, kind], message: `unknown ${kind} "${id}"` });
    });
    return true;
  }
  if (step.kind === 'webhook') {
    if (refs.channel && !refs.channel.has(step.channel))
      problems.push({ path: ['policies', i, 'steps', j, 'channel'], message: `unknown channel "${step.channel}"; a webhook step calls a shared webhook channel (channels: <id>: { channel: webhook, target: { url, secret } })` });
    return true;
  }
  if (step.kind !== 'repeat') return true;
  const here = j + 1;
  if (step.fromStep >= here) {
    problems.push({
      path: ['policies', i, 'steps', j, 'fromStep'],
      message:
        step.fromStep === here
          ? `repeat jumps to itself (step ${here}): that is a cycle; fromStep must point to an earlier step (1 to ${here - 1})`
          : `repeat jumps forward to step ${step.fromStep} from step ${here}: that is a cycle; fromStep must point to an earlier step (1 to ${here - 1})`,
    });
    return false;
  }
  const repeated = steps.slice(step.fromStep - 1, j);
  if (repeated.every((s) => s !== null) && !repeated.some((s) => s?.kind === 'notify' || s?.kind === 'webhook'))
    problems.push({
      path: ['policies', i, 'steps', j, 'fromStep'],
      message: `the repeated steps ${step.fromStep}–${here - 1} notify no one; start the repeat at a notify step`,
    });
  return true;
}

/** Checks a well-formed policy beyond its shape: its steps, that someone is paged, the unrolled length. */
function checkPolicy(policy: Policy, i: number, refs: RefSets, problems: Problem[]): void {
  let jumpsOk = true;
  policy.steps.forEach((_, j) => {
    if (!checkStep(policy.steps, i, j, refs, problems)) jumpsOk = false;
  });
  if (!policy.steps.some((s) => s.kind === 'notify'))
    problems.push({ path: ['policies', i, 'steps'], message: 'the policy notifies no one: add a notify step' });
  if (jumpsOk) {
    const n = unrolledLength(policy);
    if (n > MAX_PLANNED_STEPS)
      problems.push({
        path: ['policies', i, 'steps'],
        message: `the repeats unroll to ${n} steps (at most ${MAX_PLANNED_STEPS}): lower the repeat times`,
      });
  }
}

/**
 * Validates teams, policies and routing together. Every problem is reported (not just the first);
 * references to users, schedules and channels are checked only when their id lists are given.
 */
export function validateAlerting(input: AlertingInput): AlertingResult {
  const problems: Problem[] = [];
  const rawTeams = checkList('teams', input.teams, problems);
  const rawPolicies = checkList('policies', input.policies, problems);
  checkDuplicates(rawTeams, 'teams', problems);
  checkDuplicates(rawPolicies, 'policies', problems);
  // A section that is not a list is reported once; references into it are then not checked.
  const isList = (v: unknown): boolean => v === undefined || v === null || Array.isArray(v);
  const teamIds = isList(input.teams) ? rawIds(rawTeams) : null;
  const policyIds = isList(input.policies) ? rawIds(rawPolicies) : null;
  const users = input.users ? new Set(input.users) : null;
  const known: Record<'user' | 'schedule' | 'channel', Set<string> | null> = {
    user: users,
    schedule: input.schedules ? new Set(input.schedules) : null,
    channel: input.channels ? new Set(input.channels) : null,
  };

  const teams: Team[] = [];
  rawTeams.forEach((raw, i) => {
    const team = parseWith(TeamSchema, raw, ['teams', i], problems);
    if (!team) return;
    teams.push(team);
    team.members.forEach((m, k) => {
      if (users && !users.has(m)) problems.push({ path: ['teams', i, 'members', k], message: `unknown user "${m}"` });
    });
    if (policyIds && !policyIds.has(team.defaultPolicy))
      problems.push({ path: ['teams', i, 'defaultPolicy'], message: `unknown policy "${team.defaultPolicy}"` });
  });

  const refs: RefSets = { ...known, team: teamIds };
  const policies: Policy[] = [];
  rawPolicies.forEach((raw, i) => {
    const policy = parseWith(PolicySchema, raw, ['policies', i], problems);
    if (policy) {
      policies.push(policy);
      checkPolicy(policy, i, refs, problems);
      return;
    }
    // The policy has shape errors (reported): still check the steps that are well formed.
    const rawSteps = (raw as { steps?: unknown } | null)?.steps;
    if (!Array.isArray(rawSteps)) return;
    const steps = rawSteps.map((s) => {
      const r = PolicyStepSchema.safeParse(s);
      return r.success ? r.data : null;
    });
    steps.forEach((_, j) => checkStep(steps, i, j, refs, problems));
  });

  let routing: RoutingConfig | null = null;
  if (input.routing === undefined || input.routing === null) {
    problems.push({ path: ['routing'], message: 'is required: give at least a default route (routing.default.team)' });
  } else {
    routing = parseWith(RoutingConfigSchema, input.routing, ['routing'], problems);
  }
  if (routing) {
    const seen = new Map<string, number>();
    let catchAll: string | null = null;
    routing.routes.forEach((r, i) => {
      const first = seen.get(r.id);
      if (first !== undefined)
        problems.push({ path: ['routing', 'routes', i, 'id'], message: `duplicate id "${r.id}" (already used by routing.routes[${first}])` });
      else seen.set(r.id, i);
      if (catchAll !== null)
        problems.push({
          path: ['routing', 'routes', i],
          message: `route "${r.id}" can never match: route "${catchAll}" before it has no condition and matches everything`,
        });
      if (Object.keys(r.when).length === 0 && catchAll === null) catchAll = r.id;
    });
    const targets: { path: ProblemPath; team: string; policy: string | undefined }[] = [
      ...routing.routes.map((r, i) => ({ path: ['routing', 'routes', i] as ProblemPath, team: r.team, policy: r.policy })),
      { path: ['routing', 'default'], team: routing.default.team, policy: routing.default.policy },
    ];
    for (const t of targets) {
      if (teamIds && !teamIds.has(t.team)) problems.push({ path: [...t.path, 'team'], message: `unknown team "${t.team}"` });
      if (t.policy !== undefined && policyIds && !policyIds.has(t.policy))
        problems.push({ path: [...t.path, 'policy'], message: `unknown policy "${t.policy}"` });
    }
  }

  if (problems.length > 0 || !routing) return { ok: false, problems };
  return { ok: true, config: { teams, policies, routing } };
}

/** Thrown by the loaders: every problem, one a line. */
export class AlertingConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'AlertingConfigError';
    this.problems = problems;
  }
}
