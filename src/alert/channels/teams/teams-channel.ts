/**
 * Microsoft Teams channel through a Workflows webhook (the successor of O365 connectors): posts
 * the Adaptive Card envelope of adaptive-card.ts. Workflows answers 202 Accepted on success.
 * Classification is the generic one (http-delivery.ts): 429/5xx/timeouts retried, other 4xx
 * (expired or deleted flow, refused card) permanent. Never throws for a delivery failure.
 */
import type { AlertMessage, Channel, DeliveryResult } from '../../message.ts';
import { classifyAnswer, DEFAULT_TIMEOUT_MS, postJson } from '../webhook/http-delivery.ts';
import { messageProblem } from '../render/message-check.ts';
import { checkTargetUrl } from '../webhook/target-url.ts';
import { renderTeamsEnvelope } from './adaptive-card.ts';

export interface TeamsTarget {
  /** The Workflows trigger URL ("When a Teams webhook request is received"). */
  url: string;
}

export interface TeamsChannelOptions {
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  now?: () => number;
}

export function checkTeamsTarget(target: TeamsTarget): string | undefined {
  const url = checkTargetUrl(target.url, 'url');
  return url.ok ? undefined : url.error;
}

export function createTeamsChannel(options: TeamsChannelOptions = {}): Channel<TeamsTarget> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    kind: 'teams',
    async send(message: AlertMessage, target: TeamsTarget, sendOptions?: { signal?: AbortSignal }): Promise<DeliveryResult> {
      const url = checkTargetUrl(target.url, 'Teams workflow url');
      if (!url.ok) return { ok: false, retryable: false, error: url.error };
      const problem = messageProblem(message);
      if (problem !== null) return { ok: false, retryable: false, error: `Teams: ${problem}` };
      const outcome = await postJson(url.url, JSON.stringify(renderTeamsEnvelope(message)), {
        service: 'Teams',
        timeoutMs,
        ...(options.now ? { now: options.now } : {}),
        ...(sendOptions?.signal ? { signal: sendOptions.signal } : {}),
      });
      if (outcome.kind === 'failed') return outcome.result;
      return classifyAnswer(outcome, 'Teams');
    },
  };
}
