import type { Logger } from '../observe/logger.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import { ThreadedSqliteStore } from './sqlite/threaded/threaded-store.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  /** A postgres:// URL: PostgreSQL (cluster mode). Unset, null or empty: SQLite. */
  databaseUrl?: string | null;
  /** The SQLite file (its parent directory is created), used when databaseUrl is not set. */
  sqlitePath: string;
  logger?: Logger;
  /**
   * SQLite only: write on a worker thread (ThreadedSqliteStore) so that ingestion overlaps its
   * writes. Default: true for a file, false for `:memory:` (which a second connection cannot share).
   */
  threaded?: boolean;
}

/**
 * Opens the configured store and applies its pending migrations. Errors are StoreError
 * ('unavailable') naming what failed, e.g. "cannot open SQLite file ./data/vigie.db: permission denied".
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const url = options.databaseUrl?.trim();
  let store: Store;
  if (url) {
    const { PostgresStore } = await import('./postgres/pg-store.ts');
    store = await PostgresStore.connect(url);
  } else {
    const threaded = options.threaded ?? options.sqlitePath !== ':memory:';
    store = threaded ? await ThreadedSqliteStore.open(options.sqlitePath) : new SqliteStore(options.sqlitePath);
  }
  try {
    const applied = await store.migrate();
    if (applied.length > 0) options.logger?.info({ store: store.kind, applied }, 'store migrations applied');
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
