import { z } from 'zod';
import { SENTIMENT_LABELS } from '../../understand/sentiment/types.ts';
import { MAX_BY_LENGTH, MAX_NOTE_LENGTH, decodeCorrectionCursor } from '../../store/correction-row.ts';
import { BrandIdParam, TimeParam, intParam } from './params.ts';

/** Requests of the corrections routes: one schema each, validated once at the boundary. */

export const DEFAULT_CORRECTION_LIMIT = 50;
export const MAX_CORRECTION_LIMIT = 500;
/** A correction body is small (a label, a brand, a name, a note): anything larger is refused unread. */
export const MAX_CORRECTION_BODY_BYTES = 16 * 1024;

/** A mention id in the path (URL-encoded by the client: Mastodon ids hold slashes). */
export const MentionParamsSchema = z.object({
  id: z
    .string()
    .min(3, 'expected a mention id such as x:1790000000000000000')
    .max(400, 'expected at most 400 characters')
    .regex(/^[^\u0000-\u001f\u007f]+$/, 'a mention id has no control characters'),
});

const LabelField = z.string().transform((s, ctx) => {
  const v = s.trim().toLowerCase();
  if (!(SENTIMENT_LABELS as readonly string[]).includes(v)) {
    ctx.addIssue({ code: 'custom', message: `expected negative, neutral or positive, got ${JSON.stringify(s.slice(0, 60))}` });
    return z.NEVER;
  }
  return v as (typeof SENTIMENT_LABELS)[number];
});

/** `POST /api/mentions/:id/sentiment` body. */
export const CorrectionBodySchema = z.strictObject({
  label: LabelField,
  brandId: BrandIdParam.optional(),
  by: z.string().trim().min(1, 'expected who corrects, e.g. an e-mail address').max(MAX_BY_LENGTH, `expected at most ${MAX_BY_LENGTH} characters`).optional(),
  note: z.string().max(MAX_NOTE_LENGTH, `expected at most ${MAX_NOTE_LENGTH} characters`).nullable().optional(),
});
export type CorrectionBody = z.output<typeof CorrectionBodySchema>;

const CursorParam = z.string().superRefine((s, ctx) => {
  try {
    decodeCorrectionCursor(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : String(e) });
  }
});

const BoolParam = z.string().transform((s, ctx) => {
  const v = s.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  ctx.addIssue({ code: 'custom', message: `expected true or false, got ${JSON.stringify(s.slice(0, 60))}` });
  return z.NEVER;
});

/** `GET /api/brands/:id/corrections?since&current&cursor&limit` — newest first; current=true keeps the corrections in force. */
export const CorrectionsQuerySchema = z.strictObject({
  since: TimeParam.optional(),
  current: BoolParam.default(false),
  cursor: CursorParam.optional(),
  limit: intParam(1, MAX_CORRECTION_LIMIT).default(DEFAULT_CORRECTION_LIMIT),
});
