import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzz } from './mastodon.fuzz.ts';

test('fuzz: 2,000 corrupted payloads over WebSocket and SSE: no crash, every reject explained, the stream goes on', async () => {
  const report = await fuzz({ count: 2_000, seed: 6 });
  assert.equal(report.payloads, 2_000);
  assert.equal(report.crashes, 0, JSON.stringify(report));
  assert.equal(report.unexplained, 0, JSON.stringify(report));
  assert.equal(report.streamWentOn, true, JSON.stringify(report));
  assert.ok(report.rejected > 500 && report.accepted > 200, `a fair share of both: ${JSON.stringify(report)}`);
  assert.ok(report.sampleReasons.length >= 5, JSON.stringify(report.sampleReasons));
});
