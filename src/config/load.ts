import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { applyEnv } from './env.ts';
import { ConfigError } from './errors.ts';
import { ConfigFileSchema, type ConfigFile } from './schema.ts';
import { closest, knownKeys } from './schema-keys.ts';
import { readYamlSource, type YamlSource } from './yaml-source.ts';

/** The validated configuration, with paths resolved and the store kind decided. */
export interface Config extends Omit<ConfigFile, 'dataDir' | 'store'> {
  /** Absolute. */
  dataDir: string;
  store: {
    kind: 'sqlite' | 'postgres';
    /** Absolute; used when kind is 'sqlite'. */
    sqlitePath: string;
    databaseUrl: string | null;
  };
  /** The file read (absolute), or null when only defaults and the environment were used. */
  configFile: string | null;
}

export interface LoadConfigOptions {
  /** A file to read (must exist); null reads none; undefined uses VIGIE_CONFIG, else ./vigie.yaml if present. */
  file?: string | null;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export const DEFAULT_CONFIG_FILE = 'vigie.yaml';

/**
 * Reads the YAML file and the environment, validates them once and fails fast with a
 * ConfigError naming the file and line (or the variable), the key and what was expected.
 * Relative paths are resolved against `cwd`.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = pickFile(options.file, env, cwd);
  const source = file === null ? null : readYamlSource(file, resolve(cwd, file));
  const fileData = source === null ? {} : source.data;
  if (typeof fileData !== 'object' || fileData === null || Array.isArray(fileData)) {
    throw new ConfigError([`${file} line 1: expected a mapping of keys (such as "http:") at the top level`]);
  }
  const { data, origins } = applyEnv(fileData as Record<string, unknown>, env);
  const parsed = ConfigFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.flatMap((i) => describeIssue(i, data, source, origins)));
  }
  const c = parsed.data;
  const dataDir = resolve(cwd, c.dataDir);
  return {
    ...c,
    dataDir,
    store: {
      kind: c.store.databaseUrl === null ? 'sqlite' : 'postgres',
      sqlitePath: resolve(cwd, c.store.sqlitePath ?? join(dataDir, 'vigie.db')),
      databaseUrl: c.store.databaseUrl,
    },
    understand: {
      ...c.understand,
      sentiment: {
        ...c.understand.sentiment,
        model: c.understand.sentiment.model === null ? null : resolve(cwd, c.understand.sentiment.model),
        onnx: { ...c.understand.sentiment.onnx, dir: c.understand.sentiment.onnx.dir === null ? null : resolve(cwd, c.understand.sentiment.onnx.dir) },
      },
      categories: { ...c.understand.categories, model: c.understand.categories.model === null ? null : resolve(cwd, c.understand.categories.model) },
    },
    configFile: source === null || file === null ? null : resolve(cwd, file),
  };
}

function pickFile(file: string | null | undefined, env: NodeJS.ProcessEnv, cwd: string): string | null {
  if (file !== undefined) return file;
  const fromEnv = env.VIGIE_CONFIG?.trim();
  if (fromEnv) return fromEnv;
  return existsSync(join(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : null;
}

function describeIssue(
  issue: z.core.$ZodIssue,
  data: unknown,
  source: YamlSource | null,
  origins: Map<string, string>,
): string[] {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(ConfigFileSchema, issue.path);
    return issue.keys.map((key) => {
      const guess = closest(key, known);
      const hint = guess !== null ? `did you mean "${guess}"?` : `known keys: ${known.join(', ')}`;
      return `${where(issue.path, source, key)}${formatPath([...issue.path, key])}: unknown key; ${hint}`;
    });
  }
  const dotted = issue.path.join('.');
  const variable = [...origins.entries()].find(([p]) => dotted === p || dotted.startsWith(`${p}.`))?.[1];
  const value = valueAt(data, issue.path);
  const message =
    issue.code === 'invalid_type' && value === undefined
      ? `missing; expected ${issue.expected}`
      : `${issue.message}${/received|got /.test(issue.message) ? '' : `, got ${show(value)}`}`;
  if (variable !== undefined) return [`${variable}: ${message}`];
  return [`${where(issue.path, source)}${formatPath(issue.path)}: ${message}`];
}

function where(path: readonly PropertyKey[], source: YamlSource | null, key?: string): string {
  if (source === null) return 'configuration: ';
  const line = source.lineOf(path, key);
  return line === null ? `${source.file}: ` : `${source.file} line ${line}: `;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out === '' ? String(k) : `.${String(k)}`;
  return out === '' ? '(top level)' : out;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
