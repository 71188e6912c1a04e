import { z } from 'zod';

/**
 * A workspace id is a tenant id. It is branded so that repository functions, which all take it
 * as their first argument, cannot be handed an arbitrary string by mistake.
 */
export type WorkspaceId = string & { readonly __brand: 'WorkspaceId' };

export const WorkspaceIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a workspace id is 1–63 lowercase letters, digits, "-" or "_"')
  .transform((s) => s as WorkspaceId);

export function workspaceId(value: string): WorkspaceId {
  return WorkspaceIdSchema.parse(value);
}

/** The workspace `vigie` uses when none is configured. */
export const DEFAULT_WORKSPACE = 'default' as WorkspaceId;

export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'an id is 1–63 lowercase letters, digits, "-" or "_"');
