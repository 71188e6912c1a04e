import type { Context, Hono } from 'hono';
import type { CorrectionQuery, NewSentimentCorrection, SentimentCorrection } from '../../store/store.ts';
import { StoreError } from '../../store/store.ts';
import { timed, type ResolvedDeps } from '../deps.ts';
import { ApiError, fromZodError } from '../errors.ts';
import { presentCorrection } from '../presenters/correction.ts';
import { presentMention } from '../presenters/mention.ts';
import { BrandParamsSchema, NoQuerySchema } from '../schemas/brands.ts';
import { CorrectionBodySchema, CorrectionsQuerySchema, MAX_CORRECTION_BODY_BYTES, MentionParamsSchema } from '../schemas/corrections.ts';
import { validParams, validQuery } from '../validate.ts';
import { requireBrand } from './brands.ts';

/** Who a correction is attributed to when the request does not say (there are no API accounts yet). */
export const DEFAULT_CORRECTION_BY = 'api';

export interface CorrectionRouteOptions {
  /** Called after each stored correction (e.g. to refit the brand's sentiment adapter); its failure is logged, not returned. */
  onCorrection?: (correction: SentimentCorrection) => void | Promise<void>;
}

/**
 * `POST /api/mentions/:id/sentiment` (an analyst corrects a mention's sentiment for one of its
 * brands; answers 201 with the correction and the mention as now stored) and
 * `GET /api/brands/:id/corrections` (a brand's corrections, newest first, cursor-paginated).
 */
export function registerCorrectionRoutes(app: Hono, deps: ResolvedDeps, options: CorrectionRouteOptions = {}): void {
  app.post('/api/mentions/:id/sentiment', async (c) => {
    const { id } = validParams(c, MentionParamsSchema);
    validQuery(c, NoQuerySchema);
    const body = CorrectionBodySchema.safeParse(await jsonBody(c));
    if (!body.success) throw fromZodError(body.error, 'body');
    const input: NewSentimentCorrection = { mentionId: id, label: body.data.label, by: body.data.by ?? DEFAULT_CORRECTION_BY, at: deps.clock.now() };
    if (body.data.brandId !== undefined) input.brandId = body.data.brandId;
    if (body.data.note !== undefined) input.note = body.data.note;
    const correction = await timed(deps, 'addSentimentCorrection', () => deps.store.addSentimentCorrection(deps.workspaceId, input)).catch((e: unknown) => {
      throw correctionError(e, id);
    });
    if (options.onCorrection) {
      try {
        await options.onCorrection(correction);
      } catch (err) {
        deps.logger.error({ err, correction: correction.id, brand: correction.brandId }, 'after a sentiment correction');
      }
    }
    const mention = await timed(deps, 'getMention', () => deps.store.getMention(deps.workspaceId, id));
    return c.json({ correction: presentCorrection(correction), mention: mention === null ? null : presentMention(mention) }, 201);
  });

  app.get('/api/brands/:id/corrections', async (c) => {
    const { id } = validParams(c, BrandParamsSchema);
    const query = validQuery(c, CorrectionsQuerySchema);
    await requireBrand(deps, id, 'id');
    const list: CorrectionQuery = { brandId: id, limit: query.limit, currentOnly: query.current };
    if (query.since !== undefined) list.since = query.since;
    if (query.cursor !== undefined) list.cursor = query.cursor;
    const page = await timed(deps, 'listSentimentCorrections', () => deps.store.listSentimentCorrections(deps.workspaceId, list));
    return c.json({ brandId: id, corrections: page.items.map(presentCorrection), nextCursor: page.nextCursor });
  });
}

/** The request body as JSON: a 400 for a body that is not JSON or too large. */
async function jsonBody(c: Context): Promise<unknown> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_CORRECTION_BODY_BYTES) throw tooLarge();
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_CORRECTION_BODY_BYTES) throw tooLarge();
  if (text.trim().length === 0) {
    throw new ApiError('bad_request', 'invalid body: expected a JSON object such as {"label": "negative", "brandId": "lumen", "by": "ana@example.org"}', [
      { parameter: null, in: 'body', message: 'empty body' },
    ]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new ApiError('bad_request', `invalid body: not JSON (${why})`, [{ parameter: null, in: 'body', message: `not JSON: ${why}` }]);
  }
}

function tooLarge(): ApiError {
  return new ApiError('bad_request', `invalid body: larger than ${MAX_CORRECTION_BODY_BYTES} bytes`, [{ parameter: null, in: 'body', message: 'too large' }]);
}

/** The store's refusals, as the API's errors naming what to fix. */
function correctionError(e: unknown, id: string): unknown {
  if (!(e instanceof StoreError)) return e;
  if (e.code === 'not_found') return new ApiError('not_found', e.message, { parameter: 'id', value: id });
  if (e.code === 'invalid') {
    const parameter = /^brand/.test(e.message) ? 'brandId' : 'id';
    return new ApiError('bad_request', e.message, [{ parameter, in: parameter === 'id' ? 'path' : 'body', message: e.message }]);
  }
  return e;
}
