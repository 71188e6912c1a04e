/**
 * A user's contacts and personal notification rules, and the plan they give for one page.
 *
 * Escalation policies say *who* is paged; each user says *how*: an ordered list of steps
 * (`notify` one of their contacts, `wait` N minutes), one set for normal pages and one for
 * important pages ("e-mail, wait 5 min, SMS" vs "SMS and Slack at once, wait 2 min, SMS again").
 * `validateUser` checks a raw user (from YAML, JSON or the API) and reports every problem with the
 * path of the offending field; `planUserNotifications` turns the rules into timed deliveries.
 */
import { z } from 'zod';
import type { Urgency } from '../message.ts';
import { RefIdSchema } from '../policy/schema.ts';
import { formatPath, type Problem } from '../policy/validate.ts';
import { isTimeZone, MINUTE_MS } from '../time/tz.ts';
import { isEmailAddress } from '../channels/email/channel.ts';
import { isE164 } from '../channels/sms/channel.ts';
import { checkSlackTarget } from '../channels/slack/slack-channel.ts';
import { checkTeamsTarget } from '../channels/teams/teams-channel.ts';
import { checkWebhookTarget } from '../channels/webhook/webhook-channel.ts';

export { formatPath, type Problem };

/**
 * The channel kinds a user's contact can use. `inapp` pages the user's open Vigie windows (server-sent
 * events); its target names the user, and is filled in with the owning user's id when left out.
 */
export const CONTACT_CHANNELS = ['email', 'sms', 'slack', 'teams', 'webhook', 'inapp'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Longest wait in a user's rules: one day (personal rules run inside an escalation, not across weeks). */
export const MAX_RULE_WAIT_MINUTES = 24 * 60;
/** Most steps in one rule set (more is a configuration mistake, and each is a page). */
export const MAX_RULE_STEPS = 50;

const EmailTargetSchema = z.strictObject({
  to: z.string({ message: 'is required (an e-mail address)' }).refine(isEmailAddress, {
    message: 'must be one plain e-mail address such as ana@example.com (no name, no commas)',
  }),
});
const SmsTargetSchema = z.strictObject({
  to: z.string({ message: 'is required (a phone number)' }).refine(isE164, {
    message: 'must be a phone number in E.164 form: "+" then the country code and number, no spaces (e.g. +33612345678)',
  }),
});
/** Adds the channel's own target check (URL scheme, webhook secret) as an issue on `field`. */
function checked<T extends z.ZodType>(schema: T, check: (t: z.infer<T>) => string | undefined, field: string) {
  return schema.superRefine((t, ctx) => {
    const error = check(t);
    if (error !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: error });
  });
}
const UrlTargetSchema = z.strictObject({ url: z.string({ message: 'is required (an https:// URL)' }) });
const SlackTargetSchema = checked(UrlTargetSchema, checkSlackTarget, 'url');
const TeamsTargetSchema = checked(UrlTargetSchema, checkTeamsTarget, 'url');
const WebhookTargetSchema = checked(
  z.strictObject({
    url: z.string({ message: 'is required (an https:// URL)' }),
    secret: z.string({ message: 'is required (whsec_ + base64 of 32 random bytes)' }),
  }),
  (t) => checkWebhookTarget(t),
  'secret',
);

/** The user whose open Vigie windows an in-app contact pages. */
const InAppTargetSchema = z.strictObject({ user: RefIdSchema });

const OTHER_CONTACTS = [
  z.strictObject({ id: RefIdSchema, channel: z.literal('email'), target: EmailTargetSchema }),
  z.strictObject({ id: RefIdSchema, channel: z.literal('sms'), target: SmsTargetSchema }),
  z.strictObject({ id: RefIdSchema, channel: z.literal('slack'), target: SlackTargetSchema }),
  z.strictObject({ id: RefIdSchema, channel: z.literal('teams'), target: TeamsTargetSchema }),
  z.strictObject({ id: RefIdSchema, channel: z.literal('webhook'), target: WebhookTargetSchema }),
] as const;
const CHANNEL_MESSAGE = { message: `must be one of ${CONTACT_CHANNELS.join(', ')}` };

