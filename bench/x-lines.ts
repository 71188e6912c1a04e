import type { Brand } from '../src/domain/brand.ts';
import type { WorkspaceId } from '../src/domain/ids.ts';
import { EN_ENDINGS, EN_MIDDLES, EN_OPENERS, EN_UNMATCHED, FR_ENDINGS, FR_MIDDLES, FR_OPENERS, FR_UNMATCHED, PEOPLE } from './x-texts.ts';

/**
 * Generates X filtered-stream NDJSON lines for the ingest benchmark, lazily (one line at a time),
 * about 20 invented brands. Texts are 200–300 characters in French and English with the brands'
 * names, handles and hashtags; about 1 line in 8 matches no brand, ~5% repeat an earlier post and
 * ~0.5% are edits of an earlier post. Deterministic (a seeded generator).
 *
 * Cheap on purpose (≈ 1 µs a line instead of ≈ 5.5 µs, parse-x-line.bench.ts), so that the
 * benchmark measures the pipeline rather than its input: lines are concatenated from pieces
 * JSON-escaped once, without JSON.stringify, BigInt nor Date per line.
 */
const NAMES = [
  'Brumeo', 'Kestrel Bikes', 'Solvane', 'Marigo', 'Ventelle', 'Orbisa', 'Calypte', 'Nordane', 'Pivolia', 'Quenza',
  'Ravello Air', 'Sylphe', 'Tamaro', 'Ulvane', 'Vireon', 'Wistle', 'Xandra Bank', 'Yelvo', 'Zephra Mobile', 'Aubrelle',
];

export function benchBrands(ws: WorkspaceId, now: number): Brand[] {
  return NAMES.map((name) => {
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '');
    const first = name.split(' ')[0]!.toLowerCase();
    return {
      id: slug,
      workspaceId: ws,
      name,
      aliases: [],
      handles: [slug],
      keywords: [],
      queries: [{ id: 'main', text: `(${first} OR @${slug} OR #${slug}) NOT (${first} NEAR/2 wikipedia)`, enabled: true }],
      languages: [],
      ownedAccounts: [`${slug}support`],
      employeeHandles: [],
      employeeDomains: [],
      createdAt: now,
    };
  });
}

/** A string as it appears between the quotes of a JSON string. */
const esc = (s: string): string => JSON.stringify(s).slice(1, -1);

/** A template's text before and after its `{b}`, escaped. */
const split = (t: string): [string, string] => {
  const [before, after] = t.split('{b}');
  return [esc(before!), esc(after ?? '')];
};

const OPENERS = { fr: FR_OPENERS.map(split), en: EN_OPENERS.map(split) };
const MIDDLES = { fr: FR_MIDDLES.map(esc), en: EN_MIDDLES.map(esc) };
const ENDINGS = { fr: FR_ENDINGS.map(esc), en: EN_ENDINGS.map(esc) };
const UNMATCHED = { fr: FR_UNMATCHED.map(esc), en: EN_UNMATCHED.map(esc) };
const EDIT_NOTE = esc(' [edit: still no answer]');
/** Display names and usernames of the authors (pre-escaped; the name holds accents and emoji). */
const AUTHORS = PEOPLE.map(([name, username]) => ({ name: esc(name), username }));

/** String(i) for small counts, built once. */
const SMALL = Array.from({ length: 1000 }, (_, i) => String(i));
const PAD2 = SMALL.slice(0, 60).map((s) => s.padStart(2, '0'));
const PAD3 = SMALL.map((s) => s.padStart(3, '0'));

