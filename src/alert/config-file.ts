/**
 * The alerting configuration file (`alerting.file`): users, on-call schedules, shared channels,
 * teams, escalation policies, routing and alert options in one YAML document. `parseAlertingFile`
 * validates everything at once — users (validateUser), schedules (validateSchedule against the
 * users), channels (ContactSchema), teams/policies/routing (validateAlerting against the users,
 * schedules and channels of the file) and options (AlertOptionsSchema) — and names every problem
 * by file:line:column and field path, so `vigie serve` refuses a bad file at start with a message
 * a person can act on. `dumpAlertingFile` writes a file that parses back equal.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, stringify } from 'yaml';
import { ContactSchema, validateUser, type Contact, type User } from './delivery/user.ts';
import type { EngineConfig } from './engine/config.ts';
import type { MessageLang } from './message.ts';
import { validateSchedule, type Schedule } from './oncall/schedule.ts';
import { AlertingConfigError, formatPath, validateAlerting, type ProblemPath } from './policy/validate.ts';
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

/**
 * Parses and validates the text of an alerting file. Returns the configuration, or throws
 * AlertingConfigError whose problems read "file:line:column: path: message", sorted by position.
 */
export function parseAlertingFile(text: string, file: string): AlertingFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new AlertingConfigError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const first = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
        return `${file}${pos ? `:${pos.line}:${pos.col}` : ''}: YAML syntax error: ${first}`;
      }),
    );
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const label = (path: ProblemPath): { line: number; col: number; text: string } => {
    const off = offsetOf(doc.contents, path);
    const { line, col } = off === null ? { line: 1, col: 1 } : lineCounter.linePos(off);
    return { line, col, text: `${file}:${line}:${col}` };
  };
  if (!isRecord(data)) {
    throw new AlertingConfigError([
      `${label([]).text}: the file must be a mapping with ${ALERTING_FILE_KEYS.join(', ')} (got ${data === null || data === undefined ? 'an empty file' : Array.isArray(data) ? 'a list' : typeof data})`,
    ]);
  }
  const problems: { path: ProblemPath; message: string }[] = [];
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

  // Alert options, language, drill targets.
  const o = AlertOptionsSchema.safeParse(data.options ?? {});
  if (!o.success)
    for (const iss of o.error.issues) {
      if (iss.code === 'unrecognized_keys') for (const k of iss.keys) add(['options', ...zodPath(iss.path), k], `unknown option "${k}"`);
      else add(['options', ...zodPath(iss.path)], iss.message);
    }
  const lang = data.lang ?? 'en';
  if (lang !== 'en' && lang !== 'fr') add(['lang'], 'must be en or fr (the language of pages to shared channels and webhook steps)');
  const contactIds = new Set([...users.flatMap((u) => u.contacts.map((c) => c.id)), ...Object.keys(channels)]);
  const rawDrill = data.drillTargets ?? [];
  const drillTargets: string[] = [];
  if (!Array.isArray(rawDrill)) add(['drillTargets'], 'must be a list of contact ids that drill pages really reach');
  else
    rawDrill.forEach((c, i) => {
      if (typeof c !== 'string') add(['drillTargets', i], 'must be a contact id');
      else if (!contactIds.has(c)) add(['drillTargets', i], `unknown contact "${c}"; use the id of a user's contact or of a shared channel`);
      else drillTargets.push(c);
    });

  if (problems.length > 0 || !v.ok || !o.success) {
    const located = problems.map((p) => ({ ...label(p.path), msg: `${formatPath(p.path)}: ${p.message}` }));
    located.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new AlertingConfigError(located.map((p) => `${p.text}: ${p.msg}`));
  }
  return {
    config: { alerting: v.config, users, schedules, channels, options: o.data, lang: lang as MessageLang },
    drillTargets,
  };
}

/** Reads and validates the alerting file at `path`; problems name `label` (default `path`):line:column. */
export function readAlertingFile(path: string, label: string = path): AlertingFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AlertingConfigError([`${label}: cannot read the alerting file (${code === 'ENOENT' ? 'no such file' : code ?? String(e)}); check alerting.file`]);
  }
  return parseAlertingFile(text, label);
}

/** Writes the file's configuration as YAML that parseAlertingFile reads back equal. */
export function dumpAlertingFile(file: AlertingFile): string {
  const c = file.config;
  const channels = Object.fromEntries(Object.entries(c.channels).map(([id, { channel, target }]) => [id, { channel, target }]));
  const plain = JSON.parse(
    JSON.stringify({
      users: c.users,
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
