import { z } from 'zod';
import { SeveritySchema, SignalKindSchema } from '../../domain/signal.ts';
import { decodeCursor } from '../../store/cursor.ts';
import { BrandIdParam, TimeParam, intParam } from './params.ts';

export const DEFAULT_SIGNAL_LIMIT = 50;
export const MAX_SIGNAL_LIMIT = 500;

export const SignalListParamsSchema = z.object({ id: BrandIdParam });

/** A signal id: what the detector made (1–200 characters, no control characters). */
export const SignalParamsSchema = z.object({
  id: z
    .string()
    .min(1, 'expected a signal id')
    .max(200, 'expected at most 200 characters')
    // No stored id holds one (NUL is refused by the store), and they have no place in a URL.
    .regex(/^[^\u0000-\u001f\u007f]+$/, 'a signal id has no control characters'),
});

const oneOf = (values: readonly string[], got: string): string => `expected one of ${values.join(', ')}, got ${JSON.stringify(got.slice(0, 60))}`;

/** SEV1–SEV4, any case. */
const SeverityParam = z.string().transform((s, ctx) => {
  const parsed = SeveritySchema.safeParse(s.trim().toUpperCase());
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: `${oneOf(SeveritySchema.options, s)} (SEV2 keeps SEV1 and SEV2)` });
    return z.NEVER;
  }
  return parsed.data;
});

const KindParam = z.string().transform((s, ctx) => {
  const parsed = SignalKindSchema.safeParse(s.trim());
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: oneOf(SignalKindSchema.options, s) });
    return z.NEVER;
  }
  return parsed.data;
});

const StatusParam = z.string().transform((s, ctx) => {
  const v = s.trim();
  if (v !== 'open' && v !== 'closed') {
    ctx.addIssue({ code: 'custom', message: oneOf(['open', 'closed'], s) });
    return z.NEVER;
  }
  return v;
});

const BoolParam = z.string().transform((s, ctx) => {
  const v = s.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  ctx.addIssue({ code: 'custom', message: `expected true or false, got ${JSON.stringify(s.slice(0, 60))}` });
  return z.NEVER;
});

/** The nextCursor of the previous page, checked here so that a bad one is a 400 naming `cursor`. */
const CursorParam = z.string().superRefine((s, ctx) => {
  try {
    decodeCursor(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : String(e) });
  }
});

/**
 * `GET /api/brands/:id/signals?status&kind&minSeverity&from&to&cursor&limit&drill` — newest
 * first; from/to bound the start of the signal; drill=true also lists drill and replay signals.
 */
export const SignalsQuerySchema = z.strictObject({
  status: StatusParam.optional(),
  kind: KindParam.optional(),
  minSeverity: SeverityParam.optional(),
  from: TimeParam.optional(),
  to: TimeParam.optional(),
  cursor: CursorParam.optional(),
  limit: intParam(1, MAX_SIGNAL_LIMIT).default(DEFAULT_SIGNAL_LIMIT),
  drill: BoolParam.default(false),
});
