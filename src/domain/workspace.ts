import { z } from 'zod';
import { WorkspaceIdSchema } from './ids.ts';

/** A tenant: a company, or one of an agency's clients. */
export const WorkspaceSchema = z.object({
  id: WorkspaceIdSchema,
  name: z.string().min(1).max(200),
  createdAt: z.number().int(),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;
