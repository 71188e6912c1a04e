import type { Migration } from '../../migration.ts';

/**
 * The first schema. Times are epoch milliseconds (bigint); JSON is stored as compact text (json
 * parsing is not needed on the server, and text keeps NUL escapes that jsonb refuses). Ids
 * use COLLATE "C" so that ordering and keyset cursors match SQLite's byte order.
 *
 * Full-text search: `search` holds the folded words of `text`, computed by the store when it
 * writes the row (search-vector.ts; folding in SQL cost ~175 µs of server CPU per mention).
 *
 * mention_brands is an index of mentions.brand_ids, written and deleted by the store in the same
 * statements as its mentions (pg-mentions.ts, purgeMentionsBefore); it has no foreign key, whose
 * per-row trigger cost ~7 µs of server CPU per inserted mention (a fifth of the upsert).
 */
export const migration: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE workspaces (
  id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  created_at bigint NOT NULL
);

CREATE TABLE brands (
  workspace_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  name text NOT NULL,
  definition text NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE mentions (
  workspace_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  platform text NOT NULL,
  url text,
  author_id text NOT NULL,
  author_handle text,
  followers bigint,
  author text NOT NULL,
  text text NOT NULL,
  lang text,
  created_at bigint NOT NULL,
  received_at bigint NOT NULL,
  edited_at bigint,
  deleted_at bigint,
  relations text NOT NULL,
  engagement text NOT NULL,
  brand_ids text NOT NULL,
  matching_rules text NOT NULL,
  sentiment text,
  reach double precision NOT NULL,
  enrichment text NOT NULL,
  raw text,
  search tsvector NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX mentions_by_time ON mentions (workspace_id, created_at, id);
CREATE INDEX mentions_search ON mentions USING gin (search);

CREATE TABLE mention_brands (
  workspace_id text COLLATE "C" NOT NULL,
  mention_id text COLLATE "C" NOT NULL,
  brand_id text COLLATE "C" NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (workspace_id, mention_id, brand_id)
);
CREATE INDEX mention_brands_by_time ON mention_brands (workspace_id, brand_id, created_at, mention_id);

CREATE TABLE series (
  workspace_id text COLLATE "C" NOT NULL,
  brand_id text COLLATE "C" NOT NULL,
  bucket_start bigint NOT NULL,
  bucket_ms bigint NOT NULL,
  count bigint NOT NULL,
  negative bigint NOT NULL,
  positive bigint NOT NULL,
  reach double precision NOT NULL,
  unique_authors bigint NOT NULL,
  influencer bigint NOT NULL,
  media bigint NOT NULL,
  PRIMARY KEY (workspace_id, brand_id, bucket_start)
);

CREATE TABLE rejects (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id text COLLATE "C" NOT NULL,
  source text NOT NULL,
  line bigint,
  reason text NOT NULL,
  excerpt text NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX rejects_by_source ON rejects (workspace_id, source, seq);

CREATE TABLE checkpoints (
  workspace_id text COLLATE "C" NOT NULL,
  source_id text NOT NULL,
  value text NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (workspace_id, source_id)
);
`,
};
