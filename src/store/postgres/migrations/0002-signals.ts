import type { Migration } from '../../migration.ts';

/**
 * Signals with their evidence. Factors and evidence are jsonb (the store replaces NUL, which
 * jsonb refuses, with U+FFFD before writing); ids use COLLATE "C" so that ordering and keyset
 * cursors match SQLite's byte order.
 */
export const migration: Migration = {
  version: 2,
  name: 'signals',
  sql: `
CREATE TABLE signals (
  workspace_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  brand_id text COLLATE "C" NOT NULL,
  kind text NOT NULL,
  status text NOT NULL,
  started_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  ended_at bigint,
  bucket_ms bigint NOT NULL,
  score double precision NOT NULL,
  severity text COLLATE "C" NOT NULL,
  observed double precision NOT NULL,
  expected double precision NOT NULL,
  summary text NOT NULL,
  drill boolean NOT NULL,
  quotes_until bigint,
  factors jsonb NOT NULL,
  evidence jsonb,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX signals_by_time ON signals (workspace_id, started_at, id);
CREATE INDEX signals_by_brand ON signals (workspace_id, brand_id, started_at, id);
CREATE INDEX signals_quoting ON signals (workspace_id, quotes_until) WHERE quotes_until IS NOT NULL;
`,
};
