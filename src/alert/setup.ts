/**
 * Alerting as the product runs it: from the `alerting` section of the configuration, the channel
 * registry (e-mail when SMTP is configured, SMS when an SMS account is, Slack, Teams and webhooks
 * always) and the AlertEngine on the store, with the alerting file validated first. `vigie serve`,
 * the ingest path, the API and the CLI all build alerting here, so they page the same way.
 *
 * The file in force sits in a holder the engine reads on every use: `replace(text)` (the API's PUT)
 * validates a new text, writes it over `alerting.file` atomically (the old one kept as
 * `<file>.previous`) and swaps it in; `reload()` (SIGHUP) re-reads the file. A refused text changes
 * nothing. Running escalations keep the policy snapshot they started with; new work uses the new
 * configuration, and drill pages reach the new `drillTargets`.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, copyFileSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { WorkspaceId } from '../domain/ids.ts';
import type { AlertingSettings } from '../config/schema.ts';
import type { Logger } from '../observe/logger.ts';
import type { AlertingStore } from '../store/alerting-types.ts';
import { createEmailChannel, type EmailChannel } from './channels/email/channel.ts';
import type { InAppHub } from './channels/inapp/hub.ts';
import { createInAppChannel } from './channels/inapp/inapp-channel.ts';
import { createSlackChannel } from './channels/slack/slack-channel.ts';
import { createSmsChannel } from './channels/sms/channel.ts';
import { createTeamsChannel } from './channels/teams/teams-channel.ts';
import { createWebhookChannel } from './channels/webhook/webhook-channel.ts';
import {
  AlertingConfigError, checkAlertingFileAt, checkAlertingText, summarizeAlertingFile, type AlertingFile, type AlertingProblem, type AlertingSummary,
} from './config-file.ts';
import { ChannelRegistry } from './delivery/registry.ts';
import { AlertEngine, type EngineEvent } from './engine/engine.ts';

/** The channel registry the settings allow, and a close() for pooled transports. */
export function buildRegistry(settings: AlertingSettings, options: { inapp?: InAppHub } = {}): { registry: ChannelRegistry; close(): void } {
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
  if (options.inapp !== undefined) registry.register('inapp', createInAppChannel(options.inapp));
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
  /** The in-app page streams of this process (`vigie serve`): with it, `inapp` contacts are reached. */
  inapp?: InAppHub;
}

/** A new configuration taken (with what it holds), or refused with every problem (nothing changed). */
export type ReplaceResult = { ok: true; file: AlertingFile; summary: AlertingSummary } | { ok: false; problems: AlertingProblem[] };

export interface AlertingRuntime {
  engine: AlertEngine;
  registry: ChannelRegistry;
  /** The alerting file in force (replace and reload swap it). */
  readonly file: AlertingFile;
  /** The absolute path of `alerting.file`. */
  readonly path: string;
  /** The secret of the ack links (to verify them in the API). */
  ackSecret: string;
  /**
   * Validates `yamlText` as the whole alerting file (masked secrets keep their current values, see
   * dumpAlertingFile) and, only if it is valid, writes it over `alerting.file` atomically (the old
   * file kept as `<file>.previous`) and puts it in force. Throws only when the file cannot be written.
   */
  replace(yamlText: string): ReplaceResult;
  /** Re-reads `alerting.file` from disk and puts it in force if it is valid (a bad file is refused, the old configuration stays). */
  reload(): ReplaceResult;
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
  const path = resolve(options.cwd ?? process.cwd(), s.file);
  const label = s.file;
  const first = checkAlertingFileAt(path, label);
  if (!first.ok) throw new AlertingConfigError(first.problems.map((p) => p.text));
  const brandNames = Object.fromEntries((await options.store.listBrands(options.workspaceId)).map((b) => [b.id, b.name]));
  let file = first.file;
  let config = { ...file.config, brandNames };
  const { registry, close } = buildRegistry(s, options.inapp === undefined ? {} : { inapp: options.inapp });
  const logger = options.logger;
  const engine = new AlertEngine({
    store: options.store,
    workspaceId: options.workspaceId,
    config: () => config,
    registry,
    clock: options.clock ?? Date.now,
    baseUrl: s.baseUrl.replace(/\/+$/, ''),
    ackSecret: s.ackSecret,
    // Read at each delivery, so a reload's drill targets apply at once.
    drillTargets: () => file.drillTargets,
    ...(logger ? { onEvent: (e: EngineEvent) => logEvent(logger, e) } : {}),
  });
  const take = (next: AlertingFile): ReplaceResult => {
    file = next;
    config = { ...next.config, brandNames };
    return { ok: true, file: next, summary: summarizeAlertingFile(next) };
  };
  return {
    engine,
    registry,
    get file() {
      return file;
    },
    path,
    ackSecret: s.ackSecret,
    replace(yamlText) {
      const r = checkAlertingText(yamlText, label, { keepSecretsFrom: file });
      if (!r.ok) return r;
      writeAlertingFile(path, r.text);
      return take(r.file);
    },
    reload() {
      const r = checkAlertingFileAt(path, label);
      return r.ok ? take(r.file) : r;
    },
    close,
  };
}

/**
 * Replaces the alerting file at `path` with `text` atomically: the text goes to a temporary file in
 * the same directory (with the permissions of the file it replaces, else owner-only: it holds
 * secrets), flushed to disk, then renamed over the file, so a reader sees the old file or the new
 * one, never part of one. The replaced file is kept as `<path>.previous`. A symbolic link is
 * followed (the file it points to is replaced). Throws an Error naming the path on failure.
 */
export function writeAlertingFile(path: string, text: string): void {
  let file = path;
  let mode = 0o600;
  let exists = true;
  try {
    file = realpathSync(path);
    mode = statSync(file).mode & 0o777;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(path, e);
    exists = false;
  }
  const dir = dirname(file);
  const tag = `${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  const tmp = join(dir, `.${basename(file)}.${tag}`);
  const previousTmp = join(dir, `.${basename(file)}.previous.${tag}`);
  try {
    writeSynced(tmp, text, mode);
    if (exists) {
      copyFileSync(file, previousTmp);
      renameSync(previousTmp, `${file}.previous`);
    }
    renameSync(tmp, file);
    syncDirectory(dir);
  } catch (e) {
    rmSync(tmp, { force: true });
    rmSync(previousTmp, { force: true });
    throw writeError(path, e);
  }
}

function writeSynced(path: string, text: string, mode: number): void {
  const fd = openSync(path, 'wx', mode);
  try {
    fchmodSync(fd, mode);
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes the renames durable; best effort (some file systems refuse to sync a directory). */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not durable across a power cut on this file system, but already visible: nothing to undo.
  }
}

function writeError(path: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
  return new Error(`cannot write the alerting file ${path} (${code}); check that it and its directory are writable`);
}
