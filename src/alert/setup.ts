/**
 * Alerting as the product runs it: from the `alerting` section of the configuration, the channel
 * registry (e-mail when SMTP is configured, SMS when an SMS account is, Slack, Teams and webhooks
 * always) and the AlertEngine on the store, with the alerting file validated first. `vigie serve`,
 * the ingest path, the API and the CLI all build alerting here, so they page the same way.
 */
import { resolve } from 'node:path';
import type { WorkspaceId } from '../domain/ids.ts';
import type { AlertingSettings } from '../config/schema.ts';
import type { Logger } from '../observe/logger.ts';
import type { AlertingStore } from '../store/alerting-types.ts';
import { createEmailChannel, type EmailChannel } from './channels/email/channel.ts';
import { createSlackChannel } from './channels/slack/slack-channel.ts';
import { createSmsChannel } from './channels/sms/channel.ts';
import { createTeamsChannel } from './channels/teams/teams-channel.ts';
import { createWebhookChannel } from './channels/webhook/webhook-channel.ts';
import { readAlertingFile, type AlertingFile } from './config-file.ts';
import { ChannelRegistry } from './delivery/registry.ts';
import { AlertEngine, type EngineEvent } from './engine/engine.ts';

/** The channel registry the settings allow, and a close() for pooled transports. */
export function buildRegistry(settings: AlertingSettings): { registry: ChannelRegistry; close(): void } {
  const registry = new ChannelRegistry({ slack: createSlackChannel(), teams: createTeamsChannel(), webhook: createWebhookChannel() });
  let email: EmailChannel | null = null;
  const { smtp, sms } = settings;
  if (smtp.host !== null) {
    if (smtp.from === null) throw new Error('alerting.smtp.from: required when alerting.smtp.host is set (the sender of e-mail pages)');
    const auth = smtp.user === null ? {} : { auth: { user: smtp.user, pass: smtp.password ?? '' } };
    email = createEmailChannel({ host: smtp.host, port: smtp.port, secure: smtp.secure, ...auth }, { from: smtp.from });
    registry.register('email', email);
  }
  if (sms.accountSid !== null) {
    if (sms.authToken === null || sms.from === null) throw new Error('alerting.sms: authToken and from are required when accountSid is set');
    registry.register('sms', createSmsChannel({ baseUrl: sms.baseUrl, accountSid: sms.accountSid, authToken: sms.authToken, from: sms.from }));
  }
  return { registry, close: () => email?.close() };
}

export interface AlertingSetupOptions {
  store: AlertingStore & { listBrands(ws: WorkspaceId): Promise<{ id: string; name: string }[]> };
  workspaceId: WorkspaceId;
  settings: AlertingSettings;
  /** Resolves a relative `alerting.file` (default: the working directory). */
  cwd?: string;
  logger?: Logger;
  clock?: () => number;
}

export interface AlertingRuntime {
  engine: AlertEngine;
  registry: ChannelRegistry;
  file: AlertingFile;
  /** The secret of the ack links (to verify them in the API). */
  ackSecret: string;
  close(): void;
}

/** The engine's events as log lines: problems as warnings, the rest at debug level. */
function logEvent(logger: Logger, e: EngineEvent): void {
  const warn = e.type === 'unrouted' || e.type === 'nobody' || e.type === 'dead' || e.type === 'error' || e.type === 'retry';
  logger[warn ? 'warn' : 'debug']({ alertId: e.alertId, event: e.type }, e.detail);
}

/**
 * Validates the alerting file and builds the engine. Throws an Error saying what to fix when
 * alerting is not fully configured (file, baseUrl, ackSecret) or the file is invalid
 * (AlertingConfigError, one problem a line with file:line:column).
 */
export async function setupAlerting(options: AlertingSetupOptions): Promise<AlertingRuntime> {
  const s = options.settings;
  if (s.file === null || s.baseUrl === null || s.ackSecret === null)
    throw new Error('alerting needs alerting.file, alerting.baseUrl and alerting.ackSecret (or VIGIE_ACK_SECRET) in the configuration; see docs/alerting.md');
  const file = readAlertingFile(resolve(options.cwd ?? process.cwd(), s.file));
  const brandNames = Object.fromEntries((await options.store.listBrands(options.workspaceId)).map((b) => [b.id, b.name]));
  const config = { ...file.config, brandNames };
  const { registry, close } = buildRegistry(s);
  const logger = options.logger;
  const engine = new AlertEngine({
    store: options.store,
    workspaceId: options.workspaceId,
    config: () => config,
    registry,
    clock: options.clock ?? Date.now,
    baseUrl: s.baseUrl.replace(/\/+$/, ''),
    ackSecret: s.ackSecret,
    drillTargets: file.drillTargets,
    ...(logger ? { onEvent: (e: EngineEvent) => logEvent(logger, e) } : {}),
  });
  return { engine, registry, file, ackSecret: s.ackSecret, close };
}
