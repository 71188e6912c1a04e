import { z } from 'zod';
import { BrandIdParam, TimeParam, intParam } from './params.ts';

export const DEFAULT_MENTION_LIMIT = 50;
export const MAX_MENTION_LIMIT = 500;

/** `GET /api/mentions?brand&q&from&to&cursor&limit` — newest first. */
export const MentionsQuerySchema = z.strictObject({
  brand: BrandIdParam.optional(),
  q: z.string().trim().min(1, 'expected a non-empty search').max(500, 'expected at most 500 characters').optional(),
  from: TimeParam.optional(),
  to: TimeParam.optional(),
  cursor: z.string().min(1, 'expected the nextCursor of the previous page').max(2000).optional(),
  limit: intParam(1, MAX_MENTION_LIMIT).default(DEFAULT_MENTION_LIMIT),
});
