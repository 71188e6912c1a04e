/**
 * What a `kind: bluesky` entry of `sources:` holds besides `id` and `kind`. Jetstream and the
 * public AppView need no credentials, so there are none here.
 */
import { z } from 'zod';

function intIn(min: number, max: number) {
  const error = `expected an integer from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

function urlWith(schemes: readonly string[], example: string) {
  const error = `expected a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}, such as ${example}`;
  return z.string({ error }).refine((s) => {
    try {
      return schemes.includes(new URL(s).protocol.replace(/:$/, ''));
    } catch {
      return false;
    }
  }, { error });
}

export const DEFAULT_JETSTREAM_URL = 'wss://jetstream2.us-east.bsky.network/subscribe';
export const DEFAULT_APPVIEW_URL = 'https://public.api.bsky.app';

const ProfilesSection = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Look up the authors' followers, handle and name with app.bsky.actor.getProfiles (false: mentions carry the author's DID only)."),
    appViewUrl: urlWith(['https', 'http'], DEFAULT_APPVIEW_URL)
      .default(DEFAULT_APPVIEW_URL)
      .describe('Base URL of the Bluesky AppView answering app.bsky.actor.getProfiles (no credentials needed on the public one).'),
    cacheTtlMs: intIn(1000, 7 * 24 * 3600 * 1000).default(3600 * 1000).describe('How long a looked-up profile is reused before it is asked for again, ms.'),
    cacheSize: intIn(10, 1_000_000).default(50_000).describe('Most profiles kept in memory (the least recently used are dropped first).'),
    timeoutMs: intIn(100, 120_000).default(5000).describe('Longest wait for one getProfiles answer, ms; on timeout the mentions go on without followers.'),
    retryAfterMs: intIn(0, 3600 * 1000).default(30_000).describe('After a failed lookup, how long mentions go on without followers before the AppView is asked again, ms.'),
  })
  .describe('Author profiles (followers) from the Bluesky AppView.');

export const BlueskySourceConfigSchema = z
  .strictObject({
    jetstreamUrl: urlWith(['wss', 'ws'], DEFAULT_JETSTREAM_URL)
      .default(DEFAULT_JETSTREAM_URL)
      .describe('Jetstream v1 subscribe endpoint (wss://…/subscribe); a URL without a path gets /subscribe.'),
    reposts: z.boolean().default(false).describe('Also yield reposts of the posts this source yielded (they carry the reposted text and repostOf).'),
    deletes: z
      .enum(['all', 'known'], { error: 'expected all or known' })
      .default('all')
      .describe('Which post deletions to pass on: all (the store ignores unknown ids; survives restarts) or known (only posts yielded since this process started).'),
    resumeMarginMs: intIn(0, 600_000).default(5000).describe('On resume, replay from this long before the last event seen (Jetstream is at-least-once; replayed duplicates are dropped), ms.'),
    stallTimeoutMs: intIn(10, 3600 * 1000).default(30_000).describe('Reconnect when no frame has arrived for this long (the whole network posts every second), ms.'),
    backoffInitialMs: intIn(1, 600_000).default(1000).describe('First wait before reconnecting after a failure, ms; it doubles at each failure in a row.'),
    backoffMaxMs: intIn(1, 3600 * 1000).default(60_000).describe('Longest wait before reconnecting, ms.'),
    testTimeoutMs: intIn(100, 600_000).default(10_000).describe('How long `vigie sources test` waits for the first frame, ms.'),
    maxQueuedFrames: intIn(1000, 1_000_000)
      .default(20_000)
      .describe('Frames held while the pipeline is busy; over this, the socket is closed and resumed from the cursor once they are handled.'),
    dedupeWindow: intIn(100, 1_000_000).default(50_000).describe('How many recently yielded events are remembered to drop replayed duplicates (and to recognise deletes and reposts of them).'),
    profiles: ProfilesSection.default({
      enabled: true,
      appViewUrl: DEFAULT_APPVIEW_URL,
      cacheTtlMs: 3600 * 1000,
      cacheSize: 50_000,
      timeoutMs: 5000,
      retryAfterMs: 30_000,
    }),
  })
  .superRefine((c, ctx) => {
    if (c.backoffMaxMs < c.backoffInitialMs) {
      ctx.addIssue({ code: 'custom', path: ['backoffMaxMs'], message: `backoffMaxMs (${c.backoffMaxMs}) must be at least backoffInitialMs (${c.backoffInitialMs})` });
    }
  })
  .describe('A Bluesky source: the Jetstream firehose of posts, filtered locally against the brands.');

export type BlueskySourceConfig = z.infer<typeof BlueskySourceConfigSchema>;
export type BlueskySourceConfigInput = z.input<typeof BlueskySourceConfigSchema>;

/** The `/subscribe` URL with the wanted collections and, when resuming, the cursor (µs). */
export function subscribeUrl(base: string, collections: readonly string[], cursorUs: number | null): string {
  const url = new URL(base);
  if (url.pathname === '' || url.pathname === '/') url.pathname = '/subscribe';
  url.searchParams.delete('wantedCollections');
  url.searchParams.delete('cursor');
  for (const c of collections) url.searchParams.append('wantedCollections', c);
  if (cursorUs !== null) url.searchParams.set('cursor', String(Math.max(0, Math.floor(cursorUs))));
  return url.toString();
}
