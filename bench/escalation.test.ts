/**
 * Keeps the escalation benchmark working: a small real run (50 alerts, SQLite, real webhook
 * deliveries to the in-worker receiver, the loop on real timers) must run every step and deliver
 * every page, with figures that make sense; and the figure helpers on hand-made values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantile, run, unionLength } from './escalation.ts';

test('quantile takes the nearest rank; unionLength merges overlapping intervals', () => {
  const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.equal(quantile(v, 0.5), 5);
  assert.equal(quantile(v, 0.99), 10);
  assert.equal(quantile(v, 0), 1);
  assert.ok(Number.isNaN(quantile([], 0.5)));
  assert.equal(unionLength([[0, 10], [5, 20], [30, 35], [31, 32], [40, 40]]), 25);
  assert.equal(unionLength([]), 0);
});

test('50 alerts escalate through the 3 steps with real timers; every step runs and every page arrives', { timeout: 120_000 }, async () => {
  const lines: string[] = [];
  // Clock ×60: the policy's 1 + 2 minute waits last 3 s in all.
  const r = await run({ alerts: 50, store: 'sqlite', speed: 60, intervalMs: 50, log: (l) => lines.push(l) });
  assert.equal(r.complete, true, lines.join('\n'));
  assert.equal(r.alerts, 50);
  assert.ok(lines.some((l) => /^step 3 .*ran 50,.*pages received 50$/.test(l)), lines.join('\n'));
  assert.ok(!lines.some((l) => /engine events/.test(l)), `no engine problem expected:\n${lines.join('\n')}`);
  // A step never runs before it is due; figures are ordered and positive.
  assert.ok(r.latenessP50Ms >= 0 && r.latenessP50Ms <= r.latenessP99Ms && r.latenessP99Ms <= r.latenessMaxMs, JSON.stringify(r));
  assert.ok(r.pageLatenessP50Ms >= 0, JSON.stringify(r));
  assert.ok(r.stepsPerSec > 0 && r.deliveriesPerSec > 0 && r.peakRssMb > 0, JSON.stringify(r));
});
