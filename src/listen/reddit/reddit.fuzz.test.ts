import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzz } from './reddit.fuzz.ts';

test('2,000 corrupted listings through the real connector: no crash, every reject explained, the stream goes on', async () => {
  const report = await fuzz({ count: 2000, seed: 7 });
  assert.equal(report.connector, 'reddit');
  assert.equal(report.payloads, 2000);
  assert.equal(report.crashes, 0);
  assert.equal(report.unexplained, 0);
  assert.equal(report.accepted + report.rejected, 2000);
  assert.ok(report.rejected > 1000, `most corrupted listings are rejected (${report.rejected})`);
  assert.ok(report.sampleReasons.length > 3);
  assert.equal(report.streamWentOn, true);
});
