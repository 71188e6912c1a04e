import type { Migration } from '../../migration.ts';

/**
 * Durable alerting state: alerts (the record as JSON, with the columns lists filter on), the
 * escalation of each alert (policy snapshot and step), due timers (the escalation engine's work
 * queue, claimed with leases) and the delivery outbox with its dead-letter list and the
 * deliveries deliberately skipped (drill, maintenance: status `skipped`, skipped_at, skip_reason).
 */
export const migration: Migration = {
  version: 4,
  name: 'alerting',
  sql: `
CREATE TABLE alerts (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  group_key TEXT NOT NULL,
  brand_id TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX alerts_by_created ON alerts (workspace_id, created_at, id);
CREATE INDEX alerts_open_by_key ON alerts (workspace_id, group_key, created_at, id) WHERE status <> 'resolved';
CREATE INDEX alerts_by_brand_status ON alerts (workspace_id, brand_id, status, created_at, id);
CREATE TABLE escalations (
  workspace_id TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  policy_hash TEXT NOT NULL,
  policy_snapshot TEXT NOT NULL,
  step INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  stopped_at INTEGER,
  stop_reason TEXT,
  PRIMARY KEY (workspace_id, alert_id)
);
CREATE TABLE timers (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  claimed_by TEXT,
  claimed_until INTEGER,
  payload TEXT NOT NULL,
  UNIQUE (workspace_id, kind, ref, due_at)
);
CREATE INDEX timers_due ON timers (due_at, id);
CREATE INDEX timers_by_ref ON timers (workspace_id, ref);
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  target TEXT NOT NULL,
  message TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  dead_at INTEGER,
  skipped_at INTEGER,
  skip_reason TEXT,
  claimed_by TEXT,
  claimed_until INTEGER
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX deliveries_dead ON deliveries (workspace_id, dead_at, id) WHERE status = 'dead';
`,
};
