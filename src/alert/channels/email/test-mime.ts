/**
 * Test helper: a small MIME reader for the mails the SMTP test server receives (headers with
 * RFC 2047 encoded words, multipart bodies, quoted-printable and base64). Only what the e-mail
 * channel's tests need; it lets them check the mail as a mail client would see it.
 */

export interface MimePart {
  /** Header names lower-cased; values unfolded and decoded. */
  headers: Map<string, string>;
  /** The decoded body (for a multipart, the raw body). */
  body: string;
  parts: MimePart[];
}

/** Parses a raw RFC 5322 message (CRLF or LF line ends). */
export function parseMime(raw: string): MimePart {
  const text = raw.replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  const head = split === -1 ? text : text.slice(0, split);
  const rawBody = split === -1 ? '' : text.slice(split + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary !== undefined) {
    const chunks = rawBody.split(`--${boundary}`);
    const parts = chunks.slice(1, -1).map((c) => parseMime(c.replace(/^\n/, '').replace(/\n$/, '')));
    return { headers, body: rawBody, parts };
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  let body: string;
  if (encoding === 'base64') body = Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (encoding === 'quoted-printable') body = decodeQuotedPrintable(rawBody);
  else body = rawBody;
  return { headers, body, parts: [] };
}

function decodeQuotedPrintable(s: string): string {
  const input = Buffer.from(s.replace(/=\n/g, ''), 'utf8');
  const out: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const hex = input.subarray(i + 1, i + 3).toString('latin1');
    if (input[i] === 0x3d && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(input[i] ?? 0);
    }
  }
  return Buffer.from(out).toString('utf8');
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=), joining adjacent ones. */
function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, enc: string, data: string) => {
      if (enc.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8');
      return decodeQuotedPrintable(data.replace(/_/g, ' '));
    });
}

/** The first leaf part with this content type (e.g. "text/html"). */
export function findPart(part: MimePart, contentType: string): MimePart | undefined {
  if (part.parts.length === 0) {
    return (part.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith(contentType) ? part : undefined;
  }
  for (const p of part.parts) {
    const found = findPart(p, contentType);
    if (found) return found;
  }
  return undefined;
}
