/**
 * What a `kind: webhook` entry of `sources:` holds besides `id` and `kind`: the Standard Webhooks
 * secret senders sign with, and the limits of the inbound queue. Mentions arrive on
 * `POST /api/sources/<id>/webhook` (docs/sources.md, "webhook").
 */
import { z } from 'zod';

function intIn(min: number, max: number) {
  const error = `expected an integer from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

export const WebhookSourceConfigSchema = z
  .strictObject({
    secret: z
      .string({ error: 'expected a Standard Webhooks secret (whsec_ + base64 of 24 to 64 bytes)' })
      .min(1, { error: 'expected a Standard Webhooks secret (whsec_ + base64 of 24 to 64 bytes)' })
      .describe('Standard Webhooks secret (whsec_ + base64 of 24 to 64 random bytes) the senders sign each request with.'),
    toleranceSeconds: intIn(1, 3600).default(300).describe('A request whose webhook-timestamp is further than this from now is refused (replay protection), seconds.'),
    maxQueue: intIn(1, 1_000_000).default(10_000).describe('Mentions accepted but not yet handed to the pipeline; over this, requests get 429 with Retry-After.'),
    retryAfterSeconds: intIn(1, 3600).default(5).describe('The Retry-After a sender gets with a 429 when the queue is full, seconds.'),
    maxBodyBytes: intIn(1024, 50 * 1024 * 1024).default(5 * 1024 * 1024).describe('Largest request body accepted, bytes (a larger one gets 413).'),
    maxMentionsPerRequest: intIn(1, 100_000).default(1000).describe('Most mentions one request may carry (a longer list gets 400).'),
    dedupWindow: intIn(10, 10_000_000).default(100_000).describe('How many recent webhook-id values are remembered to drop redelivered requests.'),
  })
  .describe('An inbound webhook source: any system posts signed mentions to Vigie.');

export type WebhookSourceConfig = z.infer<typeof WebhookSourceConfigSchema>;
export type WebhookSourceConfigInput = z.input<typeof WebhookSourceConfigSchema>;
