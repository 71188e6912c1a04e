import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Brand } from '../domain/brand.ts';
import type { WorkspaceId } from '../domain/ids.ts';
import { LOG_LEVELS, loadConfig, type Config, type LogLevel } from '../config/index.ts';
import { createLogger, type Logger } from '../observe/logger.ts';
import { createMetrics, type Metrics } from '../observe/metrics.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { CliError } from './errors.ts';
import type { GlobalOptions } from './options.ts';

/** What a command works with: validated configuration, logger, metrics and an open store. */
export interface AppContext {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  store: Store;
  workspaceId: WorkspaceId;
  close(): Promise<void>;
}

export interface ContextOverrides {
  /** Use this SQLite file whatever the configuration says (the demo's own store). */
  sqlitePath?: string;
  /** A configuration already read (so that a command does not read it twice). */
  config?: Config;
}

export function readConfig(global: GlobalOptions): Config {
  const config = loadConfig({ file: global.config });
  if (global.logLevel) {
    const level = LOG_LEVELS.find((l) => l === global.logLevel);
    if (level === undefined) {
      throw new CliError(`--log-level: expected one of ${LOG_LEVELS.join(', ')}, got "${global.logLevel}"`);
    }
    config.log.level = level satisfies LogLevel;
  }
  return config;
}

/**
 * Loads the configuration, opens the store (migrating it), makes sure the workspace and the
 * brands of the configuration exist.
 */
export async function openContext(global: GlobalOptions, overrides: ContextOverrides = {}): Promise<AppContext> {
  const config = overrides.config ?? readConfig(global);
  const logger = createLogger({ level: config.log.level });
  const metrics = createMetrics();
  const sqlitePath = overrides.sqlitePath ?? config.store.sqlitePath;
  const databaseUrl = overrides.sqlitePath !== undefined ? null : config.store.databaseUrl;
  if (databaseUrl === null) mkdirSync(dirname(sqlitePath), { recursive: true });
  const store = await openStore({ databaseUrl, sqlitePath, logger });
  const workspaceId = config.workspace.id;
  try {
    if ((await store.getWorkspace(workspaceId)) === null) {
      await store.upsertWorkspace({ id: workspaceId, name: config.workspace.name, createdAt: Date.now() });
    }
    for (const brand of config.brands) {
      if ((await store.getBrand(workspaceId, brand.id)) === null) await store.createBrand(workspaceId, brand, Date.now());
    }
  } catch (e) {
    await store.close();
    throw e;
  }
  return {
    config,
    logger,
    metrics,
    store,
    workspaceId,
    close: () => store.close(),
  };
}

/** Runs `fn` with a context and always closes it. */
export async function withContext<T>(
  global: GlobalOptions,
  fn: (ctx: AppContext) => Promise<T>,
  overrides?: ContextOverrides,
): Promise<T> {
  const ctx = await openContext(global, overrides);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

export async function requireBrand(ctx: AppContext, id: string): Promise<Brand> {
  const brand = await ctx.store.getBrand(ctx.workspaceId, id);
  if (brand === null) {
    const known = (await ctx.store.listBrands(ctx.workspaceId)).map((b) => b.id);
    throw new CliError(
      `no brand "${id}" in workspace ${ctx.workspaceId}; ${known.length ? `known brands: ${known.join(', ')}` : 'add one with `vigie brands add`'}`,
    );
  }
  return brand;
}