/** mulberry32, reseedable so that one object serves every post. */
class Rng {
  private s = 0;
  seed(seed: number): this {
    this.s = seed >>> 0;
    return this;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
}

export interface XLine {
  line: string;
  receivedAt: number;
}

/** `count` lines, the first post created at `start`, at ~50 posts per second of post time. */
export function* xLines(count: number, start: number, brands: readonly Brand[]): Generator<XLine> {
  // The ways a post names its brand (the name twice: the most common), escaped once.
  const forms = brands.map((b) => [b.name, `@${b.handles[0]!}`, `#${b.handles[0]!}`, b.name].map(esc));
  const rng = new Rng().seed(42);
  const post = new Rng();
  const iso = new IsoTimes();
  for (let i = 0; i < count; i++) {
    let n = i;
    let edited = false;
    const r = rng.next();
    if (i > 100 && r < 0.05) n = i - 1 - rng.int(100); // a duplicate of a recent post
    else if (i > 100 && r < 0.055) {
      n = i - 1 - rng.int(100);
      edited = true;
    }
    post.seed(n * 7919 + 1);
    const createdAt = start + n * 20 + post.int(5000);
    const lang = post.next() < 0.5 ? 'fr' : 'en';
    const matched = post.next() >= 0.12;
    let text: string;
    if (matched) {
      const [before, after] = post.pick(OPENERS[lang]);
      text = before + post.pick(post.pick(forms)) + after;
    } else text = post.pick(UNMATCHED[lang]);
    text += post.pick(MIDDLES[lang]) + post.pick(ENDINGS[lang]);
    if (edited) text += EDIT_NOTE;
    const followers = Math.floor(Math.exp(post.next() * 13));
    const author = 1_000_000 + post.int(200_000);
    const authorId = String(author);
    const person = AUTHORS[author % AUTHORS.length]!;
    const originalId = snowflake(createdAt, n);
    const postedAt = edited ? createdAt + 60_000 : createdAt;
    const id = edited ? snowflake(postedAt, n) : originalId;
    const verified = followers > 100_000;
    yield {
      line:
        `{"data":{"id":"${id}","text":"${text}","edit_history_tweet_ids":[${edited ? `"${originalId}",` : ''}"${id}"],` +
        `"author_id":"${authorId}","conversation_id":"${id}","created_at":"${iso.of(postedAt)}","lang":"${lang}",` +
        `"public_metrics":{"retweet_count":${SMALL[post.int(50)]},"reply_count":${SMALL[post.int(20)]},"like_count":${SMALL[post.int(500)]},` +
        `"quote_count":${SMALL[post.int(5)]},"bookmark_count":0,"impression_count":${followers * 3}},"entities":{"mentions":[],"hashtags":[]}},` +
        `"includes":{"users":[{"id":"${authorId}","name":"${person.name}","username":"${person.username}${author % 1000}",` +
        `"verified":${verified},"verified_type":"${verified ? 'business' : 'none'}","public_metrics":{"followers_count":${followers},` +
        `"following_count":${SMALL[author % 1000]},"tweet_count":${author % 30_000},"listed_count":${SMALL[author % 7]}}}]},` +
        `"matching_rules":[{"id":"1","tag":"brand-mentions"}]}`,
      receivedAt: postedAt + 300,
    };
  }
}

const TWITTER_EPOCH = 1288834974657;
const MILLION = 1_000_000;

/**
 * An X snowflake id for a time (the low bits keep ids of the same millisecond apart):
 * (t - epoch) << 22 | n mod 2^22, in decimal. The value passes 2^53, so it is computed in two
 * exact halves (millions and the rest) instead of with a BigInt per line.
 */
export function snowflake(t: number, n: number): string {
  const ms = t - TWITTER_EPOCH; // < 2^42 until 2150
  const hi = Math.floor(ms / MILLION);
  const lo = ms - hi * MILLION;
  // id = hi * 2^22 * 10^6 + lo * 2^22 + seq; both products stay below 2^53.
  const rest = lo * 4_194_304 + (n % 4_194_304);
  const millions = hi * 4_194_304 + Math.floor(rest / MILLION);
  const units = rest % MILLION;
  return millions === 0 ? String(units) : String(millions) + String(units).padStart(6, '0');
}

/** ISO 8601 times, the date and minute part built once a minute (posts come in time order, roughly). */
class IsoTimes {
  private minute = Number.NaN;
  private prefix = '';
  of(t: number): string {
    const minute = Math.floor(t / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.prefix = new Date(minute * 60_000).toISOString().slice(0, 17); // 2026-04-01T00:00:
    }
    const inMinute = t - minute * 60_000;
    const s = Math.floor(inMinute / 1000);
    return `${this.prefix}${PAD2[s]!}.${PAD3[inMinute - s * 1000]!}Z`;
  }
}
