/** Query, path and body schemas of the alert and dead-letter routes (strict: unknown parameters are refused). */
import { z } from 'zod';
import { AlertStatusSchema } from '../../alert/alert.ts';
import { intParam, parseTime, TimeParam } from './params.ts';

const Id = z.string().min(1, { error: 'expected an id' }).max(200, { error: 'expected an id of at most 200 characters' });

export const AlertParamsSchema = z.strictObject({ id: Id });
export const TokenParamsSchema = z.strictObject({ token: z.string().min(1).max(4096) });

export const AlertsQuerySchema = z.strictObject({
  status: AlertStatusSchema.optional(),
  brand: z.string().min(1).max(100).optional(),
  since: TimeParam.optional(),
  cursor: z.string().min(1).max(500).optional(),
  limit: intParam(1, 500).default(50),
});

export const QualityQuerySchema = z.strictObject({ from: TimeParam.optional(), to: TimeParam.optional() });

export const DeadLettersQuerySchema = z.strictObject({
  cursor: z.string().min(1).max(500).optional(),
  limit: intParam(1, 500).default(50),
});

const By = z.string().trim().min(1, { error: 'expected who acts (a user id or e-mail)' }).max(200).optional();

export const AckBodySchema = z.strictObject({ by: By });

export const ResolveBodySchema = z.strictObject({
  by: By,
  note: z.string().max(4000, { error: 'expected a note of at most 4000 characters' }).nullable().optional(),
  falseAlarm: z.boolean({ error: 'expected true or false' }).optional(),
});

export const SilenceBodySchema = z.strictObject({
  by: By,
  /** ISO 8601 (or epoch ms); null or absent: silenced for good. */
  until: z
    .union([z.string(), z.number()])
    .nullable()
    .optional()
    .transform((v, ctx) => {
      if (v === null || v === undefined) return null;
      const t = parseTime(String(v));
      if (t === null) {
        ctx.addIssue({ code: 'custom', message: `expected an ISO 8601 time such as 2026-03-09T18:00:00Z, epoch ms, or null for good; got ${JSON.stringify(String(v).slice(0, 60))}` });
        return z.NEVER;
      }
      return t;
    }),
});
