import { z } from 'zod';

/** Where a mention comes from. `csv` and `webhook` are generic imports. */
export const PlatformSchema = z.enum(['x', 'bluesky', 'mastodon', 'reddit', 'rss', 'webhook', 'csv']);
export type Platform = z.infer<typeof PlatformSchema>;
export const PLATFORMS = PlatformSchema.options;
