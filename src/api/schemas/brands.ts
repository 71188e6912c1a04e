import { z } from 'zod';
import { BrandIdParam } from './params.ts';

export const BrandParamsSchema = z.object({ id: BrandIdParam });
export const NoQuerySchema = z.strictObject({});
