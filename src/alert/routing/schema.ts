/**
 * The shape of routing rules: ordered routes, each a condition on brand, severity, category,
 * language, source and time, leading to a team and an escalation policy; first match wins; a default
 * route catches the rest. Matching is in route.ts; cross-references are checked by validateAlerting.
 */
import { z } from 'zod';
import { SeveritySchema } from '../../domain/signal.ts';
import { PlatformSchema } from '../../domain/platform.ts';
import { WorkingHoursSchema } from '../policy/hours.ts';
import { RefIdSchema } from '../policy/schema.ts';

const nonEmptyList = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, { message: 'an empty list matches nothing: remove the condition or list values' });

/** Conditions of a route; all given ones must hold, absent ones match anything. */
export const RouteWhenSchema = z.strictObject({
  /** Brand ids. */
  brands: nonEmptyList(z.string().min(1)).optional(),
  /** Matches this severity and more severe ones (SEV2 matches SEV1 and SEV2). */
  minSeverity: SeveritySchema.optional(),
  /** Matches when the alert has at least one of these categories. */
  categories: nonEmptyList(z.string().min(1)).optional(),
  /** Language codes (e.g. fr, en). */
  languages: nonEmptyList(z.string().regex(/^[a-z]{2,3}$/, { message: 'must be a language code such as fr or en' })).optional(),
  /** Platforms the mentions came from. */
  sources: nonEmptyList(PlatformSchema).optional(),
  /** Matches only inside these hours. */
  hours: WorkingHoursSchema.optional(),
});
export type RouteWhen = z.infer<typeof RouteWhenSchema>;

export const RouteSchema = z.strictObject({
  id: RefIdSchema,
  when: RouteWhenSchema.default({}),
  team: RefIdSchema,
  /** Escalation policy; absent means the team's default policy. */
  policy: RefIdSchema.optional(),
});
export type Route = z.infer<typeof RouteSchema>;

export const DefaultRouteSchema = z.strictObject({
  team: RefIdSchema,
  policy: RefIdSchema.optional(),
});

export const RoutingConfigSchema = z.strictObject({
  routes: z.array(RouteSchema).default([]),
  default: DefaultRouteSchema,
});
export type RoutingConfig = z.infer<typeof RoutingConfigSchema>;
