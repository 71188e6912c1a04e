/**
 * The alerting configuration file (`alerting.file`): users, on-call schedules, shared channels,
 * teams, escalation policies, routing and alert options in one YAML document. `parseAlertingFile`
 * validates everything at once — users (validateUser), schedules (validateSchedule against the
 * users), channels (ContactSchema), teams/policies/routing (validateAlerting against the users,
 * schedules and channels of the file) and options (AlertOptionsSchema) — and names every problem
 * by file:line:column and field path, so `vigie serve` refuses a bad file at start with a message
 * a person can act on. `checkAlertingText` does the same without throwing and gives each problem's
 * line, column and field apart (for the API). `dumpAlertingFile` writes a file that parses back
 * equal; with `maskSecrets` (what people are shown) contacts' secrets read "***", and checking such
 * a text against the configuration in force (`keepSecretsFrom`) puts the current secrets back, so an
 * export can be edited and sent back without ever showing them.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Document } from 'yaml';
import { ContactSchema, validateUser, type Contact, type User } from './delivery/user.ts';
import type { EngineConfig } from './engine/config.ts';
import type { MessageLang } from './message.ts';
import { validateSchedule, type Schedule } from './oncall/schedule.ts';
import { AlertingConfigError, formatPath, validateAlerting, type Problem, type ProblemPath } from './policy/validate.ts';
import { offsetOf } from './policy/yaml.ts';
import { AlertOptionsSchema } from './state/options.ts';

export { AlertingConfigError };

/** The top-level keys of the file. */
export const ALERTING_FILE_KEYS = ['users', 'schedules', 'channels', 'teams', 'policies', 'routing', 'options', 'lang', 'drillTargets'] as const;

