const fatal = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** Decodes strict UTF-8, or says where the first invalid byte is (0-based, in the record). */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; at: number } {
  try {
    return { ok: true, text: fatal.decode(bytes) };
  } catch {
    return { ok: false, at: firstInvalidByte(bytes) };
  }
}

/** Index of the first byte that does not belong to a valid UTF-8 sequence (bytes.length if none). */
export function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let need: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return i;
}

/** The first `max` bytes shown as text: invalid bytes as U+FFFD, NULs removed (a reject is stored). */
export function excerpt(bytes: Uint8Array, max = 2048): string {
  let end = Math.min(bytes.length, max);
  // Do not cut a multi-byte character in two.
  while (end < bytes.length && end > max - 4 && (bytes[end]! & 0xc0) === 0x80) end--;
  return lenient.decode(bytes.subarray(0, end)).replace(/\u0000/g, '');
}
