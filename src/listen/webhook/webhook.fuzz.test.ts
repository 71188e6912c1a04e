import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzz } from './webhook.fuzz.ts';

test('2,000 corrupted, correctly signed bodies through the real webhook route: no crash, every reject recorded with its reason, the stream goes on', async () => {
  const r = await fuzz({ count: 2_000, seed: 7 });
  assert.equal(r.connector, 'webhook');
  assert.equal(r.payloads, 2_000);
  assert.equal(r.crashes, 0);
  assert.equal(r.unexplained, 0);
  assert.equal(r.streamWentOn, true);
  assert.equal(r.accepted + r.rejected, 2_000);
  assert.ok(r.rejected > 0 && r.accepted > 0, 'the corruption both breaks bodies and leaves some valid');
  assert.ok(r.sampleReasons.some((s) => s.startsWith('(body): not JSON')), r.sampleReasons.join(' | '));
  assert.ok(r.sampleReasons.every((s) => !s.includes('Invalid input')), `zod's generic messages are replaced: ${r.sampleReasons.join(' | ')}`);
});