/** What the file gives: the engine's configuration (brand names aside) and the contacts drills may reach. */
export interface AlertingFile {
  config: EngineConfig;
  /** Contact ids (of users or shared channels) that drill pages really reach. */
  drillTargets: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const zodPath = (path: readonly PropertyKey[]): ProblemPath => path.map((k) => (typeof k === 'number' ? k : String(k)));

/** One problem of an alerting file, located. */
export interface AlertingProblem {
  /** 1-based line and column of the offending node; null when the YAML parser could not place it. */
  line: number | null;
  column: number | null;
  /** The field, e.g. "policies[0].steps[2].fromStep"; null for a YAML syntax error or the file as a whole. */
  path: string | null;
  message: string;
  /** "file:line:column: path: message", as the CLI and the logs print it. */
  text: string;
}

/** A checked alerting file: the configuration and the text to store (masked secrets filled in), or every problem. */
export type AlertingCheck = { ok: true; file: AlertingFile; text: string } | { ok: false; problems: AlertingProblem[] };

export interface CheckOptions {
  /**
   * The configuration in force: a masked secret (as the API's export shows them, see SECRET_MASK)
   * of a contact that exists there under the same user and id, or a shared channel of the same id,
   * keeps its current value. Without it, a masked secret is a problem.
   */
  keepSecretsFrom?: AlertingFile;
}

/**
 * Parses and validates the text of an alerting file. Returns the configuration, or throws
 * AlertingConfigError whose problems read "file:line:column: path: message", sorted by position.
 */
export function parseAlertingFile(text: string, file: string): AlertingFile {
  const r = checkAlertingText(text, file);
  if (!r.ok) throw new AlertingConfigError(r.problems.map((p) => p.text));
  return r.file;
}

/**
 * Checks the text of an alerting file (`label` names it in the problems) without throwing: the
 * configuration and the text to store, or every problem with its line, column and field, sorted by
 * position. The same validation as parseAlertingFile.
 */
export function checkAlertingText(text: string, label: string, options: CheckOptions = {}): AlertingCheck {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const first = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
        const message = `YAML syntax error: ${first}`;
        return { line: pos?.line ?? null, column: pos?.col ?? null, path: null, message, text: `${label}${pos ? `:${pos.line}:${pos.col}` : ''}: ${message}` };
      }),
    };
  }
  const locate = (path: ProblemPath, message: string): AlertingProblem => {
    const off = offsetOf(doc.contents, path);
    const { line, col } = off === null ? { line: 1, col: 1 } : lineCounter.linePos(off);
    const where = path.length === 0 ? null : formatPath(path);
    return { line, column: col, path: where, message, text: `${label}:${line}:${col}: ${where === null ? '' : `${where}: `}${message}` };
  };
  const masked = restoreMaskedSecrets(doc, options.keepSecretsFrom);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Too many aliases (a "billion laughs" document), an alias to nothing…
    const message = `YAML error: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, problems: [{ line: null, column: null, path: null, message, text: `${label}: ${message}` }] };
  }
  const r = validateData(data);
  // A masked secret left as it is also fails the channel's own check: report it once, as masked.
  const problems = [...masked.problems, ...r.problems.filter((p) => !masked.problems.some((m) => startsWith(p.path, m.path)))];
  if (problems.length > 0 || r.file === null) {
    const located = problems.map((p) => locate(p.path, p.message));
    located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    return { ok: false, problems: located };
  }
  return { ok: true, file: r.file, text: masked.restored ? doc.toString({ lineWidth: 0 }) : text };
}

const startsWith = (path: ProblemPath, prefix: ProblemPath): boolean => prefix.length <= path.length && prefix.every((seg, i) => String(seg) === String(path[i]));

/** Validates the parsed data: the configuration, or the problems (with their paths). */
function validateData(data: unknown): { file: AlertingFile | null; problems: Problem[] } {
  if (!isRecord(data)) {
    const got = data === null || data === undefined ? 'an empty file' : Array.isArray(data) ? 'a list' : typeof data;
    return { file: null, problems: [{ path: [], message: `the file must be a mapping with ${ALERTING_FILE_KEYS.join(', ')} (got ${got})` }] };
  }
  const problems: Problem[] = [];
  const add = (path: ProblemPath, message: string): void => {
    problems.push({ path, message });
  };
  for (const k of Object.keys(data))
    if (!(ALERTING_FILE_KEYS as readonly string[]).includes(k)) add([k], `unknown top-level key "${k}" (expected ${ALERTING_FILE_KEYS.join(', ')})`);

  // Users.
  const users: User[] = [];
  const rawUsers = data.users ?? [];
  if (!Array.isArray(rawUsers)) add(['users'], 'must be a list of users');
  else
    rawUsers.forEach((raw, i) => {
      const r = validateUser(raw);
      if (r.ok) {
        if (users.some((u) => u.id === r.user.id)) add(['users', i, 'id'], `duplicate user id "${r.user.id}"`);
        else users.push(r.user);
      } else for (const p of r.problems) add(['users', i, ...p.path], p.message);
    });
  // Every id a user may be named by, even when the user has a problem of its own (one error, not a cascade).
  const userIds = Array.isArray(rawUsers) ? rawUsers.map((u) => (isRecord(u) && typeof u.id === 'string' ? u.id : null)).filter((x): x is string => x !== null) : [];

  // Schedules.
  const schedules: Schedule[] = [];
  const rawSchedules = data.schedules ?? [];
  if (!Array.isArray(rawSchedules)) add(['schedules'], 'must be a list of on-call schedules');
  else
    rawSchedules.forEach((raw, i) => {
      const r = validateSchedule(raw, userIds);
      if (r.ok) {
        if (schedules.some((s) => s.id === r.schedule.id)) add(['schedules', i, 'id'], `duplicate schedule id "${r.schedule.id}"`);
        else schedules.push(r.schedule);
      } else for (const p of r.problems) add(['schedules', i, ...p.path], p.message);
    });
  const scheduleIds = Array.isArray(rawSchedules) ? rawSchedules.map((s) => (isRecord(s) && typeof s.id === 'string' ? s.id : null)).filter((x): x is string => x !== null) : [];

  // Shared channels: id → { channel, target }.
  const channels: Record<string, Contact> = {};
  const rawChannels = data.channels ?? {};
  if (!isRecord(rawChannels)) add(['channels'], 'must be a mapping of channel id → { channel, target }');
  else
    for (const [id, raw] of Object.entries(rawChannels)) {
      const r = ContactSchema.safeParse(isRecord(raw) ? { id, ...raw } : raw);
      if (r.success) channels[id] = r.data;
      else
        for (const iss of r.error.issues) {
          if (iss.code === 'unrecognized_keys') for (const k of iss.keys) add(['channels', id, ...zodPath(iss.path), k], `unknown field "${k}"`);
          else add(['channels', id, ...zodPath(iss.path)], iss.message);
        }
    }

  // Teams, policies, routing.
  const v = validateAlerting({
    users: userIds,
    schedules: scheduleIds,
    channels: isRecord(rawChannels) ? Object.keys(rawChannels) : [],
    teams: data.teams ?? [],
    policies: data.policies ?? [],
    routing: data.routing,
  });
  if (!v.ok) problems.push(...v.problems);
  // A webhook step calls a shared channel of the webhook kind (its URL and signing secret).
  if (v.ok)
    v.config.policies.forEach((policy, i) =>
      policy.steps.forEach((step, j) => {
        const ch = step.kind === 'webhook' ? channels[step.channel] : undefined;
        if (step.kind === 'webhook' && ch !== undefined && ch.channel !== 'webhook')
          add(['policies', i, 'steps', j, 'channel'], `channel "${step.channel}" is a ${ch.channel} channel; a webhook step calls a webhook channel (channel: webhook, target: { url, secret })`);
      }),
    );

  // Alert options, language, drill targets.
  const o = AlertOptionsSchema.safeParse(data.options ?? {});
  if (!o.success)
    for (const iss of o.error.issues) {
      if (iss.code === 'unrecognized_keys') for (const k of iss.keys) add(['options', ...zodPath(iss.path), k], `unknown option "${k}"`);
      else add(['options', ...zodPath(iss.path)], iss.message);
    }
  const lang = data.lang ?? 'en';
  if (lang !== 'en' && lang !== 'fr') add(['lang'], 'must be en or fr (the language of pages to shared channels and webhook steps)');
  // Every contact id written, even of a contact with a problem of its own (one error, not a cascade).
  const rawContactIds = (Array.isArray(rawUsers) ? rawUsers : []).flatMap((u) =>
    isRecord(u) && Array.isArray(u.contacts) ? u.contacts.map((c) => (isRecord(c) && typeof c.id === 'string' ? c.id : null)).filter((x): x is string => x !== null) : [],
  );
  const contactIds = new Set([...rawContactIds, ...(isRecord(rawChannels) ? Object.keys(rawChannels) : [])]);
  const rawDrill = data.drillTargets ?? [];
  const drillTargets: string[] = [];
  if (!Array.isArray(rawDrill)) add(['drillTargets'], 'must be a list of contact ids that drill pages really reach');
  else
    rawDrill.forEach((c, i) => {
      if (typeof c !== 'string') add(['drillTargets', i], 'must be a contact id');
      else if (!contactIds.has(c)) add(['drillTargets', i], `unknown contact "${c}"; use the id of a user's contact or of a shared channel`);
      else drillTargets.push(c);
    });

  if (problems.length > 0 || !v.ok || !o.success) return { file: null, problems };
  return {
    file: { config: { alerting: v.config, users, schedules, channels, options: o.data, lang: lang as MessageLang }, drillTargets },
    problems: [],
  };
}

