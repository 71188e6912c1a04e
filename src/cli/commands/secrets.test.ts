/**
 * `vigie secrets encrypt --stdin` as a child process: makes <dataDir>/secret.key (0600) on first
 * use, even while vigie.yaml still holds the plain secret it is meant to replace, and prints an
 * enc:v1: value that decrypts with that key.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decryptSecret } from '../../listen/sources/secrets.ts';
import { cliEnv, VIGIE_BIN } from '../run-cli.ts';

function encrypt(args: string[], input: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', VIGIE_BIN, ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('secrets encrypt --stdin creates the key file and prints a value that decrypts with it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-secrets-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const data = join(dir, 'data');
  // The plain secret the user is about to replace: the configuration does not load yet.
  writeFileSync(join(dir, 'vigie.yaml'), 'sources:\n  - id: kerbrat-x\n    kind: x\n    bearerToken: AAAA-plain\n');
  const env = cliEnv(data);
  const r = await encrypt(['--config', 'vigie.yaml', 'secrets', 'encrypt', '--stdin'], 'AAAA-plain\n', dir, env);
  assert.equal(r.code, 0, r.stderr);
  const value = r.stdout.trim();
  assert.match(value, /^enc:v1:/);
  assert.match(r.stderr, /Encrypted with the key from .*secret\.key/);
  const keyFile = join(data, 'secret.key');
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);
  const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  assert.equal(decryptSecret(value, key, 'test'), 'AAAA-plain');

  // The same key is used the next time; an empty secret is refused.
  const again = await encrypt(['--config', 'vigie.yaml', 'secrets', 'encrypt', '--stdin'], 'other', dir, env);
  assert.equal(decryptSecret(again.stdout.trim(), key, 'test'), 'other');
  const empty = await encrypt(['secrets', 'encrypt', '--stdin'], '', dir, env);
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /nothing to encrypt: the secret is empty/);
});