/** A complete contact, as the engine stores and delivers it (an in-app contact names its user). */
export const ContactSchema = z.discriminatedUnion(
  'channel',
  [...OTHER_CONTACTS, z.strictObject({ id: RefIdSchema, channel: z.literal('inapp'), target: InAppTargetSchema })],
  CHANNEL_MESSAGE,
);
export type Contact = z.infer<typeof ContactSchema>;

/** A contact as written in a user (YAML, JSON, API): an in-app contact may leave its target out. */
const UserContactSchema = z.discriminatedUnion(
  'channel',
  [...OTHER_CONTACTS, z.strictObject({ id: RefIdSchema, channel: z.literal('inapp'), target: InAppTargetSchema.optional() })],
  CHANNEL_MESSAGE,
);

/** One step of a user's rules: page one contact, or wait (two waits in a row simply add up). */
export type RuleStep = { notify: string } | { wait: number };

export const RuleStepSchema = z
  .strictObject(
    {
      notify: RefIdSchema.optional(),
      wait: z
        .number({ message: 'must be a number of minutes' })
        .int({ message: 'must be a whole number of minutes' })
        .min(1, { message: 'must be at least 1 minute' })
        .max(MAX_RULE_WAIT_MINUTES, { message: `must be at most ${MAX_RULE_WAIT_MINUTES} minutes (one day)` })
        .optional(),
    },
    { message: 'a rule step is either { notify: <contact id> } or { wait: <minutes> }' },
  )
  .refine((s) => (s.notify === undefined) !== (s.wait === undefined), {
    message: 'a rule step is either { notify: <contact id> } or { wait: <minutes> }, exactly one of the two',
  })
  .transform((s): RuleStep => (s.notify !== undefined ? { notify: s.notify } : { wait: s.wait as number }));

const RuleSetSchema = z
  .array(RuleStepSchema, { message: 'must be a list of steps' })
  .min(1, { message: 'is empty: add at least one { notify: <contact id> } step' })
  .max(MAX_RULE_STEPS, { message: `has more than ${MAX_RULE_STEPS} steps` });

const UserShapeSchema = z.strictObject({
  id: RefIdSchema,
  name: z.string({ message: 'is required (the name shown in pages)' }).trim().min(1, { message: 'must not be empty' }).max(200),
  email: z.string().refine(isEmailAddress, { message: 'must be one plain e-mail address such as ana@example.com' }).optional(),
  phone: z
    .string()
    .refine(isE164, { message: 'must be in E.164 form: "+" then the country code and number, no spaces (e.g. +33612345678)' })
    .optional(),
  lang: z.enum(['fr', 'en'], { message: 'must be fr or en' }),
  timeZone: z.string({ message: 'is required (an IANA time zone such as Europe/Paris)' }).refine(isTimeZone, {
    message: 'must be an IANA time zone such as Europe/Paris or America/Montreal',
  }),
  contacts: z.array(UserContactSchema, { message: 'must be a list of contacts' }).min(1, { message: 'is empty: add at least one contact' }),
  rules: z.strictObject({ default: RuleSetSchema, important: RuleSetSchema }),
});

/** A user; its in-app contacts come out with `target: { user: <the user's id> }` filled in. */
export const UserSchema = UserShapeSchema.transform((u) => ({
  ...u,
  contacts: u.contacts.map((c): Contact => (c.channel === 'inapp' ? { ...c, target: c.target ?? { user: u.id } } : c)),
}));
export type User = z.infer<typeof UserSchema>;

export type UserResult = { ok: true; user: User } | { ok: false; problems: Problem[] };

/** Messages for issues whose schema gives none: a missing field says so. */
const missingIsRequired = (iss: z.core.$ZodRawIssue): string | undefined =>
  iss.code === 'invalid_type' && iss.input === undefined ? 'is required' : undefined;

function zodProblems(error: z.ZodError): Problem[] {
  const out: Problem[] = [];
  for (const iss of error.issues) {
    const path = iss.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (iss.code === 'unrecognized_keys') {
      for (const k of iss.keys) out.push({ path: [...path, k], message: `unknown field "${k}" (check its spelling)` });
    } else {
      out.push({ path, message: iss.message });
    }
  }
  return out;
}

/**
 * Checks a raw user: its shape (every field, every contact target per channel kind), then that
 * contact ids are unique, that every `notify` names one of the user's contacts, and that each rule
 * set notifies someone. Every problem is returned, with its path (`rules.important[2].notify`).
 */
