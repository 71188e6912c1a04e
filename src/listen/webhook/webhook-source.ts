/**
 * The inbound webhook source: other systems POST signed mentions (Standard Webhooks) to
 * `/api/sources/<id>/webhook`; `receive` verifies and queues them, `read` yields them to the
 * pipeline. The queue is bounded (429 with Retry-After when full), redeliveries are dropped by
 * `webhook-id`, and the checkpoint is the last webhook-id handed on (`{"lastWebhookId": "…"}`).
 *
 * A correctly signed body that is malformed (not JSON, a wrong shape, a bad field) is answered 400
 * naming the field AND yielded as a reject (reason: the same message; excerpt: the body cut to
 * 2 kB), so that it is stored with the other sources' rejects. A request whose signature fails is
 * only answered 401: anyone can send those, they are not recorded (only counted as errors).
 *
 * Delivery guarantee: a 202 means "queued in memory". A crash loses what was queued and not yet
 * stored (at most `maxQueue` mentions); a sender that needs more must resend after a restart,
 * which the id de-duplication and the store's upsert make harmless.
 */
import { parseWebhookSecret, verifyWebhook, type HeaderBag } from '../../alert/channels/webhook/standard-webhooks.ts';
import { systemLiveClock, type LiveClock, type LiveSource, type LiveSourceDeps, type SourceTestResult } from '../live/live-source.ts';
import { StatusTracker } from '../live/status-tracker.ts';
import type { RejectDraft } from '../../domain/reject.ts';
import { excerpt } from '../import/utf8.ts';
import type { SourceItem, SourceOptions } from '../source.ts';
import { parseWebhookBody, type WebhookRecord } from './webhook-body.ts';
import { WebhookSourceConfigSchema, type WebhookSourceConfigInput } from './webhook-config.ts';

export interface WebhookRequest {
  headers: HeaderBag;
  /** The exact bytes received (the signature covers them). */
  body: Uint8Array | string;
}

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface WebhookSource extends LiveSource {
  readonly kind: 'webhook';
  /** Verifies, parses and queues one request; never throws. */
  receive(request: WebhookRequest): WebhookAnswer;
}

export function checkpointOf(webhookId: string): string {
  return JSON.stringify({ lastWebhookId: webhookId });
}

function lastIdOf(from: string | null | undefined): string | null {
  if (from === null || from === undefined || from === '') return null;
  try {
    const v: unknown = JSON.parse(from);
    if (typeof v === 'object' && v !== null && typeof (v as { lastWebhookId?: unknown }).lastWebhookId === 'string') return (v as { lastWebhookId: string }).lastWebhookId;
  } catch {
    // a checkpoint from elsewhere: start afresh
  }
  return null;
}

/** What waits in the queue: a record of an accepted request, or the reject of a malformed one. */
type Queued = { kind: 'record'; record: WebhookRecord; webhookId: string } | { kind: 'reject'; reject: RejectDraft };

const problem = (status: number, code: string, message: string, headers?: Record<string, string>): WebhookAnswer => ({
  status,
  body: { error: { code, message } },
  ...(headers === undefined ? {} : { headers }),
});

