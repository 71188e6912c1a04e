import type { Hono } from 'hono';
import type { SignalQuery } from '../../store/store.ts';
import { timed, type ResolvedDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { presentSignal } from '../presenters/signal.ts';
import { NoQuerySchema } from '../schemas/brands.ts';
import { SignalListParamsSchema, SignalParamsSchema, SignalsQuerySchema } from '../schemas/signals.ts';
import { checkWindow } from '../schemas/window.ts';
import { validParams, validQuery } from '../validate.ts';
import { requireBrand } from './brands.ts';

/** `GET /api/brands/:id/signals` (newest first, cursor-paginated, evidence included) and `GET /api/signals/:id`. */
export function registerSignalRoutes(app: Hono, deps: ResolvedDeps): void {
  app.get('/api/brands/:id/signals', async (c) => {
    const { id } = validParams(c, SignalListParamsSchema);
    const query = validQuery(c, SignalsQuerySchema);
    checkWindow(query.from, query.to);
    await requireBrand(deps, id, 'id');
    const list: SignalQuery = { brandId: id, limit: query.limit, includeDrill: query.drill };
    if (query.status !== undefined) list.status = query.status;
    if (query.kind !== undefined) list.kind = query.kind;
    if (query.minSeverity !== undefined) list.minSeverity = query.minSeverity;
    if (query.from !== undefined) list.from = query.from;
    if (query.to !== undefined) list.to = query.to;
    if (query.cursor !== undefined) list.cursor = query.cursor;
    const page = await timed(deps, 'listSignals', () => deps.store.listSignals(deps.workspaceId, list));
    return c.json({ brandId: id, signals: page.items.map(presentSignal), nextCursor: page.nextCursor });
  });

  app.get('/api/signals/:id', async (c) => {
    const { id } = validParams(c, SignalParamsSchema);
    validQuery(c, NoQuerySchema);
    const signal = await timed(deps, 'getSignal', () => deps.store.getSignal(deps.workspaceId, id));
    if (signal === null) {
      throw new ApiError('not_found', `no signal "${id}" in workspace "${deps.workspaceId}"`, { parameter: 'id', value: id });
    }
    return c.json(presentSignal(signal));
  });
}