export function validateUser(raw: unknown): UserResult {
  const parsed = UserSchema.safeParse(raw, { error: missingIsRequired });
  if (!parsed.success) {
    const problems = zodProblems(parsed.error);
    // Reference checks still run on what is readable, so a user sees everything in one go.
    problems.push(...referenceProblems(raw));
    return { ok: false, problems: dedupe(problems) };
  }
  const problems = referenceProblems(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, user: parsed.data };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${formatPath(p.path)}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Duplicate contact ids, in-app contacts naming another user, unknown contacts in rules, rule sets
 * that notify nobody (on raw or parsed input).
 */
function referenceProblems(raw: unknown): Problem[] {
  const problems: Problem[] = [];
  if (typeof raw !== 'object' || raw === null) return problems;
  const { id: userId, contacts, rules } = raw as { id?: unknown; contacts?: unknown; rules?: unknown };
  const ids = new Map<string, number>();
  if (Array.isArray(contacts)) {
    contacts.forEach((c, i) => {
      const { id, channel, target } = (c ?? {}) as { id?: unknown; channel?: unknown; target?: unknown };
      const named = (target as { user?: unknown } | null | undefined)?.user;
      if (channel === 'inapp' && typeof userId === 'string' && typeof named === 'string' && named !== userId)
        problems.push({
          path: ['contacts', i, 'target', 'user'],
          message: `names user "${named}", but an in-app contact can only page its own user "${userId}"; leave target out (or write user: ${userId})`,
        });
      if (typeof id !== 'string') return;
      const first = ids.get(id);
      if (first !== undefined) problems.push({ path: ['contacts', i, 'id'], message: `duplicate contact id "${id}" (already used by contacts[${first}])` });
      else ids.set(id, i);
    });
  }
  if (typeof rules !== 'object' || rules === null) return problems;
  for (const set of ['default', 'important'] as const) {
    const steps = (rules as Record<string, unknown>)[set];
    if (!Array.isArray(steps) || steps.length === 0) continue;
    let notifies = 0;
    steps.forEach((s, j) => {
      const contactId = (s as { notify?: unknown } | null)?.notify;
      if (typeof contactId !== 'string') return;
      notifies++;
      if (Array.isArray(contacts) && !ids.has(contactId)) {
        const known = [...ids.keys()];
        problems.push({
          path: ['rules', set, j, 'notify'],
          message: `unknown contact "${contactId}"; use one of the user's contacts${known.length > 0 ? ` (${known.join(', ')})` : ''}`,
        });
      }
    });
    if (notifies === 0) problems.push({ path: ['rules', set], message: 'notifies nothing: add a { notify: <contact id> } step' });
  }
  return problems;
}

/** One delivery planned by a user's rules: at `at` (epoch ms), through `contactId`. */
export interface PlannedNotification {
  at: number;
  /** Index of the rule step that asked for it (part of the delivery's idempotency key). */
  step: number;
  contactId: string;
  channel: ContactChannel;
  target: Contact['target'];
}

/**
 * The deliveries a page gives for this user: the `important` rules for important pages, the
 * `default` ones otherwise; waits accumulate from `startAt`, notifies with no wait between them go
 * out at the same time. Expects a validated user (see `validateUser`); throws if a rule names a
 * contact the user does not have, since that is a programming error once validated.
 */
export function planUserNotifications(user: User, urgency: Urgency, startAt: number): PlannedNotification[] {
  if (!Number.isFinite(startAt)) throw new RangeError(`planUserNotifications: startAt must be an epoch time in ms (got ${startAt})`);
  const steps = urgency === 'important' ? user.rules.important : user.rules.default;
  const contacts = new Map(user.contacts.map((c) => [c.id, c]));
  const plan: PlannedNotification[] = [];
  let at = startAt;
  steps.forEach((step, i) => {
    if ('wait' in step) {
      at += step.wait * MINUTE_MS;
      return;
    }
    const contact = contacts.get(step.notify);
    if (contact === undefined)
      throw new Error(`user "${user.id}": rules.${urgency === 'important' ? 'important' : 'default'}[${i}] names unknown contact "${step.notify}" (validate the user first)`);
    plan.push({ at, step: i, contactId: contact.id, channel: contact.channel, target: contact.target });
  });
  return plan;
}
