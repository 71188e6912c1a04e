import type { Migration } from '../../migration.ts';

/**
 * Analysts' sentiment corrections, kept as a history: `is_current` is 1 for the latest correction
 * of each (mention, brand) and 0 for the ones it replaced; `seq` orders them as they were made.
 * `mentions.corrected_label` is the label in force (the latest correction of the mention, any
 * brand), which reads lay over the model's sentiment and upserts never overwrite.
 */
export const migration: Migration = {
  version: 3,
  name: 'sentiment-corrections',
  sql: `
CREATE TABLE sentiment_corrections (
  seq INTEGER PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  mention_id TEXT NOT NULL,
  brand_id TEXT NOT NULL,
  label TEXT NOT NULL,
  model_label TEXT,
  model TEXT,
  corrected_by TEXT NOT NULL,
  note TEXT,
  created_at INTEGER NOT NULL,
  is_current INTEGER NOT NULL DEFAULT 1,
  UNIQUE (workspace_id, id)
);
CREATE INDEX sentiment_corrections_by_workspace ON sentiment_corrections (workspace_id, seq);
CREATE INDEX sentiment_corrections_by_brand ON sentiment_corrections (workspace_id, brand_id, seq);
CREATE INDEX sentiment_corrections_in_force ON sentiment_corrections (workspace_id, mention_id, brand_id) WHERE is_current = 1;
ALTER TABLE mentions ADD COLUMN corrected_label TEXT;
`,
};
