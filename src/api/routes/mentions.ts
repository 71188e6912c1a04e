import type { Hono } from 'hono';
import type { MentionQuery } from '../../store/store.ts';
import { timed, type ResolvedDeps } from '../deps.ts';
import { ApiError, fromStoreError } from '../errors.ts';
import { presentMention } from '../presenters/mention.ts';
import { MentionsQuerySchema } from '../schemas/mentions.ts';
import { checkWindow } from '../schemas/window.ts';
import { validQuery } from '../validate.ts';
import { requireBrand } from './brands.ts';

/** `GET /api/mentions`: full-text search, newest first, cursor-paginated. */
export function registerMentionRoutes(app: Hono, deps: ResolvedDeps): void {
  app.get('/api/mentions', async (c) => {
    const query = validQuery(c, MentionsQuerySchema);
    checkWindow(query.from, query.to);
    if (query.brand !== undefined) await requireBrand(deps, query.brand, 'brand');
    const search: MentionQuery = { limit: query.limit };
    if (query.brand !== undefined) search.brandId = query.brand;
    if (query.q !== undefined) search.q = query.q;
    if (query.from !== undefined) search.from = query.from;
    if (query.to !== undefined) search.to = query.to;
    if (query.cursor !== undefined) search.cursor = query.cursor;
    const page = await timed(deps, 'searchMentions', () => deps.store.searchMentions(deps.workspaceId, search)).catch(
      (err: unknown) => {
        const apiError = fromStoreError(err);
        if (apiError?.code === 'bad_request' && query.cursor !== undefined && /cursor/i.test(apiError.message)) {
          throw new ApiError('bad_request', `invalid query parameters: cursor: ${apiError.message}`, [
            { parameter: 'cursor', in: 'query', message: apiError.message },
          ]);
        }
        throw err;
      },
    );
    return c.json({ mentions: page.items.map((m) => presentMention(m)), nextCursor: page.nextCursor });
  });
}
