import type { Context } from 'hono';
import type { z } from 'zod';
import { fromZodError } from './errors.ts';

/** Validates the query string once, at the boundary; throws a 400 naming each bad parameter. */
export function validQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw fromZodError(parsed.error, 'query');
  return parsed.data;
}

/** Validates the path parameters. */
export function validParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.param());
  if (!parsed.success) throw fromZodError(parsed.error, 'path');
  return parsed.data;
}
