/**
 * Which Jetstream posts may be about a brand. Jetstream has no server-side text filter: the
 * whole network's posts arrive, and only candidates are yielded. The pipeline matches them again
 * with the brands' full queries, so this is a cheap superset, not the real decision:
 *
 * - needle words: for each query the brand is matched with (its enabled queries, or its default
 *   query), the words it cannot match without, as the matcher's index sees them (a term, the
 *   longest word of a phrase or @handle, a #tag body); plus the longest word of the brand's
 *   name, each alias, keyword and handle. A post is a candidate when one of its folded words is a
 *   needle (hashtag and @handle bodies are words too);
 * - `lumo*` stems (any word starting with them) and `url:` fragments (in the post's text URLs and
 *   facet or embed links);
 * - DIDs: the brand's Bluesky handles and `from:` handles, resolved to DIDs (getProfiles), make
 *   candidates of their posts, of posts that mention them in a facet, and of replies to and
 *   quotes of their posts.
 *
 * A query that can match without any word (`NOT spam`, `lang:fr` alone) cannot be prefiltered:
 * for it the brand's names stand in, and a warning says so. A brand whose queries do not parse
 * also falls back to its names.
 */
import type { Brand } from '../../domain/brand.ts';
import type { QueryNode } from '../query/ast.ts';
import { prepareDoc } from '../query/doc.ts';
import { compileBrandQueries } from '../query/brand-matcher.ts';
import { fold } from '../query/fold.ts';
import { hashWord, words } from '../query/tokenize.ts';

interface Needles {
  words: string[];
  prefixes: string[];
  urls: string[];
  handles: string[];
}

/** What a post offers the filter. */
export interface CandidatePost {
  did: string;
  text: string;
  /** Facet and embed link URIs. */
  links: readonly string[];
  /** DIDs the post mentions (facets), replies to or quotes. */
  relatedDids: readonly string[];
}

const EMPTY: Needles = { words: [], prefixes: [], urls: [], handles: [] };

function longest(ws: readonly string[]): string {
  let best = '';
  for (const w of ws) if (w.length > best.length) best = w;
  return best;
}

function union(a: Needles, b: Needles): Needles {
  return { words: [...a.words, ...b.words], prefixes: [...a.prefixes, ...b.prefixes], urls: [...a.urls, ...b.urls], handles: [...a.handles, ...b.handles] };
}

const size = (n: Needles): number => n.words.length + n.prefixes.length + n.urls.length + n.handles.length;

/**
 * What a post must contain at least one of for the query to match (the query language's
 * `requiredKeys`, extended with stems, URL fragments and from: handles), or null.
 */
export function queryNeedles(node: QueryNode): Needles | null {
  switch (node.kind) {
    case 'term':
      return { ...EMPTY, words: [node.word] };
    case 'phrase':
      return { ...EMPTY, words: [longest(node.words)] };
    case 'hashtag':
      return { ...EMPTY, words: [node.tag] };
    case 'mention':
      return { ...EMPTY, words: [longest(words(node.handle))], handles: [node.handle] };
    case 'from':
      return { ...EMPTY, handles: [node.handle] };
    case 'prefix':
      return { ...EMPTY, prefixes: [node.stem] };
    case 'url':
      return { ...EMPTY, urls: [node.fragment] };
    case 'near':
      return queryNeedles(node.left) ?? queryNeedles(node.right);
    case 'and': {
      let best: Needles | null = null;
      for (const c of node.children) {
        const n = queryNeedles(c);
        if (n !== null && (best === null || size(n) < size(best))) best = n;
      }
      return best;
    }
    case 'or': {
      let all: Needles = EMPTY;
      for (const c of node.children) {
        const n = queryNeedles(c);
        if (n === null) return null;
        all = union(all, n);
      }
      return all;
    }
    case 'lang':
    case 'not':
      return null;
  }
}

