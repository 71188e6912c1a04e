/**
 * What a `kind: reddit` entry of `sources:` in vigie.yaml holds besides `id` and `kind`. The
 * credentials are those of a Reddit "script" app (https://www.reddit.com/prefs/apps); without
 * username and password the connector uses application-only OAuth (client_credentials), which
 * reads public listings too.
 */
import { z } from 'zod';

function text(what: string) {
  return z.string({ error: `expected ${what}` }).min(1, { error: `expected ${what}` });
}

function httpUrl(what: string) {
  return text(what)
    .refine((s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.search === '' && u.hash === '';
      } catch {
        return false;
      }
    }, { error: `expected ${what}: an http:// or https:// URL without query or fragment` })
    .transform((u) => u.replace(/\/+$/, ''));
}

function numberIn(min: number, max: number, integer = false) {
  const error = `expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`;
  const n = z.number({ error }).min(min, { error }).max(max, { error });
  return integer ? n.int({ error }) : n;
}

function flag() {
  return z.boolean({ error: 'expected true or false' });
}

const SUBREDDIT = /^[A-Za-z0-9][A-Za-z0-9_]{1,20}$/;

/** A subreddit name, with or without its "r/" prefix. */
const SubredditName = z
  .string({ error: 'expected a subreddit name such as "Coffee"' })
  .transform((s) => s.trim().replace(/^\/?r\//i, ''))
  .refine((s) => SUBREDDIT.test(s), { error: 'expected a subreddit name such as "Coffee": 2 to 21 letters, digits or "_", without spaces' });

export const RedditSourceConfigSchema = z
  .strictObject({
    clientId: text('the client id of the Reddit app').describe(
      'Client id of the Reddit app (shown under its name at https://www.reddit.com/prefs/apps).',
    ),
    clientSecret: text('the secret of the Reddit app').describe('Secret of the Reddit app.'),
    username: text('a Reddit username')
      .optional()
      .describe('Reddit account of the "script" app (password grant); leave it out, with password, for application-only access.'),
    password: text('a password').optional().describe("That account's password (an account with two-factor authentication cannot use it)."),
    userAgent: z
      .string({ error: 'expected a User-Agent' })
      .min(10, { error: 'expected a descriptive User-Agent such as "server:acme-desk:v1 (by /u/acme)"' })
      .max(300, { error: 'expected a User-Agent of at most 300 characters' })
      .optional()
      .describe('User-Agent Reddit asks for, "<platform>:<app id>:<version> (by /u/<username>)"; default "server:vigie:v1 (by /u/<username>)", or naming the client id without an account.'),
    tokenUrl: httpUrl('the token URL').default('https://www.reddit.com/api/v1/access_token').describe('URL where OAuth tokens are obtained.'),
    apiBaseUrl: httpUrl('the API URL').default('https://oauth.reddit.com').describe('Base URL of the OAuth API (search, listings, user profiles).'),
    webBaseUrl: httpUrl('the web URL').default('https://www.reddit.com').describe('Base URL of the links stored with mentions (permalinks are appended to it).'),
    searchBrands: flag()
      .default(true)
      .describe("Search Reddit posts (newest first) for the brands' names, aliases and keywords."),
    searchQueries: z
      .array(text('a Reddit search query').max(512, { error: 'expected a search query of at most 512 characters (Reddit\'s limit)' }))
      .default([])
      .describe('Extra searches in Reddit search syntax, polled like the brand searches.'),
    subreddits: z
      .array(SubredditName)
      .max(100, { error: 'expected at most 100 subreddits' })
      .default([])
      .describe('Subreddits whose every new comment is read (the brand matcher then keeps the relevant ones).'),
    pollIntervalSeconds: numberIn(5, 3600, true).default(60).describe('Pause between two rounds of polling every search and subreddit.'),
    pageSize: numberIn(1, 100, true).default(100).describe('Items asked for per listing page (Reddit gives at most 100).'),
    maxPagesPerPoll: numberIn(1, 10, true)
      .default(10)
      .describe('Pages followed to fill a gap after a burst or an outage (Reddit listings stop near 1,000 items).'),
    backfillHours: numberIn(0, 720)
      .default(24)
      .describe('On the first poll of a new search or subreddit, how far back items are taken (0: only what comes next).'),
    lateMarginSeconds: numberIn(0, 86_400, true)
      .default(3600)
      .describe('Items up to this much older than the newest one seen are still taken when they show up late (search indexing delays).'),
    seenLimit: numberIn(100, 20_000, true).default(2000).describe('How many recent item ids the checkpoint remembers, to skip duplicates.'),
    includeNsfw: flag().default(true).describe('Include posts marked NSFW in searches.'),
    fetchAuthors: flag()
      .default(false)
      .describe("Look up each new author's profile (followers, account age): one request per author, cached."),
    authorCacheHours: numberIn(0, 720).default(24).describe('How long a looked-up author profile is kept before being looked up again.'),
    authorLookupsPerPoll: numberIn(0, 100, true)
      .default(30)
      .describe('At most this many author look-ups per poll of one search or subreddit, to spare the rate limit.'),
    rateLimitReserve: numberIn(0, 500, true)
      .default(5)
      .describe('Requests left unused in each rate-limit window (for replies sent with the same app): below it, wait for the reset.'),
    requestTimeoutSeconds: numberIn(1, 300)
      .default(30)
      .describe('A request without a complete answer after this long counts as a network failure.'),
    authRetryMinutes: numberIn(1, 1440)
      .default(30)
      .describe('After Reddit refuses the credentials, wait this long before trying again (so as not to lock the account).'),
  })
  .superRefine((c, ctx) => {
    if ((c.username === undefined) !== (c.password === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.username === undefined ? 'username' : 'password'],
        message: 'give both username and password (password grant of a "script" app), or neither (application-only access)',
      });
    }
    if (!c.searchBrands && c.searchQueries.length === 0 && c.subreddits.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['searchBrands'],
        message: 'nothing to read: set searchBrands to true, or list searchQueries or subreddits',
      });
    }
  })
  .describe('A Reddit source: searches and subreddit comments polled through the OAuth API.');

export type RedditSourceConfig = z.output<typeof RedditSourceConfigSchema>;
export type RedditSourceConfigInput = z.input<typeof RedditSourceConfigSchema>;

/** The User-Agent sent with every request. */
export function userAgentOf(c: Pick<RedditSourceConfig, 'userAgent' | 'username' | 'clientId'>): string {
  if (c.userAgent !== undefined) return c.userAgent;
  return c.username === undefined ? `server:vigie:v1 (application-only, client ${c.clientId})` : `server:vigie:v1 (by /u/${c.username})`;
}
