import { z } from 'zod';
import { WorkspaceIdSchema } from './ids.ts';
import { PlatformSchema } from './platform.ts';

/** The longest text accepted; a longer one is rejected, never truncated silently. */
export const MAX_TEXT_BYTES = 100 * 1024;

/** The earliest and latest timestamps accepted (anything else is absurd). */
export const MIN_TIMESTAMP = Date.UTC(2006, 0, 1);
export const MAX_FUTURE_SKEW_MS = 24 * 3600 * 1000;

export const SentimentLabelSchema = z.enum(['negative', 'neutral', 'positive']);
export type SentimentLabel = z.infer<typeof SentimentLabelSchema>;

export const AuthorKindSchema = z.enum(['person', 'organisation', 'bot', 'unknown']);
export type AuthorKind = z.infer<typeof AuthorKindSchema>;

export const AuthorSchema = z.object({
  /** `<platform>:<native author id>`. */
  id: z.string().min(1).max(300),
  handle: z.string().max(300).nullable(),
  name: z.string().max(500).nullable(),
  followers: z.number().int().nonnegative().nullable(),
  verified: z.boolean(),
  kind: AuthorKindSchema,
  /** The profile's description (bio), as plain text, when the platform gives it. */
  bio: z.string().max(5000).nullable().optional(),
  /** When the account was created (epoch ms), when the platform gives it: young accounts weigh in coordination. */
  accountCreatedAt: z.number().int().nullable().optional(),
  /** How many posts the account has published in all (X `tweet_count`, Mastodon `statuses_count`). */
  posts: z.number().int().nonnegative().nullable().optional(),
  /** How many accounts it follows. */
  following: z.number().int().nonnegative().nullable().optional(),
  /** How many public lists include it (X `listed_count`): journalists and media sit on many. */
  listed: z.number().int().nonnegative().nullable().optional(),
});
export type Author = z.infer<typeof AuthorSchema>;

export const RelationsSchema = z.object({
  replyTo: z.string().nullable(),
  quoteOf: z.string().nullable(),
  repostOf: z.string().nullable(),
  conversationId: z.string().nullable(),
});
export type Relations = z.infer<typeof RelationsSchema>;

export const EngagementSchema = z.object({
  likes: z.number().int().nonnegative(),
  reposts: z.number().int().nonnegative(),
  replies: z.number().int().nonnegative(),
  quotes: z.number().int().nonnegative(),
  views: z.number().int().nonnegative().nullable(),
});
export type Engagement = z.infer<typeof EngagementSchema>;

export const StakeholderSchema = z.enum([
  'customer',
  'employee',
  'influencer',
  'journalist',
  'media',
  'brand',
  'competitor',
  'regulator',
  'unknown',
]);
export type Stakeholder = z.infer<typeof StakeholderSchema>;

export const EnrichmentSchema = z.object({
  sentiment: z
    .object({
      label: SentimentLabelSchema,
      /** Signed polarity in [-1, 1]. */
      score: z.number().min(-1).max(1),
      model: z.string(),
      /** The model's calibrated probability of its label, in [0, 1] (absent from older enrichments). */
      confidence: z.number().min(0).max(1).optional(),
      /** Why the result is a low-confidence neutral (unsupported language, empty or binary text…). */
      reason: z.string().optional(),
      /** Set when an analyst corrected the label (the model's own label is then in `modelLabel`). */
      corrected: z.boolean().optional(),
      modelLabel: SentimentLabelSchema.optional(),
    })
    .nullable(),
  categories: z.array(z.string()),
  stakeholder: StakeholderSchema.nullable(),
  /** Estimated number of people reached. */
  reach: z.number().nonnegative(),
});
export type Enrichment = z.infer<typeof EnrichmentSchema>;

export const EMPTY_ENRICHMENT: Enrichment = { sentiment: null, categories: [], stakeholder: null, reach: 0 };

/** One normalised post, comment or article. `id = <platform>:<native id>`. */
export const MentionSchema = z.object({
  id: z.string().min(3).max(400),
  workspaceId: WorkspaceIdSchema,
  platform: PlatformSchema,
  url: z.string().nullable(),
  author: AuthorSchema,
  /** Plain text (HTML stripped). */
  text: z.string(),
  /** ISO 639-1 code, or null when unknown. */
  lang: z.string().nullable(),
  /** Epoch milliseconds. */
  createdAt: z.number().int(),
  receivedAt: z.number().int(),
  /** Set when the platform reports an edit; an edited post updates its row. */
  editedAt: z.number().int().nullable(),
  /** Set when the post was deleted on its platform; its text is then purged. */
  deletedAt: z.number().int().nullable(),
  relations: RelationsSchema,
  engagement: EngagementSchema,
  brandIds: z.array(z.string()),
  /** Rule tags that matched upstream (X `matching_rules`), kept as evidence. */
  matchingRules: z.array(z.string()),
  enrichment: EnrichmentSchema,
  /**
   * The record exactly as received (JSON text for the JSON formats, the row for CSV), kept as
   * evidence; null once purged. Kept as text: the received bytes are the evidence, and a string is
   * cheap to store and to hand between threads.
   */
  raw: z.string().nullable(),
});
export type Mention = z.infer<typeof MentionSchema>;

/**
 * A mention as a source produces it: not yet scoped to a workspace, matched nor enriched.
 * `links` are the URLs the platform gives apart from the text (X entities, Bluesky facets), for
 * the matcher's `url:` operator; they are not stored apart (the raw record keeps them).
 */
export type MentionDraft = Omit<Mention, 'workspaceId' | 'brandIds' | 'enrichment'> & { links?: readonly string[] };
