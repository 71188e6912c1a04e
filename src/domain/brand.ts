import { z } from 'zod';
import { SlugSchema, WorkspaceIdSchema } from './ids.ts';

/** A boolean listening query (see src/listen/query) attached to a brand. */
export const ListeningQuerySchema = z.object({
  id: SlugSchema,
  text: z.string().min(1).max(4096),
  enabled: z.boolean().default(true),
});
export type ListeningQuery = z.infer<typeof ListeningQuerySchema>;

const Handle = z.string().min(1).max(100);
const Domain = z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain such as example.com');

/** What is watched: names, handles, keywords, listening queries, languages, owned and employee accounts. */
export const BrandSchema = z.object({
  id: SlugSchema,
  workspaceId: WorkspaceIdSchema,
  name: z.string().min(1).max(200),
  /** Other names the brand goes by (products, abbreviations). */
  aliases: z.array(z.string().min(1).max(200)).default([]),
  /** Its accounts' handles on social platforms, without "@". */
  handles: z.array(Handle).default([]),
  keywords: z.array(z.string().min(1).max(200)).default([]),
  queries: z.array(ListeningQuerySchema).default([]),
  /** ISO 639-1 codes; empty means every language. */
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).default([]),
  ownedAccounts: z.array(Handle).default([]),
  employeeHandles: z.array(Handle).default([]),
  employeeDomains: z.array(Domain).default([]),
  createdAt: z.number().int(),
});
export type Brand = z.infer<typeof BrandSchema>;

/** What a caller gives to create a brand (the store fills workspaceId and createdAt). */
export const NewBrandSchema = BrandSchema.omit({ workspaceId: true, createdAt: true });
export type NewBrand = z.input<typeof NewBrandSchema>;
