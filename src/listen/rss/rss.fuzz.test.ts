import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzz } from './rss.fuzz.ts';

test('2,000 corrupted feed documents through the real RSS source: no crash, every reject explained, the stream goes on', async () => {
  const r = await fuzz({ count: 2_000, seed: 7 });
  assert.equal(r.connector, 'rss');
  assert.equal(r.payloads, 2_000);
  assert.equal(r.crashes, 0);
  assert.equal(r.unexplained, 0);
  assert.equal(r.streamWentOn, true);
  assert.equal(r.accepted + r.rejected, 2_000);
  assert.ok(r.rejected > 0 && r.accepted > 0, 'the corruption both breaks documents and leaves some readable');
  assert.ok(r.sampleReasons.some((s) => s.includes('not well-formed XML')));
});
