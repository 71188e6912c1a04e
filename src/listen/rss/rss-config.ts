/**
 * What a `sources:` entry of kind `rss` holds in vigie.yaml besides `id` and `kind`: its feeds
 * (a URL, or a URL with a name, its own interval and request headers) and how they are polled.
 */
import { z } from 'zod';

function intIn(min: number, max: number) {
  const error = `expected an integer from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

const FeedUrlSchema = z
  .string({ error: 'expected a feed URL (http:// or https://)' })
  .trim()
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { error: 'expected a feed URL starting with http:// or https://' },
  );

export const RssFeedConfigSchema = z
  .strictObject({
    url: FeedUrlSchema.describe('Address of the RSS or Atom feed (a Google Alerts feed URL works as is).'),
    name: z
      .string({ error: 'expected a short name' })
      .trim()
      .min(1, { error: 'expected a non-empty name' })
      .max(100, { error: 'expected at most 100 characters' })
      .optional()
      .describe('Short name shown in status and errors, and the key of its checkpoint (default: the URL); keep it when the URL changes.'),
    intervalSeconds: intIn(1, 86_400).optional().describe("How often this feed is polled, seconds (default: the source's intervalSeconds)."),
    headers: z
      .record(z.string(), z.string({ error: 'expected a header value (text)' }).regex(/^[^\r\n\0]*$/, { error: 'expected a header value on one line' }))
      .superRefine((headers, ctx) => {
        for (const name of Object.keys(headers)) {
          if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
            ctx.addIssue({ code: 'custom', path: [name], message: `expected a header name (letters, digits and - only, e.g. Authorization), not ${JSON.stringify(name)}` });
          }
        }
      })
      .default({})
      .describe('Extra request headers, e.g. Authorization for a private feed; not sent on a redirect to another site.'),
  })
  .describe('One feed.');

export type RssFeedConfig = z.infer<typeof RssFeedConfigSchema>;

export const RssSourceConfigSchema = z
  .strictObject({
    feeds: z
      // A bare URL is read as {url}, so that errors name the exact key either way.
      .array(z.preprocess((v) => (typeof v === 'string' ? { url: v } : v), RssFeedConfigSchema))
      .min(1, { error: 'expected at least one feed' })
      .max(1_000, { error: 'expected at most 1,000 feeds per source (split them into several sources)' })
      .describe('The feeds this source polls, one after another: a URL, or {url, name, intervalSeconds, headers}.'),
    intervalSeconds: intIn(1, 86_400).default(300).describe('How often each feed is polled, seconds, unless the feed sets its own.'),
    jitter: z
      .number({ error: 'expected a number from 0 to 0.5' })
      .min(0, { error: 'expected a number from 0 to 0.5' })
      .max(0.5, { error: 'expected a number from 0 to 0.5' })
      .default(0.1)
      .describe('Random spread of each polling interval, as a fraction (0.1 = ±10 %), so that feeds are not all fetched at once.'),
    timeoutSeconds: z
      .number({ error: 'expected a number of seconds from 0.05 to 300' })
      .min(0.05, { error: 'expected a number of seconds from 0.05 to 300' })
      .max(300, { error: 'expected a number of seconds from 0.05 to 300' })
      .default(30)
      .describe('Longest time one fetch (redirects and body included) may take before it counts as failed, seconds.'),
    maxBodyBytes: intIn(1_024, 100 * 1024 * 1024)
      .default(5 * 1024 * 1024)
      .describe('Largest feed body accepted, bytes after decompression; a bigger one is refused as an error.'),
    maxRedirects: intIn(0, 20).default(5).describe('How many redirects one fetch follows before giving up.'),
    retryBaseSeconds: intIn(1, 86_400)
      .default(30)
      .describe('First wait after a failed fetch, seconds; it doubles at each consecutive failure.'),
    retryMaxSeconds: intIn(1, 604_800).default(3_600).describe('Longest wait between retries of a failing feed, seconds.'),
    maxRetryAfterSeconds: intIn(1, 604_800)
      .default(86_400)
      .describe('Longest Retry-After (429 or 503) obeyed, seconds; a longer one is cut to this.'),
    maxSeenPerFeed: intIn(10, 100_000)
      .default(500)
      .describe('How many entry ids are remembered per feed so that none is yielded twice (at least the number the feed lists).'),
    maxAgeDays: intIn(0, 36_500)
      .default(7)
      .describe('Entries published longer ago than this many days are skipped (0 = keep all), e.g. old posts on a first poll.'),
    userAgent: z
      .string({ error: 'expected a User-Agent string' })
      .min(1, { error: 'expected a non-empty User-Agent' })
      .default('Vigie/0.1 (RSS/Atom reader)')
      .describe('User-Agent header sent with every request (some servers refuse requests without one).'),
  })
  .superRefine((c, ctx) => {
    const seen = new Map<string, number>();
    c.feeds.forEach((f, i) => {
      const name = f.name ?? f.url;
      const before = seen.get(name);
      if (before !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['feeds', i],
          message: `feed ${JSON.stringify(name)} is listed twice (also at feeds[${before}]): give each feed its own name`,
        });
      } else seen.set(name, i);
    });
    if (c.retryMaxSeconds < c.retryBaseSeconds) {
      ctx.addIssue({ code: 'custom', path: ['retryMaxSeconds'], message: `expected at least retryBaseSeconds (${c.retryBaseSeconds})` });
    }
  })
  .describe('RSS 2.0 and Atom feeds (news, blogs, Google Alerts), polled with conditional GET.');

/** What vigie.yaml may hold (defaults not yet applied); a feed is a URL or an object. */
export type RssSourceConfig = Omit<z.input<typeof RssSourceConfigSchema>, 'feeds'> & {
  feeds: (string | z.input<typeof RssFeedConfigSchema>)[];
};
export type RssSourceSettings = z.output<typeof RssSourceConfigSchema>;

/** One feed as the source polls it. */
export interface FeedSettings {
  name: string;
  url: string;
  intervalMs: number;
  headers: Record<string, string>;
}

export function feedSettings(c: RssSourceSettings): FeedSettings[] {
  return c.feeds.map((f) => ({ name: f.name ?? f.url, url: f.url, intervalMs: (f.intervalSeconds ?? c.intervalSeconds) * 1000, headers: f.headers }));
}
