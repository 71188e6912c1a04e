import { z } from 'zod';
import { X_RULE_MAX_LENGTH } from '../query/index.ts';

function intIn(min: number, max: number) {
  const error = `expected an integer from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

function numberIn(min: number, max: number) {
  const error = `expected a number from ${min} to ${max}`;
  return z.number({ error }).min(min, { error }).max(max, { error });
}

const BaseUrl = z
  .string({ error: 'expected an http:// or https:// URL' })
  .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { error: 'expected an http:// or https:// URL without query or fragment, such as https://api.x.com' })
  .transform((u) => u.replace(/\/+$/, ''));

/**
 * What a `sources:` entry of kind `x` holds besides `id` and `kind` (X API v2 filtered stream,
 * with recent search to fill the gaps). The bearer token arrives decrypted.
 */
export const XSourceConfigSchema = z
  .strictObject({
    bearerToken: z
      .string({ error: 'expected the app-only bearer token of an X developer app' })
      .min(1, { error: 'expected the app-only bearer token of an X developer app' })
      .describe('App-only bearer token of the X developer app (filtered stream needs the Pro or Enterprise access level).'),
    apiBaseUrl: BaseUrl.default('https://api.x.com').describe('Base URL of the X API v2 (change it only for a proxy or a test server).'),
    stallSeconds: numberIn(0.05, 600)
      .default(20)
      .describe('Reconnect when the stream sends nothing, not even a keep-alive, for this many seconds (X sends one at least every 20 s).'),
    rulesSyncSeconds: numberIn(1, 86_400)
      .default(60)
      .describe("How often the stream rules are compared with the brands' listening queries and updated, in seconds."),
    maxRules: intIn(1, 100_000)
      .default(1_000)
      .describe('Most stream rules the access level allows (1,000 at Pro); rules beyond it are not added and reported.'),
    maxRuleLength: intIn(1, 4_096)
      .default(X_RULE_MAX_LENGTH)
      .describe('Longest stream rule the access level allows, in characters (1,024 at Pro); a longer query is reported, not added.'),
    searchQueryMaxLength: intIn(1, 4_096)
      .default(1_024)
      .describe('Longest recent-search query the access level allows (512 Basic, 1,024 Pro, 4,096 Enterprise), for gap fills.'),
    searchPageSize: intIn(10, 100).default(100).describe('Posts asked for per recent-search page while filling a gap (10 to 100).'),
    gapFillMaxPages: intIn(1, 10_000)
      .default(25)
      .describe('Most recent-search pages read per query and per gap fill; a longer gap is reported as truncated.'),
    gapFillDelaySeconds: numberIn(0, 600)
      .default(45)
      .describe("Wait after a reconnection before the gap fill searches: X's recent search leaves out the last 30 s."),
    gapPollSeconds: numberIn(0, 3_600)
      .default(60)
      .describe('While the stream cannot reconnect, search for the missed posts every this many seconds (0: only after reconnecting).'),
    gapFillOverlapSeconds: numberIn(0, 3_600)
      .default(10)
      .describe('Gap fills start this many seconds before the last post seen, to catch posts the stream delivered out of order.'),
    dedupWindow: intIn(100, 1_000_000)
      .default(20_000)
      .describe('How many recent post ids are remembered to drop duplicates (stream repeats, gap-fill overlap).'),
    requestTimeoutSeconds: numberIn(0.05, 600)
      .default(30)
      .describe('Timeout of each rules and search request, in seconds.'),
  })
  .describe('An X API v2 source: filtered stream with rules from the brands, recent search to fill the gaps.');

export type XSourceConfig = z.infer<typeof XSourceConfigSchema>;
export type XSourceConfigInput = z.input<typeof XSourceConfigSchema>;
