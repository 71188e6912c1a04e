/**
 * Credentials of the `sources:` entries, never in plain text in vigie.yaml. A secret-valued key
 * (each kind names its own in the registry) holds either
 * - `env:NAME`: read from the environment variable NAME when the source starts, or
 * - `enc:v1:<base64>`: made by `vigie secrets encrypt`; AES-256-GCM, base64 of
 *   iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext.
 * The key is VIGIE_SECRET_KEY (base64 of 32 bytes) when set, else the file `<dataDir>/secret.key`
 * (base64 of 32 bytes), created with mode 0600 by `vigie secrets encrypt` when missing.
 * Secrets are decrypted only in memory, when a source starts or is tested.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ENCRYPTED_PREFIX = 'enc:v1:';
export const ENV_PREFIX = 'env:';
export const SECRET_KEY_ENV = 'VIGIE_SECRET_KEY';
export const SECRET_KEY_FILE = 'secret.key';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** A secret that cannot be read: the message says which source and key, what is wrong and what to do. */
export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

/** True when `value` is written the way a secret must be (`env:NAME` or `enc:v1:…`). */
export function isSecretReference(value: string): boolean {
  return value.startsWith(ENCRYPTED_PREFIX) || /^env:[A-Za-z_][A-Za-z0-9_]*$/.test(value);
}

/** Why a plain-text secret is refused, and how to fix it. */
export function plainSecretMessage(): string {
  return 'a secret must not be written in plain text: encrypt it with `vigie secrets encrypt --stdin` and paste the enc:v1:… value, or write env:NAME to read it from the environment variable NAME';
}

function decodeKey(b64: string, from: string): Buffer {
  const key = Buffer.from(b64.trim(), 'base64');
  if (key.length !== KEY_BYTES || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64.trim())) {
    throw new SecretError(`${from}: expected the base64 of 32 random bytes (make one with: openssl rand -base64 32), got ${key.length} bytes`);
  }
  return key;
}

export interface SecretKeyOptions {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /** Create `<dataDir>/secret.key` (0600) when neither the variable nor the file exists. */
  create?: boolean;
}

/** The 32-byte key: VIGIE_SECRET_KEY, else `<dataDir>/secret.key` (created when `create`). */
export function loadSecretKey(o: SecretKeyOptions): { key: Buffer; from: string } {
  const fromEnv = o.env[SECRET_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { key: decodeKey(fromEnv, SECRET_KEY_ENV), from: SECRET_KEY_ENV };
  const file = join(o.dataDir, SECRET_KEY_FILE);
  if (existsSync(file)) return { key: decodeKey(readFileSync(file, 'utf8'), file), from: file };
  if (!o.create) {
    throw new SecretError(`no secret key: set ${SECRET_KEY_ENV} (base64 of 32 bytes) or keep the ${file} made by \`vigie secrets encrypt\` (it is needed to decrypt enc:v1: values)`);
  }
  mkdirSync(o.dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key, from: file };
}

export function encryptSecret(plain: string, key: Buffer): string {
  if (plain === '') throw new SecretError('nothing to encrypt: the secret is empty');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ENCRYPTED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Decrypts an `enc:v1:` value; `where` names the source and key in the error. */
export function decryptSecret(value: string, key: Buffer, where: string): string {
  if (!value.startsWith(ENCRYPTED_PREFIX)) throw new SecretError(`${where}: not an enc:v1: value`);
  const b64 = value.slice(ENCRYPTED_PREFIX.length);
  const raw = Buffer.from(b64, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || raw.length <= IV_BYTES + TAG_BYTES) {
    throw new SecretError(`${where}: the enc:v1: value is cut or not base64; copy the whole output of \`vigie secrets encrypt\``);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretError(
      `${where}: cannot decrypt the enc:v1: value: it was encrypted with another key (${SECRET_KEY_ENV} or secret.key changed) or it was altered; encrypt it again with \`vigie secrets encrypt\``,
    );
  }
}

/** How secrets are read: the environment, and the key (loaded on first need only). */
export interface SecretReader {
  env: NodeJS.ProcessEnv;
  key: () => Buffer;
}

export function secretReader(env: NodeJS.ProcessEnv, dataDir: string): SecretReader {
  let cached: Buffer | null = null;
  return {
    env,
    key: () => (cached ??= loadSecretKey({ env, dataDir }).key),
  };
}

/** The plain value of a secret reference; `where` is e.g. `source "acme-x" (sources[0].bearerToken)`. */
export function readSecret(value: string, reader: SecretReader, where: string): string {
  if (value.startsWith(ENV_PREFIX)) {
    const name = value.slice(ENV_PREFIX.length);
    const v = reader.env[name];
    if (v === undefined || v === '') throw new SecretError(`${where}: the environment variable ${name} is not set (the configuration says env:${name})`);
    return v;
  }
  if (value.startsWith(ENCRYPTED_PREFIX)) {
    let key: Buffer;
    try {
      key = reader.key();
    } catch (e) {
      throw new SecretError(`${where}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return decryptSecret(value, key, where);
  }
  throw new SecretError(`${where}: ${plainSecretMessage()}`);
}

/**
 * Every value at a secret path: `a.b` or `instances.*.token` (`*` = every element of a list).
 * Calls `visit(path, value, set)` for each string found; `set` replaces it in place.
 */
export function visitSecretPaths(
  root: Record<string, unknown>,
  paths: readonly string[],
  visit: (path: (string | number)[], value: string, set: (v: string) => void) => void,
): void {
  const walk = (node: unknown, parts: readonly string[], at: (string | number)[]): void => {
    if (parts.length === 0 || typeof node !== 'object' || node === null) return;
    const [head, ...rest] = parts as [string, ...string[]];
    if (head === '*') {
      if (!Array.isArray(node)) return;
      node.forEach((child, i) => walk(child, rest, [...at, i]));
      return;
    }
    const obj = node as Record<string, unknown>;
    const v = obj[head];
    if (rest.length === 0) {
      if (typeof v === 'string') visit([...at, head], v, (nv) => (obj[head] = nv));
      return;
    }
    walk(v, rest, [...at, head]);
  };
  for (const p of paths) walk(root, p.split('.'), []);
}

/** A deep copy of a source's settings with every secret replaced by its plain value. */
export function revealSecrets(settings: Record<string, unknown>, secretPaths: readonly string[], reader: SecretReader, where: (path: string) => string): Record<string, unknown> {
  const copy = structuredClone(settings);
  visitSecretPaths(copy, secretPaths, (path, value, set) => set(readSecret(value, reader, where(formatPath(path)))));
  return copy;
}

export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out === '' ? k : `.${k}`;
  return out;
}