export function createWebhookSource(input: WebhookSourceConfigInput, deps: LiveSourceDeps): WebhookSource {
  const parsed = WebhookSourceConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(entry)'}: ${i.message}`).join('; ');
    throw new Error(`webhook source "${deps.id}" is misconfigured: ${issues}`);
  }
  const o = parsed.data;
  const secret = parseWebhookSecret(o.secret);
  if (!secret.ok) throw new Error(`webhook source "${deps.id}" is misconfigured: ${secret.error}`);
  const clock: LiveClock = deps.clock ?? systemLiveClock;
  const tracker = new StatusTracker(deps.id, 'webhook', clock);
  const queue: Queued[] = [];
  const seen = new Map<string, true>();
  let reading = false;
  let wake: (() => void) | null = null;

  const remember = (id: string): void => {
    seen.set(id, true);
    if (seen.size > o.dedupWindow) seen.delete(seen.keys().next().value as string);
  };

  const receive = (request: WebhookRequest): WebhookAnswer => {
    tracker.received();
    if (!reading) return problem(503, 'unavailable', `source "${deps.id}" is stopped; start it (vigie sources start ${deps.id}) and send again`, { 'retry-after': String(o.retryAfterSeconds) });
    const size = typeof request.body === 'string' ? Buffer.byteLength(request.body) : request.body.byteLength;
    if (size > o.maxBodyBytes) {
      tracker.error('too-large', `a request of ${size} bytes was refused (maxBodyBytes ${o.maxBodyBytes})`);
      return problem(413, 'too_large', `the body is ${size} bytes, over the ${o.maxBodyBytes} this source accepts (maxBodyBytes)`);
    }
    const verified = verifyWebhook(o.secret, request.headers, request.body, { toleranceSec: o.toleranceSeconds, now: clock.now() });
    if (!verified.ok) {
      tracker.error('auth', `a request was refused: ${verified.error}`);
      return problem(401, 'unauthorized', `signature check failed: ${verified.error}`);
    }
    if (seen.has(verified.id)) return { status: 200, body: { accepted: 0, duplicate: true, webhookId: verified.id } };
    const text = typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('utf8');
    const body = parseWebhookBody(text, clock.now(), o.maxMentionsPerRequest);
    // A reject takes one place in the queue: when there is none, the sender is told to come back
    // (429) rather than the reject being dropped unrecorded.
    const needed = body.ok ? body.records.length : 1;
    if (queue.length + needed > o.maxQueue) {
      tracker.error('queue-full', `a request of ${body.ok ? `${needed} mention(s)` : 'a malformed body'} was refused: the queue holds ${queue.length} of ${o.maxQueue}`);
      return problem(429, 'queue_full', `the queue of source "${deps.id}" is full (${queue.length} of ${o.maxQueue}); retry after ${o.retryAfterSeconds} s`, { 'retry-after': String(o.retryAfterSeconds) });
    }
    if (!body.ok) {
      tracker.error('parse', `a request was refused: ${body.error}`);
      const bytes = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
      queue.push({ kind: 'reject', reject: { source: deps.id, line: null, reason: body.error, excerpt: excerpt(bytes, 2048) } });
      wake?.();
      return problem(400, 'bad_request', body.error);
    }
    remember(verified.id);
    for (const record of body.records) queue.push({ kind: 'record', record, webhookId: verified.id });
    wake?.();
    return { status: 202, body: { accepted: body.records.length, webhookId: verified.id } };
  };

  async function* read(options: SourceOptions = {}): AsyncGenerator<SourceItem> {
    const signal = options.signal;
    const last = lastIdOf(options.from);
    if (last !== null) remember(last);
    // A reject carries the checkpoint in force (the last webhook-id handed on), not its own
    // request's id: a refused webhook-id may be sent again once fixed, even after a restart.
    let checkpoint = options.from ?? '';
    reading = true;
    tracker.state('connected');
    const onAbort = (): void => wake?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (signal?.aborted) return;
        const next = queue.shift();
        if (next === undefined) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
          continue;
        }
        if (next.kind === 'reject') {
          tracker.rejected();
          yield { kind: 'reject', reject: next.reject, checkpoint };
          continue;
        }
        checkpoint = checkpointOf(next.webhookId);
        if (next.record.kind === 'mention') {
          tracker.mention(next.record.mention.createdAt);
          yield { kind: 'mention', mention: next.record.mention, checkpoint };
        } else {
          tracker.deleted();
          yield { kind: 'delete', id: next.record.id, at: next.record.at, checkpoint };
        }
      }
    } finally {
      reading = false;
      signal?.removeEventListener('abort', onAbort);
      tracker.state('stopped');
    }
  }

  return {
    id: deps.id,
    kind: 'webhook',
    read,
    receive,
    status: () => tracker.snapshot(),
    test: async (): Promise<SourceTestResult> => ({
      ok: true,
      detail: `secret valid; senders POST signed mentions to /api/sources/${deps.id}/webhook (Standard Webhooks, tolerance ${o.toleranceSeconds} s)`,
    }),
  };
}
