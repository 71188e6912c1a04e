import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzz } from './x.fuzz.ts';

test('fuzz: 2,000 corrupted stream messages through the real connector: no crash, every reject explained, the stream goes on', async () => {
  const r = await fuzz({ count: 2_000, seed: 1 });
  assert.equal(r.crashes, 0, r.sampleReasons.join('\n'));
  assert.equal(r.unexplained, 0);
  assert.ok(r.streamWentOn, 'every valid marker, the last one included, arrived');
  assert.equal(r.payloads, 2_000);
  assert.equal(r.accepted + r.rejected, 2_000);
  assert.ok(r.rejected > 500 && r.accepted > 100, `a real mix: ${r.rejected} rejected, ${r.accepted} accepted`);
});
