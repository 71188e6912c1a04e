/**
 * Every kind of live source: its configuration schema (what a `sources:` entry holds besides
 * `id`, `kind` and `enabled`), the keys of that configuration that hold secrets (dotted paths,
 * `*` for every element of a list: they must be `env:NAME` or `enc:v1:…` in vigie.yaml) and its
 * factory. Adding a connector is one line here.
 */
import type { z } from 'zod';
import { createBlueskySource } from '../bluesky/bluesky-source.ts';
import { BlueskySourceConfigSchema } from '../bluesky/bluesky-config.ts';
import type { LiveSource, LiveSourceDeps, SourceKind } from '../live/live-source.ts';
import { createMastodonSource } from '../mastodon/mastodon-source.ts';
import { MastodonSourceConfigSchema } from '../mastodon/mastodon-config.ts';
import { createRedditSource } from '../reddit/reddit-source.ts';
import { RedditSourceConfigSchema } from '../reddit/config.ts';
import { createRssSource } from '../rss/rss-source.ts';
import { RssSourceConfigSchema } from '../rss/rss-config.ts';
import { createWebhookSource } from '../webhook/webhook-source.ts';
import { WebhookSourceConfigSchema } from '../webhook/webhook-config.ts';
import { createXSource } from '../x/x-source.ts';
import { XSourceConfigSchema } from '../x/x-config.ts';

export { SOURCE_KINDS, type SourceKind } from '../live/live-source.ts';

export interface SourceKindEntry {
  /** Strict zod schema of the kind's own keys; every key `.describe()`d (docs/sources.md is made from it). */
  schema: z.ZodType;
  /** Keys holding secrets, e.g. ['bearerToken'] or ['instances.*.token']. */
  secrets: readonly string[];
  /** Builds the source from its settings as written in vigie.yaml, secrets decrypted. */
  create: (settings: Record<string, unknown>, deps: LiveSourceDeps) => LiveSource;
}

/** One registry entry; the factory gets the settings parsed by `schema` (defaults filled in). */
function kind<S extends z.ZodType>(schema: S, secrets: readonly string[], create: (settings: z.output<S>, deps: LiveSourceDeps) => LiveSource): SourceKindEntry {
  return { schema, secrets, create: (settings, deps) => create(schema.parse(settings), deps) };
}

/** The kinds this build knows, in SOURCE_KINDS order. */
export const SOURCE_REGISTRY: Partial<Record<SourceKind, SourceKindEntry>> = {
  x: kind(XSourceConfigSchema, ['bearerToken'], createXSource),
  bluesky: kind(BlueskySourceConfigSchema, [], createBlueskySource),
  mastodon: kind(MastodonSourceConfigSchema, ['instances.*.token'], createMastodonSource),
  reddit: kind(RedditSourceConfigSchema, ['clientSecret', 'password'], createRedditSource),
  rss: kind(RssSourceConfigSchema, [], createRssSource),
  webhook: kind(WebhookSourceConfigSchema, ['secret'], createWebhookSource),
};

export function sourceKindEntry(k: SourceKind): SourceKindEntry | undefined {
  return SOURCE_REGISTRY[k];
}
