import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzz } from './bluesky.fuzz.ts';

test('2,000 corrupted Jetstream frames: no crash, every reject explained, the stream goes on', async () => {
  const r = await fuzz({ count: 2000, seed: 7 });
  assert.equal(r.payloads, 2000);
  assert.equal(r.crashes, 0);
  assert.equal(r.unexplained, 0);
  assert.equal(r.streamWentOn, true);
  assert.equal(r.accepted + r.rejected, 2000);
  assert.ok(r.rejected > 0 && r.accepted > 0, JSON.stringify(r));
  assert.ok(r.sampleReasons.length > 3);
});
