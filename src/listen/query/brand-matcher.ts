import type { Brand } from '../../domain/brand.ts';
import { defaultQueryText } from './default-query.ts';
import type { MatchDoc } from './doc.ts';
import { BrandQueryError, QueryParseError } from './errors.ts';
import { compileQuery, type CompiledQuery } from './evaluate.ts';
import { fromKey, requiredKeys } from './required.ts';
import { hashWord } from './tokenize.ts';

const FROM = fromKey('');

/** Bits of a word hash used by the filter in front of the index (64 KiB of flags). */
const FILTER_MASK = 0xffff;

interface Entry {
  readonly brand: number;
  readonly queryId: string | null;
  readonly query: CompiledQuery;
}

/**
 * Decides which brands a post is about. A brand matches when any of its enabled queries
 * matches (a brand without queries uses `defaultQueryText`; a brand whose queries are all
 * disabled matches nothing) and, when the brand lists languages, the post's language is one of
 * them (a post of unknown language is kept).
 *
 * Queries are indexed by the words they cannot match without (see `requiredKeys`), so a post
 * only evaluates the queries whose words it contains, plus the few that need no word. In front
 * of the index, a table of flags indexed by the low bits of each word's hash (computed while the
 * post was scanned) rules out almost every word without building its string.
 * Every query, enabled or not, is parsed at construction: a bad one throws a BrandQueryError
 * naming the brand and the query.
 */
export class BrandMatcher {
  private readonly ids: readonly string[];
  private readonly languages: ReadonlyArray<ReadonlySet<string> | null>;
  private readonly entries: readonly Entry[];
  private readonly byKey = new Map<string, number[]>();
  /** Queries indexed by a from: handle they need. */
  private readonly byAuthor = new Map<string, number[]>();
  private readonly filter = new Uint8Array(FILTER_MASK + 1);
  private readonly always: readonly number[];
  private readonly seen: Uint32Array;
  private readonly hit: Uint32Array;
  private stamp = 0;

  constructor(brands: readonly Brand[]) {
    const entries: Entry[] = [];
    const always: number[] = [];
    brands.forEach((brand, b) => {
      for (const { id, query } of compileBrandQueries(brand)) {
        const index = entries.length;
        entries.push({ brand: b, queryId: id, query });
        const keys = requiredKeys(query.ast);
        if (keys === null) {
          always.push(index);
          continue;
        }
        for (const key of keys) {
          const author = key.startsWith(FROM) ? key.slice(FROM.length) : null;
          if (author === null) this.filter[hashWord(key) & FILTER_MASK] = 1;
          const map = author === null ? this.byKey : this.byAuthor;
          const k = author ?? key;
          const list = map.get(k);
          if (list === undefined) map.set(k, [index]);
          else list.push(index);
        }
      }
    });
    this.ids = brands.map((b) => b.id);
    this.languages = brands.map((b) => (b.languages.length === 0 ? null : new Set(b.languages)));
    this.entries = entries;
    this.always = always;
    this.seen = new Uint32Array(entries.length);
    this.hit = new Uint32Array(brands.length);
  }

  /** Ids of the brands the post matches, in the order the brands were given. */
  match(doc: MatchDoc): string[] {
    const stamp = this.nextStamp();
    const lang = doc.lang === null ? null : primary(doc.lang);
    let hits = 0;
    for (const e of this.always) hits += this.tryEntry(e, doc, lang, stamp);
    const { byKey, filter } = this;
    const hashes = doc.hashes;
    for (let i = 0; i < hashes.length; i++) {
      if (filter[(hashes[i] as number) & FILTER_MASK] === 0) continue;
      const list = byKey.get(doc.wordAt(i));
      if (list !== undefined) for (const e of list) hits += this.tryEntry(e, doc, lang, stamp);
    }
    if (doc.author !== null && this.byAuthor.size > 0) {
      let list = this.byAuthor.get(doc.author);
      if (list !== undefined) for (const e of list) hits += this.tryEntry(e, doc, lang, stamp);
      list = doc.authorLocal === null ? undefined : this.byAuthor.get(doc.authorLocal);
      if (list !== undefined) for (const e of list) hits += this.tryEntry(e, doc, lang, stamp);
    }
    if (hits === 0) return [];
    const out: string[] = [];
    for (let b = 0; b < this.ids.length; b++) if (this.hit[b] === stamp) out.push(this.ids[b] as string);
    return out;
  }

  /** Evaluates one query unless done already for this post; 1 when it makes its brand match. */
  private tryEntry(e: number, doc: MatchDoc, lang: string | null, stamp: number): number {
    if (this.seen[e] === stamp) return 0;
    this.seen[e] = stamp;
    const entry = this.entries[e] as Entry;
    if (this.hit[entry.brand] === stamp) return 0;
    const langs = this.languages[entry.brand];
    if (langs != null && lang !== null && !langs.has(lang)) return 0;
    if (!entry.query.matches(doc)) return 0;
    this.hit[entry.brand] = stamp;
    return 1;
  }

  private nextStamp(): number {
    if (this.stamp === 0xffffffff) {
      this.stamp = 0;
      this.seen.fill(0);
      this.hit.fill(0);
    }
    return ++this.stamp;
  }
}

function primary(lang: string): string {
  const dash = lang.indexOf('-');
  return dash < 0 ? lang : lang.slice(0, dash);
}

type BrandQueries = Pick<Brand, 'id' | 'name' | 'aliases' | 'keywords' | 'handles' | 'queries'>;

/**
 * The queries a brand is matched with: its enabled queries, or the default one built from its
 * names when it has none. Every query is compiled, disabled ones too (so that enabling one later
 * cannot fail): a bad one throws a BrandQueryError naming the brand and the query. Whatever
 * creates a brand (the CLI, the configuration) calls this to refuse it before it is stored.
 */
export function compileBrandQueries(brand: BrandQueries): Array<{ id: string | null; query: CompiledQuery }> {
  if (brand.queries.length === 0) return [{ id: null, query: compileFor(brand.id, null, defaultQuery(brand)) }];
  const out: Array<{ id: string | null; query: CompiledQuery }> = [];
  for (const q of brand.queries) {
    const query = compileFor(brand.id, q.id, q.text);
    if (q.enabled) out.push({ id: q.id, query });
  }
  return out;
}

function defaultQuery(brand: BrandQueries): string {
  const text = defaultQueryText(brand);
  if (text === null) {
    throw new BrandQueryError(
      brand.id,
      null,
      'has no listening query and no name, alias, keyword or handle usable as one (add a query or a keyword with letters or digits)',
    );
  }
  return text;
}

function compileFor(brandId: string, queryId: string | null, text: string): CompiledQuery {
  try {
    return compileQuery(text);
  } catch (err) {
    if (err instanceof QueryParseError) throw new BrandQueryError(brandId, queryId, err.message, err);
    throw err;
  }
}
