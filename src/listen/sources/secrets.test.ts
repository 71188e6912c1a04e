import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decryptSecret, encryptSecret, loadSecretKey, readSecret, revealSecrets, secretReader, SecretError } from './secrets.ts';

const tempDir = (t: { after: (f: () => void) => void }): string => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-secrets-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

test('encrypt then decrypt gives the secret back; each encryption differs (random iv)', () => {
  const key = randomBytes(32);
  const a = encryptSecret('AAAA-bearer-ça-marche', key);
  const b = encryptSecret('AAAA-bearer-ça-marche', key);
  assert.match(a, /^enc:v1:[A-Za-z0-9+/]+=*$/);
  assert.notEqual(a, b);
  assert.equal(decryptSecret(a, key, 'here'), 'AAAA-bearer-ça-marche');
});

test('a wrong key or a tampered value is a clear error naming the source and key', () => {
  const key = randomBytes(32);
  const enc = encryptSecret('token', key);
  const where = 'source "brioche-x" (bearerToken)';
  assert.throws(() => decryptSecret(enc, randomBytes(32), where), (e: Error) => e instanceof SecretError && e.message.startsWith(where) && /another key|altered/.test(e.message));
  const raw = Buffer.from(enc.slice('enc:v1:'.length), 'base64');
  raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
  assert.throws(() => decryptSecret(`enc:v1:${raw.toString('base64')}`, key, where), /brioche-x.*altered/);
  assert.throws(() => decryptSecret('enc:v1:abc', key, where), /brioche-x.*cut or not base64/);
});

test('env:NAME reads the environment; a missing variable names it, the source and the key', () => {
  const reader = secretReader({ BRIOCHE_TOKEN: 'from-env' }, '/nonexistent');
  assert.equal(readSecret('env:BRIOCHE_TOKEN', reader, 'source "s" (bearerToken)'), 'from-env');
  assert.throws(() => readSecret('env:MISSING_ONE', reader, 'source "s" (bearerToken)'), /^SecretError: source "s" \(bearerToken\): the environment variable MISSING_ONE is not set/);
  assert.throws(() => readSecret('plain', reader, 'source "s" (bearerToken)'), /plain text: encrypt it with `vigie secrets encrypt/);
});

test('the key comes from VIGIE_SECRET_KEY, else a 0600 key file made on first use; none is an error saying how', (t) => {
  const dir = tempDir(t);
  assert.throws(() => loadSecretKey({ env: {}, dataDir: dir }), /no secret key: set VIGIE_SECRET_KEY/);
  const made = loadSecretKey({ env: {}, dataDir: dir, create: true });
  assert.equal(statSync(join(dir, 'secret.key')).mode & 0o777, 0o600);
  assert.deepEqual(loadSecretKey({ env: {}, dataDir: dir }).key, made.key);
  assert.equal(Buffer.from(readFileSync(join(dir, 'secret.key'), 'utf8').trim(), 'base64').length, 32);
  const envKey = randomBytes(32);
  assert.deepEqual(loadSecretKey({ env: { VIGIE_SECRET_KEY: envKey.toString('base64') }, dataDir: dir }).key, envKey);
  assert.throws(() => loadSecretKey({ env: { VIGIE_SECRET_KEY: 'c2hvcnQ=' }, dataDir: dir }), /VIGIE_SECRET_KEY: expected the base64 of 32 random bytes/);
});

test('revealSecrets decrypts every secret path (lists included) in a copy and names the key that fails', () => {
  const key = randomBytes(32);
  const reader = { env: { T2: 'two' }, key: () => key };
  const settings = { bearerToken: encryptSecret('one', key), instances: [{ token: 'env:T2', url: 'x' }, { token: encryptSecret('three', key) }] };
  const plain = revealSecrets(settings, ['bearerToken', 'instances.*.token'], reader, (p) => `source "m" (${p})`);
  assert.deepEqual(plain, { bearerToken: 'one', instances: [{ token: 'two', url: 'x' }, { token: 'three' }] });
  assert.match(settings.bearerToken, /^enc:v1:/, 'the configuration itself keeps the encrypted value');
  assert.throws(
    () => revealSecrets({ instances: [{ token: 'env:T2' }, { token: 'env:NOPE' }] }, ['instances.*.token'], reader, (p) => `source "m" (${p})`),
    /source "m" \(instances\[1\]\.token\): the environment variable NOPE is not set/,
  );
});
