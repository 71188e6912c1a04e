/**
 * Routing: which team and escalation policy an alert goes to. Routes are tried in order, the first
 * whose conditions all hold wins, otherwise the default route applies. The answer says why (which
 * route matched and on what; for the default, why each route did not), so a user can debug routing.
 */
import { severityRank, type Severity } from '../../domain/signal.ts';
import { isWithinHours } from '../policy/hours.ts';
import type { Team } from '../policy/schema.ts';
import type { Route, RouteWhen, RoutingConfig } from './schema.ts';

/** What routing looks at in an alert. */
export interface RoutingInput {
  brandId: string;
  severity: Severity;
  /** Crisis-trigger categories of the alert's mentions (may be empty). */
  categories: readonly string[];
  /** Main language of the alert's mentions, or null when unknown. */
  lang: string | null;
  /** Platform the mentions came from, or null when mixed/unknown. */
  source: string | null;
  /** The instant routed (epoch ms), for time conditions. */
  at: number;
}

export interface RouteDecision {
  /** The matching route's id, or null for the default route. */
  routeId: string | null;
  team: string;
  /** The route's policy, else the team's default policy (when `teams` is given), else null. */
  policy: string | null;
  /** One English sentence: which route and why. */
  reason: string;
  /** Routes tried before the decision and the first condition each failed on. */
  skipped: { routeId: string; failed: string }[];
}

/** The first condition of `when` the input fails, or the list of conditions it meets. */
function evaluate(when: RouteWhen, input: RoutingInput): { ok: false; failed: string } | { ok: true; met: string[] } {
  const met: string[] = [];
  if (when.brands) {
    if (!when.brands.includes(input.brandId)) return { ok: false, failed: `brand ${input.brandId} not in [${when.brands.join(', ')}]` };
    met.push(`brand ${input.brandId}`);
  }
  if (when.minSeverity) {
    if (severityRank(input.severity) > severityRank(when.minSeverity))
      return { ok: false, failed: `severity ${input.severity} below ${when.minSeverity}` };
    met.push(`severity ${input.severity} at or above ${when.minSeverity}`);
  }
  if (when.categories) {
    const hit = input.categories.filter((c) => when.categories?.includes(c));
    if (hit.length === 0)
      return { ok: false, failed: `no category in [${when.categories.join(', ')}] (alert has [${input.categories.join(', ')}])` };
    met.push(`category ${hit.join(', ')}`);
  }
  if (when.languages) {
    if (input.lang === null || !when.languages.includes(input.lang))
      return { ok: false, failed: `language ${input.lang ?? 'unknown'} not in [${when.languages.join(', ')}]` };
    met.push(`language ${input.lang}`);
  }
  if (when.sources) {
    if (input.source === null || !(when.sources as readonly string[]).includes(input.source))
      return { ok: false, failed: `source ${input.source ?? 'unknown'} not in [${when.sources.join(', ')}]` };
    met.push(`source ${input.source}`);
  }
  if (when.hours) {
    const h = when.hours;
    const label = `${h.days.join(',')} ${h.from}–${h.to} ${h.timeZone}`;
    if (!isWithinHours(h, input.at)) return { ok: false, failed: `outside hours ${label}` };
    met.push(`within hours ${label}`);
  }
  return { ok: true, met };
}

/** Routes an alert: the first matching route, or the default, with the reason. */
export function route(config: RoutingConfig, input: RoutingInput, teams?: readonly Team[]): RouteDecision {
  const policyOf = (r: { team: string; policy?: string | undefined }): string | null =>
    r.policy ?? teams?.find((t) => t.id === r.team)?.defaultPolicy ?? null;
  const skipped: { routeId: string; failed: string }[] = [];
  for (const r of config.routes as readonly Route[]) {
    const e = evaluate(r.when, input);
    if (!e.ok) {
      skipped.push({ routeId: r.id, failed: e.failed });
      continue;
    }
    const why = e.met.length > 0 ? e.met.join('; ') : 'it has no condition';
    return { routeId: r.id, team: r.team, policy: policyOf(r), reason: `route "${r.id}" matched: ${why}`, skipped };
  }
  const reason =
    skipped.length === 0 ? 'no routes are defined: default route' : `no route matched (${skipped.length} tried): default route`;
  return { routeId: null, team: config.default.team, policy: policyOf(config.default), reason, skipped };
}
