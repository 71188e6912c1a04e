/**
 * Checks the URL a chat or webhook channel posts to, before any network call: a malformed or
 * plain-http URL is a configuration error the user must fix (a permanent failure), not something
 * to retry. Plain http is allowed only for loopback hosts (local receivers and tests), because
 * alert bodies and ack links must not cross a network in clear text.
 */

/** The parsed URL, or a message saying what is wrong and how to fix it. */
export type TargetUrlCheck = { ok: true; url: URL } | { ok: false; error: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function checkTargetUrl(raw: unknown, field: string): TargetUrlCheck {
  if (typeof raw !== 'string' || raw.trim() === '') {
    return { ok: false, error: `${field}: missing URL; set it to the https:// address the service gave you` };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: `${field}: "${raw}" is not a valid URL; copy the full https:// address` };
  }
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return { ok: true, url };
  if (url.protocol === 'http:') {
    return { ok: false, error: `${field}: plain http is only allowed for localhost; use https:// for ${url.host}` };
  }
  return { ok: false, error: `${field}: unsupported scheme "${url.protocol}"; use https://` };
}
