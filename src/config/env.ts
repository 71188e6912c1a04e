/** An environment variable that overrides one key of the configuration file. */
export interface EnvOverride {
  name: string;
  path: readonly string[];
  kind: 'string' | 'integer';
  description: string;
}

export const ENV_OVERRIDES: readonly EnvOverride[] = [
  { name: 'DATABASE_URL', path: ['store', 'databaseUrl'], kind: 'string', description: 'PostgreSQL URL; selects cluster mode' },
  { name: 'VIGIE_DATA_DIR', path: ['dataDir'], kind: 'string', description: 'data directory' },
  { name: 'VIGIE_SQLITE_PATH', path: ['store', 'sqlitePath'], kind: 'string', description: 'SQLite file' },
  { name: 'VIGIE_HOST', path: ['http', 'host'], kind: 'string', description: 'HTTP listen address' },
  { name: 'VIGIE_PORT', path: ['http', 'port'], kind: 'integer', description: 'HTTP port' },
  { name: 'VIGIE_LOG_LEVEL', path: ['log', 'level'], kind: 'string', description: 'log level' },
  { name: 'VIGIE_WORKSPACE', path: ['workspace', 'id'], kind: 'string', description: 'workspace id' },
  { name: 'VIGIE_RETENTION_DAYS', path: ['retention', 'days'], kind: 'integer', description: 'retention in days' },
  { name: 'VIGIE_ACK_SECRET', path: ['alerting', 'ackSecret'], kind: 'string', description: 'secret of the acknowledgement links' },
  { name: 'VIGIE_SMTP_PASSWORD', path: ['alerting', 'smtp', 'password'], kind: 'string', description: 'SMTP password' },
  { name: 'VIGIE_SMS_AUTH_TOKEN', path: ['alerting', 'sms', 'authToken'], kind: 'string', description: 'SMS API auth token' },
];

/**
 * Writes the set (non-empty) variables into `data` (a plain object from the YAML file, copied)
 * and returns which key paths came from which variable, so that errors name the variable.
 * Integers are converted when they look like integers; anything else is left as a string for
 * the schema to reject with a clear message.
 */
export function applyEnv(
  data: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): { data: Record<string, unknown>; origins: Map<string, string> } {
  const out = structuredClone(data);
  const origins = new Map<string, string>();
  for (const o of ENV_OVERRIDES) {
    const raw = env[o.name];
    if (raw === undefined || raw.trim() === '') continue;
    const value = raw.trim();
    let target: Record<string, unknown> = out;
    for (const k of o.path.slice(0, -1)) {
      const next = target[k];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) target[k] = {};
      target = target[k] as Record<string, unknown>;
    }
    const last = o.path[o.path.length - 1] as string;
    target[last] = o.kind === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
    origins.set(o.path.join('.'), o.name);
  }
  return { data: out, origins };
}
