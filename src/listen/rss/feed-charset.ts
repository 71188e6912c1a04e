/**
 * A feed body's bytes as text. The charset comes from, in order: a byte-order mark, the
 * Content-Type header's `charset`, the XML declaration's `encoding` (read from the first bytes
 * as ASCII), else UTF-8. Bytes that are invalid in that charset become U+FFFD rather than
 * failing the whole feed; an unknown charset name falls back to UTF-8.
 */
import { TextDecoder } from 'node:util';

function bomCharset(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  return null;
}

function headerCharset(contentType: string | null): string | null {
  if (contentType === null) return null;
  for (const part of contentType.split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const v = part.slice(eq + 1).trim().replace(/^"|"$/g, '');
    return v === '' ? null : v;
  }
  return null;
}

/** The `encoding` pseudo-attribute of `<?xml … ?>` at the very start, if any. */
function declaredCharset(b: Uint8Array): string | null {
  const head = Buffer.from(b.subarray(0, 200)).toString('latin1');
  if (!head.startsWith('<?xml')) return null;
  const end = head.indexOf('?>');
  const decl = end < 0 ? head : head.slice(0, end);
  const at = decl.indexOf('encoding');
  if (at < 0) return null;
  const rest = decl.slice(at + 'encoding'.length).trimStart();
  if (!rest.startsWith('=')) return null;
  const value = rest.slice(1).trimStart();
  const quote = value[0];
  if (quote !== '"' && quote !== "'") return null;
  const close = value.indexOf(quote, 1);
  const label = close < 0 ? null : value.slice(1, close);
  // A declaration readable as ASCII is not UTF-16 (without a byte-order mark): ignore that claim.
  return label === null || /^utf-?16/i.test(label) ? null : label;
}

const decoders = new Map<string, TextDecoder | null>();

/** A decoder for a charset label (cached: feeds use a handful), null for an unknown label. */
function decoder(label: string | null): TextDecoder | null {
  if (label === null) return null;
  const key = label.trim().toLowerCase();
  let d = decoders.get(key);
  if (d === undefined) {
    try {
      d = new TextDecoder(key);
    } catch {
      d = null;
    }
    if (decoders.size < 100) decoders.set(key, d);
  }
  return d;
}

export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null): string {
  const d = decoder(bomCharset(bytes)) ?? decoder(headerCharset(contentType)) ?? decoder(declaredCharset(bytes));
  if (d === null || d.encoding === 'utf-8') {
    // The common case, through Buffer (faster than TextDecoder); the BOM is dropped as TextDecoder does.
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', bom);
  }
  return d.decode(bytes);
}
