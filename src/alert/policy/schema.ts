/**
 * The shapes of escalation policies and teams, as written in YAML or sent to the API, validated
 * with zod. A policy is an ordered list of steps: notify targets, wait, repeat from an earlier step,
 * continue only within working hours, call a webhook, declare an incident. Cross-references
 * (unknown users, teams, schedules, channels, policies) are checked by `validateAlerting`.
 */
import { z } from 'zod';
import { WorkingHoursSchema } from './hours.ts';

/** Ids of users, teams, schedules, channels, policies and routes: short, no spaces. */
export const RefIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/, {
    message: 'must be an id: 1–128 letters, digits, ".", "_", ":", "@" or "-", starting with a letter or digit',
  });

/** Upper bound of `repeat.times`: paging the same chain more than this is noise, not escalation. */
export const MAX_REPEAT_TIMES = 10;

/** Who a notify step pages: exactly one of a user, an on-call schedule, a team or a channel. */
export type NotifyTarget = { user: string } | { schedule: string } | { team: string } | { channel: string };
export const TARGET_KINDS = ['user', 'schedule', 'team', 'channel'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const NotifyTargetSchema = z
  .strictObject({
    user: RefIdSchema.optional(),
    schedule: RefIdSchema.optional(),
    team: RefIdSchema.optional(),
    channel: RefIdSchema.optional(),
  })
  .refine((t) => Object.values(t).filter((v) => v !== undefined).length === 1, {
    message: 'a target names exactly one of user, schedule, team or channel (e.g. { schedule: primary })',
  })
  .transform((t) => t as NotifyTarget);

/** The kind and id of a target. */
export function targetRef(t: NotifyTarget): { kind: TargetKind; id: string } {
  for (const kind of TARGET_KINDS) {
    const id = (t as Partial<Record<TargetKind, string>>)[kind];
    if (id !== undefined) return { kind, id };
  }
  throw new Error(`target ${JSON.stringify(t)} names no user, schedule, team or channel`);
}

export const NotifyStepSchema = z.strictObject({
  kind: z.literal('notify'),
  targets: z.array(NotifyTargetSchema).min(1, { message: 'a notify step needs at least one target' }),
  /** `important` follows each user's urgent notification rules. */
  urgency: z.enum(['normal', 'important'], { message: 'must be normal or important' }).default('normal'),
});

export const WaitStepSchema = z.strictObject({
  kind: z.literal('wait'),
  minutes: z
    .number({ message: 'must be a number of minutes' })
    .int({ message: 'must be a whole number of minutes' })
    .min(1, { message: 'must be at least 1 minute' })
    .max(7 * 24 * 60, { message: 'must be at most 10080 minutes (one week)' }),
});

export const RepeatStepSchema = z.strictObject({
  kind: z.literal('repeat'),
  /** The step to go back to, counted from 1 (as shown to users); must be earlier than this step. */
  fromStep: z.number({ message: 'must be a step number' }).int({ message: 'must be a whole step number' }).min(1, {
    message: 'must be a step number counted from 1',
  }),
  /** How many more times to run steps fromStep … this one. */
  times: z
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(MAX_REPEAT_TIMES, { message: `must be at most ${MAX_REPEAT_TIMES}` }),
});

export const WorkingHoursStepSchema = z.strictObject({
  kind: z.literal('workingHours'),
  hours: WorkingHoursSchema,
});

/** Calls a shared webhook channel (`channels:` of the alerting file, which holds its URL and signing secret) with the alert. */
export const WebhookStepSchema = z.strictObject({
  kind: z.literal('webhook'),
  channel: RefIdSchema,
});

export const DeclareIncidentStepSchema = z.strictObject({
  kind: z.literal('declareIncident'),
});

export const STEP_KINDS = ['notify', 'wait', 'repeat', 'workingHours', 'webhook', 'declareIncident'] as const;

export const PolicyStepSchema = z.discriminatedUnion(
  'kind',
  [NotifyStepSchema, WaitStepSchema, RepeatStepSchema, WorkingHoursStepSchema, WebhookStepSchema, DeclareIncidentStepSchema],
);
export type PolicyStep = z.infer<typeof PolicyStepSchema>;
export type NotifyStep = z.infer<typeof NotifyStepSchema>;

export const PolicySchema = z.strictObject({
  id: RefIdSchema,
  name: z.string().min(1, { message: 'must not be empty' }),
  steps: z.array(PolicyStepSchema).min(1, { message: 'a policy needs at least one step' }),
});
export type Policy = z.infer<typeof PolicySchema>;

export const TeamSchema = z.strictObject({
  id: RefIdSchema,
  name: z.string().min(1, { message: 'must not be empty' }),
  /** User ids. */
  members: z.array(RefIdSchema).min(1, { message: 'a team needs at least one member' }),
  /** Policy used by routes to this team that name none. */
  defaultPolicy: RefIdSchema,
});
export type Team = z.infer<typeof TeamSchema>;
