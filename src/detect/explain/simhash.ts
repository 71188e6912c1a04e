/**
 * 64-bit SimHash (Charikar), kept as two 32-bit halves so that it stays in small integers.
 * Each feature (a word's 32-bit hash) is spread into 64 bits by two mixers; each bit of the
 * fingerprint is set when more than half of the features have it set.
 *
 * The 64 per-bit counters are packed four to a 32-bit integer (one byte each) and fed a byte of
 * the feature at a time through two lookup tables: 16 additions per feature instead of 64. A byte
 * counter overflows after 255 features, so the packed counters are flushed into plain ones then.
 */

/** LO[v]: bits 0–3 of byte v, one per byte lane; HI[v]: bits 4–7. */
const LO = new Int32Array(256);
const HI = new Int32Array(256);
for (let v = 0; v < 256; v++) {
  for (let k = 0; k < 4; k++) {
    LO[v] = (LO[v] as number) | (((v >>> k) & 1) << (8 * k));
    HI[v] = (HI[v] as number) | (((v >>> (k + 4)) & 1) << (8 * k));
  }
}

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Number of set bits of a 32-bit integer. */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Hamming distance between two 64-bit fingerprints given as halves. */
export function hamming64(a0: number, a1: number, b0: number, b1: number): number {
  return popcount32(a0 ^ b0) + popcount32(a1 ^ b1);
}

/** Accumulates the features of one text; `reset` before each text. Not reentrant (one per user). */
export class SimHasher {
  /** packed[2j] holds the counters of bits 8j..8j+3, packed[2j+1] those of bits 8j+4..8j+7. */
  private readonly packed = new Int32Array(16);
  private readonly wide = new Int32Array(64);
  private inPacked = 0;
  private flushed = false;
  private features = 0;

  reset(): void {
    this.packed.fill(0);
    if (this.flushed) this.wide.fill(0);
    this.inPacked = 0;
    this.flushed = false;
    this.features = 0;
  }

  /** Adds one feature, given as any 32-bit hash. */
  add(hash: number): void {
    if (this.inPacked === 255) this.flush();
    const a = mix32(hash);
    const b = mix32(hash ^ 0x5bd1e995);
    const p = this.packed;
    for (let j = 0; j < 4; j++) {
      const x = (a >>> (8 * j)) & 255;
      const y = (b >>> (8 * j)) & 255;
      p[2 * j] = (p[2 * j] as number) + (LO[x] as number);
      p[2 * j + 1] = (p[2 * j + 1] as number) + (HI[x] as number);
      p[8 + 2 * j] = (p[8 + 2 * j] as number) + (LO[y] as number);
      p[9 + 2 * j] = (p[9 + 2 * j] as number) + (HI[y] as number);
    }
    this.inPacked++;
    this.features++;
  }

  private flush(): void {
    for (let bit = 0; bit < 64; bit++) this.wide[bit] = (this.wide[bit] as number) + this.packedCount(bit);
    this.packed.fill(0);
    this.inPacked = 0;
    this.flushed = true;
  }

  private packedCount(bit: number): number {
    const byte = bit >>> 3;
    const k = bit & 7;
    const word = this.packed[2 * byte + (k >>> 2)] as number;
    return (word >>> (8 * (k & 3))) & 255;
  }

  /** Features added since the last reset. */
  get count(): number {
    return this.features;
  }

  /** The fingerprint's low half (bits 0–31); 0 when no feature was added. */
  get half0(): number {
    return this.half(0);
  }

  /** The fingerprint's high half (bits 32–63). */
  get half1(): number {
    return this.half(8);
  }

  /** Bits of packed words [first, first + 8): word w holds 4 byte lanes, bits 8(w>>1) + 4(w&1) + lane. */
  private half(first: number): number {
    let out = 0;
    const p = this.packed;
    const half = this.features >>> 1; // more than half: ones > floor(n / 2)
    const flushed = this.flushed;
    for (let w = first; w < first + 8; w++) {
      const word = p[w] as number;
      const base = 8 * ((w - first) >> 1) + 4 * (w & 1);
      const wide = 8 * (w >> 1) + 4 * (w & 1);
      for (let lane = 0; lane < 4; lane++) {
        let ones = (word >>> (8 * lane)) & 255;
        if (flushed) ones += this.wide[wide + lane] as number;
        if (ones > half) out |= 1 << (base + lane);
      }
    }
    return out;
  }
}
