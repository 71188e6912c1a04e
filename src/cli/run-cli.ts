// Test support: runs the real `vigie` command as a child process (Node 24, the launcher in bin/).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const VIGIE_BIN = fileURLToPath(new URL('../../bin/vigie.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function cliEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, VIGIE_DATA_DIR: dataDir, VIGIE_LOG_LEVEL: 'warn', ...extra };
  delete env.VIGIE_CONFIG;
  delete env.DATABASE_URL;
  return env;
}

/** Starts `vigie <args>`; the caller reads its output and waits for `done`. */
export function startCli(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): {
  child: ChildProcess;
  done: Promise<CliResult>;
  stdout: () => string;
} {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', VIGIE_BIN, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, stdout: () => stdout };
}

export function runCli(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliResult> {
  return startCli(args, options).done;
}

/** Resolves with the first stdout line that parses as JSON and satisfies `ok`. */
export function waitForJsonLine<T>(
  started: { child: ChildProcess; stdout: () => string },
  ok: (value: unknown) => value is T,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      for (const line of started.stdout().split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const value: unknown = JSON.parse(line);
          if (ok(value)) {
            started.child.stdout?.off('data', check);
            resolve(value);
            return;
          }
        } catch {
          // not a complete JSON line yet
        }
      }
    };
    started.child.stdout?.on('data', check);
    started.child.on('close', (code) => reject(new Error(`vigie exited (${code}) before printing the expected JSON`)));
  });
}
