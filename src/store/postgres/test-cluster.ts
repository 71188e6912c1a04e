import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A throwaway PostgreSQL server for tests: its URL, and how to stop it (which removes its files). */
export interface TestCluster {
  url: string;
  stop(): Promise<void>;
}

export const INSTALL_HINT = 'install PostgreSQL (apt-get install postgresql) or set PG_BIN to the directory holding initdb and pg_ctl';

/** The directory of initdb and pg_ctl: PG_BIN, else Debian's highest /usr/lib/postgresql/<v>/bin. */
export function findPgBin(): string | null {
  const env = process.env['PG_BIN'];
  if (env) return existsSync(join(env, 'initdb')) ? env : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary; as root, as the postgres user (initdb refuses root). */
function command(bin: string, args: string[]): [string, string[]] {
  if (process.getuid?.() === 0) return ['runuser', ['-u', 'postgres', '--', bin, ...args]];
  return [bin, args];
}

function run(bin: string, args: string[]): void {
  const [cmd, cmdArgs] = command(bin, args);
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) {
    throw new Error(`${bin} ${args.join(' ')} failed (${r.error?.message ?? `exit ${String(r.status)}`}): ${(r.stderr || r.stdout).trim().slice(-2000)}`);
  }
}

/**
 * initdb into a fresh temp dir (trust auth, UTF8, C locale), start it with pg_ctl on a free
 * port (127.0.0.1 only, socket in the temp dir, fsync off), create database `vigie_test`.
 * Returns null when no PostgreSQL binaries are found. The server is stopped by `stop()`, on
 * process exit, and by a watchdog process if this process dies without running its exit hooks.
 */
export async function startTestCluster(): Promise<TestCluster | null> {
  const binDir = findPgBin();
  if (binDir === null) return null;
  const dir = mkdtempSync(join(tmpdir(), 'vigie-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (ids.status !== 0) throw new Error(`running as root, but there is no "postgres" user to run initdb as: ${INSTALL_HINT}`);
    chownSync(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
  }
  const pgCtl = join(binDir, 'pg_ctl');
  let stopped = false;
  const stopSync = (): void => {
    if (stopped) return;
    stopped = true;
    const [cmd, args] = command(pgCtl, ['stop', '-D', data, '-m', 'immediate', '-s']);
    if (existsSync(join(data, 'postmaster.pid'))) spawnSync(cmd, args, { stdio: 'ignore', timeout: 30_000 });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);
  try {
    run(join(binDir, 'initdb'), ['-D', data, '-U', 'vigie', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run(pgCtl, ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-s', '-o', opts]);
    startWatchdog(pgCtl, data, dir);
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'vigie', database: 'postgres' });
    await admin.connect();
    try {
      await admin.query('CREATE DATABASE vigie_test');
    } finally {
      await admin.end();
    }
    return {
      url: `postgres://vigie@127.0.0.1:${port}/vigie_test`,
      stop: async () => {
        process.removeListener('exit', stopSync);
        stopSync();
      },
    };
  } catch (e) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw e;
  }
}

/** A detached process that stops the server and removes its files once this process is gone. */
function startWatchdog(pgCtl: string, data: string, dir: string): void {
  const [cmd, args] = command(pgCtl, ['stop', '-D', data, '-m', 'immediate', '-s']);
  const script = `
    const { spawnSync } = require('node:child_process');
    const { existsSync, rmSync } = require('node:fs');
    const [parent, cmd, dir, data, ...args] = process.argv.slice(1);
    const alive = () => { try { process.kill(Number(parent), 0); return true; } catch { return false; } };
    const t = setInterval(() => {
      if (!existsSync(dir)) { clearInterval(t); return; }
      if (alive()) return;
      clearInterval(t);
      if (existsSync(data + '/postmaster.pid')) spawnSync(cmd, args, { stdio: 'ignore', timeout: 30000 });
      rmSync(dir, { recursive: true, force: true });
    }, 1000);`;
  const child = spawn(process.execPath, ['-e', script, String(process.pid), cmd, dir, data, ...args], { detached: true, stdio: 'ignore' });
  child.unref();
}