/** Reads the alerting file at `path` and checks it; an unreadable file is one problem naming `label` (default `path`). */
export function checkAlertingFileAt(path: string, label: string = path, options: CheckOptions = {}): AlertingCheck {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = `cannot read the alerting file (${code === 'ENOENT' ? 'no such file' : code ?? String(e)}); check alerting.file`;
    return { ok: false, problems: [{ line: null, column: null, path: null, message, text: `${label}: ${message}` }] };
  }
  return checkAlertingText(text, label, options);
}

/** Reads and validates the alerting file at `path`; problems name `label` (default `path`):line:column. */
export function readAlertingFile(path: string, label: string = path): AlertingFile {
  const r = checkAlertingFileAt(path, label);
  if (!r.ok) throw new AlertingConfigError(r.problems.map((p) => p.text));
  return r.file;
}

/** What masked secrets are replaced by in an export meant for people (the API's). */
export const SECRET_MASK = '***';

/** True for a value an export masked: "***", or a URL whose secret path was masked ("https://hooks.slack.com/***"). */
export function isMasked(v: unknown): boolean {
  return typeof v === 'string' && (v === SECRET_MASK || v.endsWith(`/${SECRET_MASK}`));
}

/**
 * A contact's target with its secrets masked: webhook signing secrets (and any token or password)
 * become "***"; Slack and Teams URLs, whose path is the credential, keep only their origin.
 */
export function maskTarget(channel: string, target: unknown): unknown {
  if (!isRecord(target)) return target;
  return Object.fromEntries(
    Object.entries(target).map(([k, v]) => {
      if (/secret|token|password/i.test(k)) return [k, SECRET_MASK];
      if (k === 'url' && (channel === 'slack' || channel === 'teams') && typeof v === 'string') return [k, maskUrl(v)];
      return [k, v];
    }),
  );
}

function maskUrl(url: string): string {
  try {
    return `${new URL(url).origin}/${SECRET_MASK}`;
  } catch {
    return SECRET_MASK;
  }
}

/**
 * Puts back, in the parsed document, the secrets an export masked, from the configuration in force:
 * a contact is matched by its user's id, its own id and its channel; a shared channel by its id and
 * channel. What cannot be matched is a problem at the masked field.
 */
