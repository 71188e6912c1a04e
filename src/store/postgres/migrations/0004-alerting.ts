import type { Migration } from '../../migration.ts';

/**
 * Durable alerting state: alerts (the record as JSON text, with the columns lists filter on), the
 * escalation of each alert (policy snapshot and step), due timers (the escalation engine's work
 * queue, claimed with leases) and the delivery outbox with its dead-letter list and the
 * deliveries deliberately skipped (drill, maintenance: status `skipped`, skipped_at, skip_reason).
 */
export const migration: Migration = {
  version: 4,
  name: 'alerting',
  sql: `
CREATE TABLE alerts (
  workspace_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  group_key text COLLATE "C" NOT NULL,
  brand_id text COLLATE "C" NOT NULL,
  status text COLLATE "C" NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  data text NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX alerts_by_created ON alerts (workspace_id, created_at, id);
CREATE INDEX alerts_open_by_key ON alerts (workspace_id, group_key, created_at, id) WHERE status <> 'resolved';
CREATE INDEX alerts_by_brand_status ON alerts (workspace_id, brand_id, status, created_at, id);
CREATE TABLE escalations (
  workspace_id text COLLATE "C" NOT NULL,
  alert_id text COLLATE "C" NOT NULL,
  policy_hash text NOT NULL,
  policy_snapshot text NOT NULL,
  step integer NOT NULL,
  started_at bigint NOT NULL,
  stopped_at bigint,
  stop_reason text,
  PRIMARY KEY (workspace_id, alert_id)
);
CREATE TABLE timers (
  id text COLLATE "C" PRIMARY KEY,
  workspace_id text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  ref text COLLATE "C" NOT NULL,
  due_at bigint NOT NULL,
  claimed_by text COLLATE "C",
  claimed_until bigint,
  payload text NOT NULL,
  UNIQUE (workspace_id, kind, ref, due_at)
);
CREATE INDEX timers_due ON timers (due_at, id);
CREATE INDEX timers_by_ref ON timers (workspace_id, ref);
CREATE TABLE deliveries (
  id text COLLATE "C" PRIMARY KEY,
  workspace_id text COLLATE "C" NOT NULL,
  alert_id text COLLATE "C" NOT NULL,
  channel text COLLATE "C" NOT NULL,
  target text NOT NULL,
  message text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at bigint NOT NULL,
  status text COLLATE "C" NOT NULL,
  last_error text,
  created_at bigint NOT NULL,
  sent_at bigint,
  dead_at bigint,
  skipped_at bigint,
  skip_reason text,
  claimed_by text COLLATE "C",
  claimed_until bigint
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX deliveries_dead ON deliveries (workspace_id, dead_at, id) WHERE status = 'dead';
`,
};
