import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { loadConfig } from '../../config/index.ts';
import { encryptSecret, loadSecretKey, SECRET_KEY_ENV, SecretError } from '../../listen/sources/secrets.ts';
import { CliError } from '../errors.ts';
import type { GlobalOptions } from '../options.ts';
import { printLine } from '../output.ts';

/**
 * The data directory holding secret.key. The configuration may not load yet (a plain-text secret
 * is exactly what makes it fail), so its `dataDir` is then read from the file as it is.
 */
function dataDirOf(global: GlobalOptions): string {
  try {
    return loadConfig({ file: global.config }).dataDir;
  } catch {
    const fromEnv = process.env.VIGIE_DATA_DIR?.trim();
    if (fromEnv) return resolve(fromEnv);
    const file = global.config ?? process.env.VIGIE_CONFIG?.trim() ?? (existsSync('vigie.yaml') ? 'vigie.yaml' : null);
    try {
      const data: unknown = file === null ? null : parse(readFileSync(file, 'utf8'));
      const d = typeof data === 'object' && data !== null ? (data as { dataDir?: unknown }).dataDir : undefined;
      return resolve(typeof d === 'string' && d !== '' ? d : './data');
    } catch {
      return resolve('./data');
    }
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolveLine, reject) => {
    const input = process.stdin;
    process.stderr.write(question);
    let value = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const done = (err: Error | null): void => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (err === null) resolveLine(value);
      else reject(err);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new CliError('cancelled', 130));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on('data', onData);
  });
}

export function registerSecrets(program: Command, global: () => GlobalOptions): void {
  const secrets = program.command('secrets').description('Secrets of the sources: configuration (encrypted at rest)');
  secrets
    .command('encrypt')
    .description(`Encrypts a secret for vigie.yaml (prints enc:v1:…), with ${SECRET_KEY_ENV} or <dataDir>/secret.key (created on first use)`)
    .option('--stdin', 'read the secret from standard input (else it is asked for on the terminal, not echoed)')
    .action(async (o: { stdin?: boolean }) => {
      let plain: string;
      if (o.stdin === true) plain = await readStdin();
      else if (process.stdin.isTTY) plain = await promptHidden('Secret to encrypt (not shown): ');
      else throw new CliError('no terminal to ask the secret on: pipe it with --stdin (printf %s "$TOKEN" | vigie secrets encrypt --stdin)');
      if (plain === '') throw new CliError('nothing to encrypt: the secret is empty');
      try {
        const dataDir = dataDirOf(global());
        const { key, from } = loadSecretKey({ env: process.env, dataDir, create: true });
        printLine(encryptSecret(plain, key));
        process.stderr.write(`Encrypted with the key from ${from}; paste the enc:v1:… value in vigie.yaml. Keep that key: without it the value cannot be decrypted.\n`);
      } catch (e) {
        if (e instanceof SecretError) throw new CliError(e.message);
        throw e;
      }
    });
}