function restoreMaskedSecrets(doc: Document, current: AlertingFile | undefined): { restored: boolean; problems: Problem[] } {
  const problems: Problem[] = [];
  let restored = false;
  const str = (map: unknown, key: string): string | null => {
    const v: unknown = isMap(map) ? map.get(key) : undefined;
    return typeof v === 'string' ? v : null;
  };
  const visit = (contact: unknown, path: ProblemPath, previous: Contact | undefined, owner: string): void => {
    const target: unknown = isMap(contact) ? contact.get('target', true) : null;
    if (!isMap(target)) return;
    const known: Record<string, unknown> | null = previous !== undefined && previous.channel === str(contact, 'channel') && isRecord(previous.target) ? previous.target : null;
    for (const pair of target.items) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || !isMasked(pair.value.value)) continue;
      const key = String(pair.key.value);
      const value = known?.[key];
      if (typeof value === 'string' && !isMasked(value)) {
        pair.value.value = value;
        restored = true;
      } else if (current === undefined) {
        problems.push({ path: [...path, 'target', key], message: `is masked (${SECRET_MASK}): write the real value (a masked export keeps its secrets only when it is sent back to the server it came from)` });
      } else {
        problems.push({ path: [...path, 'target', key], message: `is masked (${SECRET_MASK}), but the configuration in force has no ${owner} with this channel to keep it from: write the real value` });
      }
    }
  };
  const root = doc.contents;
  if (!isMap(root)) return { restored, problems };
  const users = root.get('users', true);
  if (isSeq(users))
    users.items.forEach((user, i) => {
      const contacts: unknown = isMap(user) ? user.get('contacts', true) : null;
      if (!isSeq(contacts)) return;
      const uid = str(user, 'id');
      contacts.items.forEach((contact, j) => {
        const cid = str(contact, 'id');
        const previous = current?.config.users.find((u) => u.id === uid)?.contacts.find((c) => c.id === cid);
        visit(contact, ['users', i, 'contacts', j], previous, `contact "${String(cid)}" of user "${String(uid)}"`);
      });
    });
  const channels = root.get('channels', true);
  if (isMap(channels))
    for (const pair of channels.items) {
      if (!isScalar(pair.key)) continue;
      const id = String(pair.key.value);
      visit(pair.value, ['channels', id], current?.config.channels[id], `shared channel "${id}"`);
    }
  return { restored, problems };
}

/**
 * Writes the file's configuration as YAML that parseAlertingFile reads back equal. With
 * `maskSecrets` (what the API shows), contacts' secrets are masked (maskTarget); checkAlertingText
 * with `keepSecretsFrom` puts them back.
 */
export function dumpAlertingFile(file: AlertingFile, options: { maskSecrets?: boolean } = {}): string {
  const c = file.config;
  const target = (channel: string, t: unknown): unknown => (options.maskSecrets === true ? maskTarget(channel, t) : t);
  const channels = Object.fromEntries(Object.entries(c.channels).map(([id, ch]) => [id, { channel: ch.channel, target: target(ch.channel, ch.target) }]));
  const users = c.users.map((u) => ({ ...u, contacts: u.contacts.map((ct) => ({ ...ct, target: target(ct.channel, ct.target) })) }));
  const plain = JSON.parse(
    JSON.stringify({
      users,
      schedules: c.schedules,
      channels,
      teams: c.alerting.teams,
      policies: c.alerting.policies,
      routing: c.alerting.routing,
      options: c.options,
      lang: c.lang ?? 'en',
      drillTargets: file.drillTargets,
    }),
  ) as unknown;
  return stringify(plain, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** How much a file holds, for messages and the API. */
export interface AlertingSummary {
  users: number;
  schedules: number;
  channels: number;
  teams: number;
  policies: number;
  routes: number;
}

export function summarizeAlertingFile(file: AlertingFile): AlertingSummary {
  const c = file.config;
  return {
    users: c.users.length,
    schedules: c.schedules.length,
    channels: Object.keys(c.channels).length,
    teams: c.alerting.teams.length,
    policies: c.alerting.policies.length,
    routes: c.alerting.routing.routes.length,
  };
}

/** "2 user(s), 1 schedule(s), 1 channel(s), 1 team(s), 1 policy, 0 route(s)" */
export function describeAlertingSummary(s: AlertingSummary): string {
  return `${s.users} user(s), ${s.schedules} schedule(s), ${s.channels} channel(s), ${s.teams} team(s), ${s.policies} polic${s.policies === 1 ? 'y' : 'ies'}, ${s.routes} route(s)`;
}
