/**
 * Dates as feeds write them: RSS 2.0 `pubDate` in RFC 822 (with the RFC 1123 four-digit year,
 * and the sloppy variants seen in the wild: no weekday, no seconds, a two-digit year, a zone
 * name, no zone at all), and Atom / Dublin Core dates in ISO 8601 (RFC 3339, W3C-DTF). A date
 * without a zone is read as UTC, never as the server's local time, so the result does not depend
 * on the machine. Returns epoch ms, or undefined when the text is not a date.
 */

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, sept: 8, oct: 9, nov: 10, dec: 11,
  // Full names: not RFC 822, but written by some feeds.
  january: 0, february: 1, march: 2, april: 3, june: 5, july: 6, august: 7, september: 8, october: 9, november: 10, december: 11,
};

/** RFC 822 zone names, in minutes east of UTC (military letters other than Z are ambiguous in practice: ignored). */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  // Common outside the RFC, seen in European feeds.
  CET: 60, CEST: 120, BST: 60, IST: 330, EET: 120, EEST: 180, WET: 0, WEST: 60, JST: 540, AEST: 600, AEDT: 660,
};

const WEEKDAYS = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** "+0100", "-05:30", a zone name; undefined when it is not a zone. */
function zoneOffset(token: string): number | undefined {
  const sign = token[0];
  if (sign === '+' || sign === '-') {
    const digits = token.slice(1).replace(':', '');
    if (digits.length !== 4 || !isDigits(digits)) return undefined;
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    return sign === '-' ? -minutes : minutes;
  }
  return ZONES[token.toUpperCase()];
}

/** RFC 822 / RFC 1123, leniently; undefined when it does not read as one. */
export function parseRfc822(text: string): number | undefined {
  const tokens = text.trim().split(/[\s,]+/).filter((t) => t !== '');
  let i = 0;
  const first = tokens[0];
  if (first !== undefined && WEEKDAYS.has(first.slice(0, 3).toLowerCase()) && !isDigits(first)) i++;
  const [dayT, monthT, yearT, timeT, zoneT, ...rest] = tokens.slice(i);
  if (dayT === undefined || monthT === undefined || yearT === undefined || rest.length > 0) return undefined;
  if (!isDigits(dayT) || !isDigits(yearT)) return undefined;
  const month = MONTHS[monthT.toLowerCase().replace(/\.$/, '')];
  if (month === undefined) return undefined;
  const day = Number(dayT);
  let year = Number(yearT);
  if (yearT.length === 2) year += year < 50 ? 2000 : 1900;
  else if (yearT.length !== 4) return undefined;
  let h = 0;
  let m = 0;
  let s = 0;
  if (timeT !== undefined) {
    const parts = timeT.split(':');
    if (parts.length < 2 || parts.length > 3 || !parts.every(isDigits)) return undefined;
    [h, m, s] = [Number(parts[0]), Number(parts[1]), Number(parts[2] ?? '0')];
  }
  let offset = 0;
  if (zoneT !== undefined) {
    const z = zoneOffset(zoneT);
    if (z === undefined) return undefined;
    offset = z;
  }
  if (day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return undefined;
  const t = Date.UTC(year, month, day, h, m, Math.min(s, 59)) - offset * 60_000;
  return Number.isFinite(t) ? t : undefined;
}

/** ISO 8601 as feeds use it (RFC 3339, W3C-DTF: a date alone, or a time without seconds); no zone = UTC. */
export function parseIsoDate(text: string): number | undefined {
  const s = text.trim();
  if (s.length < 4 || s.length > 40 || !isDigits(s.slice(0, 4))) return undefined;
  const tAt = s.search(/[Tt ]/);
  let iso = s;
  if (tAt > 0) {
    const time = s.slice(tAt + 1);
    const hasZone = /(?:[Zz]|[+-]\d{2}:?\d{2})$/.test(time);
    iso = `${s.slice(0, tAt)}T${time}`;
    if (!hasZone) iso += 'Z';
    // "+0100" is not read by Date.parse: make it "+01:00".
    iso = iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  } else if (!/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(s)) {
    return undefined;
  }
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : undefined;
}

/** A feed date in either form. */
export function parseFeedDate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = text.trim();
  if (s === '') return undefined;
  return isDigits(s.slice(0, 4)) && s[4] === '-' ? parseIsoDate(s) : (parseRfc822(s) ?? parseIsoDate(s));
}