/** A Bluesky handle is a domain name: "orvelle.bsky.social", "orvelle.com". */
export function isBlueskyHandle(folded: string): boolean {
  return /^(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/.test(folded);
}

function nameNeedles(brand: Brand): Needles {
  const ws: string[] = [];
  const handles: string[] = [];
  for (const name of [brand.name, ...brand.aliases, ...brand.keywords]) {
    const w = longest(words(fold(name)));
    if (w !== '') ws.push(w);
  }
  for (const raw of [...brand.handles, ...brand.ownedAccounts]) {
    const h = fold(raw.trim().replace(/^@/, ''));
    const w = longest(words(h));
    if (w !== '') ws.push(w);
    handles.push(h);
  }
  return { ...EMPTY, words: ws, handles };
}

export class CandidateFilter {
  readonly #words = new Set<string>();
  readonly #hashes = new Set<number>();
  readonly #prefixes: string[] = [];
  readonly #urls: string[] = [];
  /** Bluesky handles to resolve to DIDs (folded, without "@"). */
  readonly handles: readonly string[];
  /** Why some brands are prefiltered by their names only. */
  readonly warnings: readonly string[];
  #dids: ReadonlySet<string> = new Set();

  constructor(brands: readonly Brand[]) {
    const warnings: string[] = [];
    let all: Needles = EMPTY;
    for (const brand of brands) {
      const names = nameNeedles(brand);
      all = union(all, names);
      let queries: ReturnType<typeof compileBrandQueries>;
      try {
        queries = compileBrandQueries(brand);
      } catch (e) {
        warnings.push(`${e instanceof Error ? e.message : String(e)}; the Bluesky source passes the posts that name the brand instead`);
        continue;
      }
      for (const { id, query } of queries) {
        const n = queryNeedles(query.ast);
        if (n !== null) all = union(all, n);
        else {
          warnings.push(
            `brand "${brand.id}"${id === null ? '' : `, query "${id}"`} can match posts without any particular word (NOT …, lang:… alone); ` +
              'Jetstream has no server-side filter, so the Bluesky source passes only the posts that name the brand, its aliases, keywords or handles for it',
          );
        }
      }
    }
    for (const w of all.words) {
      if (w === '') continue;
      this.#words.add(w);
      this.#hashes.add(hashWord(w));
    }
    this.#prefixes.push(...new Set(all.prefixes.filter((p) => p !== '')));
    this.#urls.push(...new Set(all.urls.filter((u) => u !== '')));
    this.handles = [...new Set(all.handles.filter(isBlueskyHandle))];
    this.warnings = warnings;
  }

  /** The DIDs of the brands' Bluesky handles, once resolved. */
  setDids(dids: Iterable<string>): void {
    this.#dids = new Set(dids);
  }

  get dids(): ReadonlySet<string> {
    return this.#dids;
  }

  /** True when the post may be about a brand (false positives are expected, misses are not). */
  matches(post: CandidatePost): boolean {
    const dids = this.#dids;
    if (dids.size > 0) {
      if (dids.has(post.did)) return true;
      for (const d of post.relatedDids) if (dids.has(d)) return true;
    }
    if (this.#words.size === 0 && this.#prefixes.length === 0 && this.#urls.length === 0) return false;
    const doc = prepareDoc({ text: post.text, lang: null, authorHandle: null, urls: post.links });
    const hashes = doc.hashes;
    for (let i = 0; i < hashes.length; i++) {
      if (this.#hashes.has(hashes[i] as number) && this.#words.has(doc.wordAt(i))) return true;
    }
    for (const stem of this.#prefixes) if (doc.hasPrefix(stem)) return true;
    if (this.#urls.length > 0) {
      for (const u of doc.urls) for (const f of this.#urls) if (u.includes(f)) return true;
    }
    return false;
  }

  /** One line for `sources test` and logs. */
  describe(): string {
    return `${this.#words.size} words, ${this.#prefixes.length} stems, ${this.#urls.length} URL fragments, ${this.handles.length} handles (${this.#dids.size} resolved)`;
  }
}
