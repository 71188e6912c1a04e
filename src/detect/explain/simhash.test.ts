import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../demo/prng.ts';
import { hamming64, mix32, popcount32, SimHasher } from './simhash.ts';

/** SimHash the plain way: 64 counters, one per bit. */
function naive(features: readonly number[]): [number, number] {
  const ones = new Array<number>(64).fill(0);
  for (const f of features) {
    const a = mix32(f);
    const b = mix32(f ^ 0x5bd1e995);
    for (let k = 0; k < 32; k++) {
      ones[k] = (ones[k] as number) + ((a >>> k) & 1);
      ones[32 + k] = (ones[32 + k] as number) + ((b >>> k) & 1);
    }
  }
  let h0 = 0;
  let h1 = 0;
  for (let k = 0; k < 32; k++) {
    if (2 * (ones[k] as number) > features.length) h0 |= 1 << k;
    if (2 * (ones[32 + k] as number) > features.length) h1 |= 1 << k;
  }
  return [h0, h1];
}

test('the packed counters give the plain SimHash, past 255 features too (counters flushed)', () => {
  const rng = new Rng(11);
  const h = new SimHasher();
  for (const n of [1, 2, 7, 40, 254, 255, 256, 600]) {
    const features = Array.from({ length: n }, () => rng.int(0, 2 ** 31 - 1) - 2 ** 30);
    h.reset();
    for (const f of features) h.add(f);
    assert.deepEqual([h.half0, h.half1], naive(features), `${n} features`);
    assert.equal(h.count, n);
  }
  h.reset();
  assert.deepEqual([h.half0, h.half1], [0, 0], 'no feature, no bit');
});

test('popcount and Hamming distance', () => {
  assert.equal(popcount32(0), 0);
  assert.equal(popcount32(-1), 32);
  assert.equal(popcount32(0x80000001), 2);
  assert.equal(hamming64(0, 0, -1, -1), 64);
  assert.equal(hamming64(0b1011, 7, 0b0001, 7), 2);
});

test('fingerprints of the same features in another order are equal; one feature in 20 changed moves few bits', () => {
  const rng = new Rng(5);
  const base = Array.from({ length: 20 }, () => rng.int(0, 1e9));
  const fp = (fs: number[]): [number, number] => {
    const h = new SimHasher();
    for (const f of fs) h.add(f);
    return [h.half0, h.half1];
  };
  const [a0, a1] = fp(base);
  const [b0, b1] = fp([...base].reverse());
  assert.equal(hamming64(a0, a1, b0, b1), 0);
  const [c0, c1] = fp([...base.slice(1), 12345]);
  const [d0, d1] = fp(Array.from({ length: 20 }, () => rng.int(0, 1e9)));
  assert.ok(hamming64(a0, a1, c0, c1) <= 12, 'near');
  assert.ok(hamming64(a0, a1, d0, d1) >= 20, 'far');
});
