import type { Migration } from '../../migration.ts';

/**
 * Analysts' sentiment corrections, kept as a history: `is_current` is true for the latest
 * correction of each (mention, brand) and false for the ones it replaced; `seq` orders them as
 * they were made. `mentions.corrected_label` is the label in force (the latest correction of the
 * mention, any brand), which reads lay over the model's sentiment and upserts never overwrite
 * (adding a nullable column without default rewrites no row).
 */
export const migration: Migration = {
  version: 3,
  name: 'sentiment-corrections',
  sql: `
CREATE TABLE sentiment_corrections (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  mention_id text COLLATE "C" NOT NULL,
  brand_id text COLLATE "C" NOT NULL,
  label text NOT NULL,
  model_label text,
  model text,
  corrected_by text NOT NULL,
  note text,
  created_at bigint NOT NULL,
  is_current boolean NOT NULL DEFAULT true,
  UNIQUE (workspace_id, id)
);
CREATE INDEX sentiment_corrections_by_workspace ON sentiment_corrections (workspace_id, seq);
CREATE INDEX sentiment_corrections_by_brand ON sentiment_corrections (workspace_id, brand_id, seq);
CREATE INDEX sentiment_corrections_in_force ON sentiment_corrections (workspace_id, mention_id, brand_id) WHERE is_current;
ALTER TABLE mentions ADD COLUMN corrected_label text;
`,
};
