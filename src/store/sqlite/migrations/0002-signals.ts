import type { Migration } from '../../migration.ts';

/**
 * Signals with their evidence. A rowid table (not WITHOUT ROWID): the evidence JSON can be tens
 * of kB, which a WITHOUT ROWID b-tree stores poorly. The JSON columns come last, so that filters
 * and the retention scan read the small columns without loading the evidence's overflow pages.
 */
export const migration: Migration = {
  version: 2,
  name: 'signals',
  sql: `
CREATE TABLE signals (
  seq INTEGER PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  brand_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  ended_at INTEGER,
  bucket_ms INTEGER NOT NULL,
  score REAL NOT NULL,
  severity TEXT NOT NULL,
  observed REAL NOT NULL,
  expected REAL NOT NULL,
  summary TEXT NOT NULL,
  drill INTEGER NOT NULL,
  quotes_until INTEGER,
  factors TEXT NOT NULL,
  evidence TEXT,
  UNIQUE (workspace_id, id)
);
CREATE INDEX signals_by_time ON signals (workspace_id, started_at, id);
CREATE INDEX signals_by_brand ON signals (workspace_id, brand_id, started_at, id);
CREATE INDEX signals_quoting ON signals (workspace_id, quotes_until) WHERE quotes_until IS NOT NULL;
`,
};
