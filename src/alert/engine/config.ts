/**
 * What the escalation engine needs to know about a workspace, and who a policy target reaches.
 * The engine reads its config through a function on every use, so edits (a new policy, a user's
 * rules, a schedule) apply to new work at once, while running escalations keep their snapshot.
 * `recipients` turns a notify target into users (user, on-call schedule, team) or a shared channel.
 */
import type { Contact, User } from '../delivery/user.ts';
import type { Schedule } from '../oncall/schedule.ts';
import { whoIsOnCall } from '../oncall/resolve.ts';
import type { AlertingConfig } from '../policy/validate.ts';
import { targetRef, type NotifyTarget } from '../policy/schema.ts';
import type { AlertOptions } from '../state/options.ts';
import type { MessageLang } from '../message.ts';

/** A validated workspace configuration (the API/CLI validate it: validateAlerting, validateUser, parseSchedule). */
export interface EngineConfig {
  /** Teams, policies and routing (validateAlerting's `config`). */
  alerting: AlertingConfig;
  users: readonly User[];
  schedules: readonly Schedule[];
  /** Shared channels a policy may notify (`{ channel: id }`), e.g. the crisis Slack room: id → contact. */
  channels: Readonly<Record<string, Contact>>;
  /** How signals group into alerts, ack timeout, reminders, auto-resolve, maintenance windows. */
  options: AlertOptions;
  /** Brand display names (id → name); the id is shown when absent. */
  brandNames?: Readonly<Record<string, string>>;
  /** Language of pages to shared channels and webhook steps (users get their own). Default 'en'. */
  lang?: MessageLang;
}

/** Who one notify target reaches now: users (with why) or a shared channel, or a problem. */
export type Recipient =
  | { kind: 'user'; user: User; via: string }
  | { kind: 'channel'; contact: Contact; via: string }
  | { kind: 'nobody'; via: string; problem: string };

/** The recipients of a notify target at `at` (schedules resolved with whoIsOnCall; teams to all members). */
export function recipients(config: EngineConfig, target: NotifyTarget, at: number): Recipient[] {
  const ref = targetRef(target);
  const user = (id: string, via: string): Recipient => {
    const u = config.users.find((x) => x.id === id);
    return u === undefined ? { kind: 'nobody', via, problem: `user "${id}" does not exist (any more); fix the ${via}` } : { kind: 'user', user: u, via };
  };
  switch (ref.kind) {
    case 'user':
      return [user(ref.id, `user ${ref.id}`)];
    case 'schedule': {
      const s = config.schedules.find((x) => x.id === ref.id);
      if (s === undefined) return [{ kind: 'nobody', via: `schedule ${ref.id}`, problem: `schedule "${ref.id}" does not exist (any more)` }];
      const on = onCallAt(s, at);
      if (on === null) return [{ kind: 'nobody', via: `schedule ${ref.id}`, problem: `nobody is on call on schedule "${ref.id}" at ${new Date(at).toISOString()}` }];
      return [user(on.user, `schedule ${ref.id}`)];
    }
    case 'team': {
      const t = config.alerting.teams.find((x) => x.id === ref.id);
      if (t === undefined) return [{ kind: 'nobody', via: `team ${ref.id}`, problem: `team "${ref.id}" does not exist (any more)` }];
      return t.members.map((m) => user(m, `team ${ref.id}`));
    }
    case 'channel': {
      const c = config.channels[ref.id];
      if (c === undefined) return [{ kind: 'nobody', via: `channel ${ref.id}`, problem: `channel "${ref.id}" is not configured` }];
      return [{ kind: 'channel', contact: c, via: `channel ${ref.id}` }];
    }
  }
}

/**
 * whoIsOnCall, remembered per schedule object and instant: a burst of alerts escalating together asks
 * the same question thousands of times (the zone arithmetic dominated). Keyed by the schedule object,
 * so an edited configuration (a new object) is never answered from the old one; bounded per schedule.
 */
const onCallCache = new WeakMap<Schedule, Map<number, ReturnType<typeof whoIsOnCall>>>();
const MAX_CACHED_INSTANTS = 1024;

function onCallAt(schedule: Schedule, at: number): ReturnType<typeof whoIsOnCall> {
  let byAt = onCallCache.get(schedule);
  if (byAt === undefined) {
    byAt = new Map();
    onCallCache.set(schedule, byAt);
  }
  if (byAt.has(at)) return byAt.get(at) as ReturnType<typeof whoIsOnCall>;
  const on = whoIsOnCall(schedule, at);
  if (byAt.size >= MAX_CACHED_INSTANTS) byAt.clear();
  byAt.set(at, on);
  return on;
}

/** What routing needs beyond the alert: the categories, language and source of its mentions (empty/null when unknown). */
export interface RoutingFacts {
  categories: readonly string[];
  lang: string | null;
  source: string | null;
}

export const NO_ROUTING_FACTS: RoutingFacts = { categories: [], lang: null, source: null };
