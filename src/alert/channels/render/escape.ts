/**
 * Text helpers shared by the notification channels: HTML escaping, URL checks, one-line and
 * length-bounded text. Brand names and post texts are untrusted (anyone can post anything), so
 * every channel that renders them into markup or a header goes through these.
 */

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * The URL, normalised, if it is an absolute http(s) URL; null otherwise. Links built from untrusted
 * input (a post's URL) must go through this: `javascript:` or `data:` URLs are never rendered as links.
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (url === null || url === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.href;
}

/**
 * Collapses the text to one line: control characters (CR, LF, tabs, C0/C1, line and paragraph
 * separators) become spaces, runs of spaces one space, ends trimmed. For subjects, headers and SMS.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, ' ').trim();
}

/**
 * Cuts the text to at most `max` UTF-16 code units, ending with "…" when cut, never splitting a
 * surrogate pair (an emoji). `max` must be at least 1.
 */
export function truncate(text: string, max: number): string {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`truncate: max must be an integer ≥ 1 (got ${max})`);
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (cut > 0 && code >= 0xd800 && code <= 0xdbff) cut -= 1; // do not leave half an emoji
  return text.slice(0, cut).trimEnd() + '…';
}
