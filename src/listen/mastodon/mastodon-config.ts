/**
 * What a `kind: mastodon` entry of `sources:` in vigie.yaml holds besides `id` and `kind`: one or
 * more instances (servers), each with its own base URL, token, transport and hashtags, and the
 * timings shared by all of them.
 */
import { z } from 'zod';

function text(what: string) {
  return z.string({ error: `expected ${what}` }).min(1, { error: `expected ${what}` });
}

function httpUrl(what: string) {
  return text(what).refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.search === '' && u.hash === '';
    } catch {
      return false;
    }
  }, { error: `expected ${what}: an http:// or https:// URL without query or fragment, such as https://mastodon.social` });
}

function numberIn(min: number, max: number, integer = false) {
  const error = `expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`;
  const n = z.number({ error }).min(min, { error }).max(max, { error });
  return integer ? n.int({ error }) : n;
}

const HASHTAG = /^#?[\p{L}\p{N}_]+$/u;

export const MastodonInstanceConfigSchema = z
  .strictObject({
    baseUrl: httpUrl('the instance URL')
      .default('https://mastodon.social')
      .describe('Base URL of the Mastodon server (or a compatible server or proxy) for the REST API, e.g. https://mastodon.social.'),
    streamingUrl: httpUrl('the streaming server URL')
      .optional()
      .describe('Base URL of its streaming server when it differs from baseUrl (the instance\'s configuration.urls.streaming); default: baseUrl.'),
    domain: text('a domain such as mastodon.social')
      .regex(/^[a-z0-9.-]+(:\d+)?$/i, { error: 'expected a domain such as mastodon.social (letters, digits, "." and "-")' })
      .optional()
      .describe('The instance\'s own domain, used to name deleted statuses and replies (ids are local to a server) and in checkpoints; default: the host of baseUrl.'),
    token: text('an access token')
      .describe('Access token (sent as "Authorization: Bearer") of an application registered on this instance with the read:statuses scope.'),
    transport: z
      .enum(['websocket', 'sse'], { error: 'expected websocket or sse' })
      .default('websocket')
      .describe('How to stream: "websocket" (one connection carrying every stream) or "sse" (one HTTP connection per hashtag or public stream).'),
    hashtags: z
      .array(text('a hashtag').max(100).regex(HASHTAG, { error: 'expected a hashtag: letters, digits and "_", the "#" optional' }))
      .default([])
      .describe('Hashtags to stream from this instance (with or without "#"), besides those taken from the brands.'),
    hashtagsFromBrands: z
      .boolean({ error: 'expected true or false' })
      .default(true)
      .describe('Also stream the brands\' hashtags: each #tag of their listening queries, and their names and aliases written as one word.'),
    localOnly: z
      .boolean({ error: 'expected true or false' })
      .default(false)
      .describe('Stream and fill gaps with statuses posted on this instance only (hashtag:local), not those it received from other servers.'),
    publicStream: z
      .enum(['off', 'all', 'local', 'remote'], { error: 'expected off, all, local or remote' })
      .default('off')
      .describe('Also stream the public timeline (every public status the instance sees; the brands\' queries then keep what concerns them): off, all, local or remote.'),
  })
  .describe('One Mastodon server to listen to.');
export type MastodonInstanceConfig = z.output<typeof MastodonInstanceConfigSchema>;

export const MastodonSourceConfigSchema = z
  .strictObject({
    instances: z
      .array(MastodonInstanceConfigSchema)
      .min(1, { error: 'expected at least one instance' })
      .max(50, { error: 'expected at most 50 instances' })
      .describe('The Mastodon servers to listen to, each with its own URL, token and hashtags.'),
    stallSeconds: numberIn(0.05, 3600)
      .default(45)
      .describe('Reconnect when a stream sends no bytes for this many seconds (SSE heartbeats come every 15 s; a WebSocket is probed first).'),
    websocketProbe: z
      .boolean({ error: 'expected true or false' })
      .default(true)
      .describe('Before treating a silent WebSocket as stalled, send a subscribe frame for an unknown stream and wait for the server\'s error answer (a quiet hashtag is not a dead connection).'),
    gapFillMarginSeconds: numberIn(0, 86400, true)
      .default(300)
      .describe('After a disconnection, fill the gap starting this many seconds before the last status seen, to catch statuses that reached the server late; overlaps are de-duplicated.'),
    gapFillMaxPages: numberIn(1, 1000, true)
      .default(50)
      .describe('At most this many pages of 40 statuses per stream in one gap fill (an error says when the gap was larger).'),
    maxHashtags: numberIn(1, 500, true)
      .default(25)
      .describe('At most this many hashtags per instance (an error names those left out).'),
    requestTimeoutSeconds: numberIn(1, 600, true)
      .default(30)
      .describe('Time allowed to open a stream or answer a REST request before it counts as a network failure.'),
  })
  .superRefine((c, ctx) => {
    const seen = new Map<string, number>();
    c.instances.forEach((inst, i) => {
      let d: string;
      try {
        d = instanceDomain(inst);
      } catch {
        return; // a bad baseUrl has its own issue
      }
      const first = seen.get(d);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['instances', i, 'domain'],
          message: `instances ${first + 1} and ${i + 1} are both ${d}: give each a distinct domain (checkpoints and ids are keyed by it)`,
        });
      } else seen.set(d, i);
    });
  })
  .describe('A Mastodon source: hashtag and public streams of one or more instances, over WebSocket or SSE.');
export type MastodonSourceConfig = z.output<typeof MastodonSourceConfigSchema>;
export type MastodonSourceConfigInput = z.input<typeof MastodonSourceConfigSchema>;

/** The instance's domain: the configured one, or the host of its base URL. */
export function instanceDomain(inst: Pick<MastodonInstanceConfig, 'baseUrl' | 'domain'>): string {
  return (inst.domain ?? new URL(inst.baseUrl).host).toLowerCase();
}
