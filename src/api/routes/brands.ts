import type { Hono } from 'hono';
import type { Brand } from '../../domain/brand.ts';
import { timed, type ResolvedDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { presentBrand } from '../presenters/brand.ts';
import { BrandParamsSchema, NoQuerySchema } from '../schemas/brands.ts';
import { validParams, validQuery } from '../validate.ts';

/** The brand with this id, or a 404 naming it. */
export async function requireBrand(deps: ResolvedDeps, id: string, parameter: string): Promise<Brand> {
  const brand = await timed(deps, 'getBrand', () => deps.store.getBrand(deps.workspaceId, id));
  if (brand === null) {
    throw new ApiError('not_found', `no brand "${id}" in workspace "${deps.workspaceId}"`, { parameter, value: id });
  }
  return brand;
}

/** `GET /api/brands` and `GET /api/brands/:id`. */
export function registerBrandRoutes(app: Hono, deps: ResolvedDeps): void {
  app.get('/api/brands', async (c) => {
    validQuery(c, NoQuerySchema);
    const brands = await timed(deps, 'listBrands', () => deps.store.listBrands(deps.workspaceId));
    return c.json({ brands: brands.map(presentBrand) });
  });

  app.get('/api/brands/:id', async (c) => {
    const { id } = validParams(c, BrandParamsSchema);
    validQuery(c, NoQuerySchema);
    return c.json(presentBrand(await requireBrand(deps, id, 'id')));
  });
}
