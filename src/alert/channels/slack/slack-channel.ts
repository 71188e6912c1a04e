/**
 * Slack incoming-webhook channel. Slack answers `ok` (HTTP 200) or a short plain-text error code;
 * the codes that need a human (revoked webhook, archived channel, bad payload…) are permanent
 * failures with a hint, `rate_limited` and 5xx are retried (honouring `Retry-After`).
 * Never throws for a delivery failure.
 */
import type { AlertMessage, Channel, DeliveryResult } from '../../message.ts';
import { classifyAnswer, DEFAULT_TIMEOUT_MS, postJson } from '../webhook/http-delivery.ts';
import { messageProblem } from '../render/message-check.ts';
import { checkTargetUrl } from '../webhook/target-url.ts';
import { renderSlackPayload } from './slack-blocks.ts';

export interface SlackTarget {
  /** The incoming-webhook URL (https://hooks.slack.com/services/T…/B…/…). */
  url: string;
}

export interface SlackChannelOptions {
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  now?: () => number;
}

/** Slack error codes that a retry cannot fix, with what the user should do. */
const PERMANENT_HINTS: Record<string, string> = {
  invalid_payload: 'Slack rejected the message format (a Vigie bug: report it)',
  no_text: 'Slack found no text in the message (a Vigie bug: report it)',
  no_service: 'the webhook was removed or the URL is wrong: create a new incoming webhook',
  no_service_id: 'the webhook URL is incomplete: copy it again from Slack',
  no_team: 'the Slack workspace no longer exists: create a new incoming webhook',
  team_disabled: 'the Slack workspace is disabled: create a webhook in an active workspace',
  invalid_token: 'the webhook URL is no longer valid: create a new incoming webhook',
  channel_not_found: 'the webhook channel no longer exists: create a new incoming webhook',
  channel_is_archived: 'the webhook channel is archived: unarchive it or create a new webhook',
  action_prohibited: 'a Slack admin restricts posting to this channel',
  posting_to_general_channel_denied: 'only admins may post to this channel: use another channel',
};

export function checkSlackTarget(target: SlackTarget): string | undefined {
  const url = checkTargetUrl(target.url, 'url');
  return url.ok ? undefined : url.error;
}

export function createSlackChannel(options: SlackChannelOptions = {}): Channel<SlackTarget> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    kind: 'slack',
    async send(message: AlertMessage, target: SlackTarget, sendOptions?: { signal?: AbortSignal }): Promise<DeliveryResult> {
      const url = checkTargetUrl(target.url, 'Slack webhook url');
      if (!url.ok) return { ok: false, retryable: false, error: url.error };
      const problem = messageProblem(message);
      if (problem !== null) return { ok: false, retryable: false, error: `Slack: ${problem}` };
      const outcome = await postJson(url.url, JSON.stringify(renderSlackPayload(message)), {
        service: 'Slack',
        timeoutMs,
        ...(options.now ? { now: options.now } : {}),
        ...(sendOptions?.signal ? { signal: sendOptions.signal } : {}),
      });
      if (outcome.kind === 'failed') return outcome.result;
      const code = outcome.body.trim();
      const hint = PERMANENT_HINTS[code];
      // A known code is an error even if it came with 200 (older Slack answers did that).
      if (hint !== undefined && outcome.status < 500) {
        return { ok: false, retryable: false, status: outcome.status, error: `Slack: ${code}: ${hint}` };
      }
      return classifyAnswer(outcome, 'Slack');
    },
  };
}
