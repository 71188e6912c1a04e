/**
 * Google Alerts feeds (Atom): their entry links are redirects through Google,
 * `https://www.google.com/url?rct=j&sa=t&url=<real>&ct=ga&cd=…&usg=…`, and their titles carry
 * `<b>` highlighting (title type="html", turned into plain text with the rest of the HTML).
 * A mention's url must be the real article, so the redirect is unwrapped wherever it appears.
 */

/** True for google.com, www.google.fr, google.co.uk… (the redirect lives on every Google domain). */
function isGoogleHost(host: string): boolean {
  const labels = host.toLowerCase().split('.');
  const i = labels.indexOf('google');
  if (i < 0 || i > 1 || (i === 1 && labels[0] !== 'www')) return false;
  const tld = labels.slice(i + 1);
  return tld.length >= 1 && tld.length <= 2 && tld.every((l) => /^[a-z]{2,3}$/.test(l));
}

/**
 * The real target of a Google redirect link (`/url?url=…` or `/url?q=…`), when it is an
 * http(s) URL; else the link unchanged.
 */
export function unwrapGoogleRedirect(link: string): string {
  let u: URL;
  try {
    u = new URL(link);
  } catch {
    return link;
  }
  if (u.pathname !== '/url' || !isGoogleHost(u.hostname)) return link;
  const target = u.searchParams.get('url') ?? u.searchParams.get('q');
  if (target === null) return link;
  try {
    const t = new URL(target);
    return t.protocol === 'http:' || t.protocol === 'https:' ? t.href : link;
  } catch {
    return link;
  }
}

/** A Google Alerts feed id: `tag:google.com,2005:reader/user/<uid>/state/com.google/alerts/<aid>`. */
export function isGoogleAlertsFeedId(id: string | undefined): boolean {
  return id !== undefined && id.startsWith('tag:google.com,') && id.includes('/com.google/alerts/');
}
