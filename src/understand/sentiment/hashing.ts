/**
 * The integer hashing the built-in sentiment model's features use: FNV-1a over UTF-16 code units
 * (fed one unit at a time, so no substring is ever allocated) and a murmur3 finaliser that spreads
 * a hash and a feature namespace over the model's buckets. Changing anything here changes every
 * feature index: a model file records `hashVersion` and refuses to load with another one.
 */
export const HASH_VERSION = 1;

export const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** One FNV-1a step: the hash `h` extended by the code unit `c`. */
export function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, FNV_PRIME);
}

/** FNV-1a of a whole string (for tables built once, at load time). */
export function fnvString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
}

/** murmur3's 32-bit finaliser of `h` mixed with a namespace constant: a well-spread 32-bit value. */
export function mix(h: number, ns: number): number {
  let x = (h ^ Math.imul(ns, 0x9e3779b1)) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/** Combines two hashes (an ordered pair: a bigram, a word and its negation mark). */
export function pair(a: number, b: number): number {
  return (Math.imul(a, 0x2c1b3c6d) ^ Math.imul(b ^ (b >>> 15), 0x297a2d39)) | 0;
}
