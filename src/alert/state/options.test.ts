import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertOptionsSchema, DEFAULT_ALERT_OPTIONS, groupKey, maintenanceAt, parseAlertOptions } from './options.ts';
import { opts, signal, T0 } from './test-fixtures.ts';

test('defaults: brand + kind, 60 min window, no ack timeout or reminders, auto-resolve after 30 calm minutes', () => {
  assert.deepEqual(DEFAULT_ALERT_OPTIONS, {
    groupBy: ['brand', 'kind'],
    windowMinutes: 60,
    ackTimeoutMinutes: null,
    reminderMinutes: null,
    autoResolve: { enabled: true, afterCalmMinutes: 30 },
    requireResolutionNote: false,
    maintenance: [],
  });
});

test('every option key carries a description', () => {
  for (const [key, schema] of Object.entries(AlertOptionsSchema.shape)) {
    assert.ok(schema.description && schema.description.length > 10, `option ${key} has no description`);
  }
});

test('bad options are refused with the path and how to fix', () => {
  assert.throws(() => parseAlertOptions({ groupBy: ['brand', 'colour'] }), /alerts\.groupBy\[1\]: must be one of brand, kind, severity, category/);
  assert.throws(() => parseAlertOptions({ groupBy: [] }), /alerts\.groupBy: must list at least one/);
  assert.throws(() => parseAlertOptions({ groupBy: ['kind', 'kind'] }), /alerts\.groupBy: lists a part twice/);
  assert.throws(() => parseAlertOptions({ windowMinutes: 0 }), /alerts\.windowMinutes: windowMinutes must be at least 1 minute/);
  assert.throws(() => parseAlertOptions({ ackTimeoutMinutes: 2.5 }), /alerts\.ackTimeoutMinutes: ackTimeoutMinutes must be a whole number/);
  assert.throws(() => parseAlertOptions({ autoResolve: { afterCalmMinutes: -3 } }), /alerts\.autoResolve\.afterCalmMinutes/);
  assert.throws(() => parseAlertOptions({ windowMinute: 5 }), /alerts: Unrecognized key: "windowMinute"/i);
  assert.throws(
    () => parseAlertOptions({ maintenance: [{ from: '2025-06-01T22:00:00+02:00', to: '2025-06-01T21:00:00+02:00' }] }),
    /alerts\.maintenance\[0\]\.to: `to` must be after `from`/,
  );
  assert.throws(() => parseAlertOptions({ maintenance: [{ from: '2025-06-01 22:00', to: 1 }] }), /alerts\.maintenance\[0\]\.from: must be an ISO 8601 date-time with an offset/);
  assert.throws(() => parseAlertOptions({ maintenance: [{ from: 0, to: 1, brands: [] }] }), /an empty list covers no brand/);
});

test('groupKey: configured parts in a fixed order, escaped, drill apart', () => {
  const s = signal({ brandId: 'ker:lann', severity: 'SEV2' });
  assert.equal(groupKey(s, opts()), 'ker%3Alann:negative_volume');
  assert.equal(groupKey(s, opts({ groupBy: ['kind', 'brand'] })), 'ker%3Alann:negative_volume');
  assert.equal(groupKey(s, opts({ groupBy: ['brand'] })), 'ker%3Alann');
  assert.equal(groupKey(s, opts({ groupBy: ['severity', 'brand'] })), 'ker%3Alann:SEV2');
  assert.equal(groupKey(s, opts({ groupBy: ['brand', 'category'] }), 'data_breach'), 'ker%3Alann:data_breach');
  assert.equal(groupKey(s, opts({ groupBy: ['brand', 'category'] }), null), 'ker%3Alann:-');
  assert.equal(groupKey({ ...s, drill: true }, opts()), 'drill:ker%3Alann:negative_volume');
});

test('groupKey refuses to guess a missing category', () => {
  assert.throws(() => groupKey(signal(), opts({ groupBy: ['brand', 'category'] })), /groupBy includes "category" but no category was given/);
});

test('maintenanceAt: [from, to), all brands or the listed ones, ISO offsets honoured', () => {
  const o = parseAlertOptions({
    maintenance: [
      { from: '2025-06-02T10:00:00+02:00', to: '2025-06-02T11:00:00+02:00' },
      { from: T0 + 10 * 3_600_000, to: T0 + 11 * 3_600_000, brands: ['kerlann'] },
    ],
  });
  assert.equal(maintenanceAt(o, 'other', T0 - 1), null);
  assert.equal(maintenanceAt(o, 'other', T0)?.to, T0 + 3_600_000); // 10:00+02:00 is 08:00Z = T0
  assert.equal(maintenanceAt(o, 'other', T0 + 3_600_000), null);
  assert.equal(maintenanceAt(o, 'other', T0 + 10 * 3_600_000), null);
  assert.notEqual(maintenanceAt(o, 'kerlann', T0 + 10 * 3_600_000), null);
});
