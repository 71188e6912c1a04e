// Property: the indexed BrandMatcher (word-hash filter, required-word index, always-evaluated
// queries) decides exactly as evaluating every compiled query on every post.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Brand } from '../../domain/brand.ts';
import type { WorkspaceId } from '../../domain/ids.ts';
import { BrandMatcher } from './brand-matcher.ts';
import { defaultQueryText } from './default-query.ts';
import { prepareDoc, type MatchDoc } from './doc.ts';
import { compileQuery } from './evaluate.ts';
import { Rng } from '../../demo/prng.ts';

/** The project's seeded generator, so that a failure can be replayed. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

const WORDS = ['lumora', 'Café', 'cafe', 'rappel', 'usine', 'brûlé', 'kestrel', 'vautrin', 'bière', '🔥'];
const HANDLES = ['lumora', 'Vautrin', 'kestrel.bsky.social'];
const TAGS = ['ColdBrew', 'rappel', 'Lumora'];
const DOMAINS = ['lumora.com', 'vautrin.fr'];

function generator(random: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const operand = (): string => {
    const r = random();
    if (r < 0.6) return pick(WORDS);
    if (r < 0.8) return `"${pick(WORDS)} ${pick(WORDS)}"`;
    return `${pick(['lum', 'caf', 'rap', 'kes', 'bi'])}*`;
  };
  const leaf = (): string => {
    const r = random();
    if (r < 0.55) return operand();
    if (r < 0.65) return `${operand()} NEAR/${1 + Math.floor(random() * 3)} ${operand()}`;
    if (r < 0.72) return `#${pick(TAGS)}`;
    if (r < 0.79) return `@${pick(HANDLES)}`;
    if (r < 0.86) return `from:${pick(HANDLES)}`;
    if (r < 0.93) return `lang:${pick(['fr', 'en'])}`;
    return `url:${pick(DOMAINS)}`;
  };
  const query = (depth: number): string => {
    const r = random();
    if (depth <= 0 || r < 0.35) return leaf();
    if (r < 0.45) return `${pick(['NOT ', '-'])}${depth > 1 && random() < 0.5 ? `(${query(depth - 1)})` : leaf()}`;
    const parts = Array.from({ length: 2 + Math.floor(random() * 2) }, () => query(depth - 1));
    const sep = pick([' ', ' AND ', ' OR ']);
    const joined = parts.join(sep);
    return random() < 0.4 ? `(${joined})` : joined;
  };
  const text = (): string => {
    const n = 1 + Math.floor(random() * 14);
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = random();
      if (r < 0.7) out.push(pick([pick(WORDS), pick(WORDS).toUpperCase(), `l'${pick(WORDS)}`]));
      else if (r < 0.8) out.push(`#${pick(TAGS)}`);
      else if (r < 0.88) out.push(`@${pick(HANDLES)}`);
      else if (r < 0.93) out.push(`https://${pick(['', 'www.', 'shop.'])}${pick(DOMAINS)}/x`);
      else out.push(pick(['!', ',', '—', 'et', 'le']));
    }
    return out.join(random() < 0.8 ? ' ' : ', ');
  };
  const doc = (): MatchDoc =>
    prepareDoc({
      text: text(),
      lang: pick(['fr', 'en', 'fr-CA', null]),
      authorHandle: pick([...HANDLES, '@Lumora', 'someone', null]),
    });
  return { pick, query, doc, random };
}

test('the indexed BrandMatcher agrees with evaluating every query (2,000 random queries)', () => {
  const g = generator(rng(20240611));
  let queries = 0;
  let matched = 0;
  let checked = 0;
  for (let round = 0; queries < 2000; round++) {
    const brands: Brand[] = [];
    for (let b = 0; b < 20; b++) {
      const count = g.random() < 0.1 ? 0 : 1 + Math.floor(g.random() * 2);
      const qs = Array.from({ length: count }, (_, k) => ({ id: `q${k}`, text: g.query(3), enabled: g.random() < 0.9 }));
      queries += qs.length;
      brands.push({
        id: `b${round}-${b}`,
        workspaceId: 'test' as WorkspaceId,
        name: g.pick(WORDS),
        aliases: g.random() < 0.5 ? [`${g.pick(WORDS)} ${g.pick(WORDS)}`] : [],
        handles: g.random() < 0.5 ? [g.pick(HANDLES)] : [],
        keywords: [],
        queries: qs,
        languages: g.random() < 0.2 ? ['fr'] : [],
        ownedAccounts: [],
        employeeHandles: [],
        employeeDomains: [],
        createdAt: 0,
      });
    }
    const matcher = new BrandMatcher(brands);
    const compiled = brands.map((b) => {
      const texts = b.queries.length === 0 ? [defaultQueryText(b) as string] : b.queries.filter((q) => q.enabled).map((q) => q.text);
      return texts.map((t) => compileQuery(t));
    });
    for (let d = 0; d < 60; d++) {
      const doc = g.doc();
      const lang = doc.lang === null ? null : (doc.lang.split('-')[0] as string);
      const expected = brands
        .filter((b, i) => {
          if (b.languages.length > 0 && lang !== null && !b.languages.includes(lang)) return false;
          return (compiled[i] ?? []).some((q) => q.matches(doc));
        })
        .map((b) => b.id);
      const actual = matcher.match(doc);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        const detail = brands.filter((b) => actual.includes(b.id) !== expected.includes(b.id)).map((b) => b.queries);
        assert.deepEqual(actual, expected, `post ${JSON.stringify(doc.words)} ${doc.lang} ${doc.author}; queries ${JSON.stringify(detail)}`);
      }
      matched += actual.length;
      checked++;
    }
  }
  // The property is only worth something if both outcomes happen often.
  assert.ok(matched > checked / 4, `enough matches (${matched} in ${checked} posts)`);
  assert.ok(matched < checked * 10, `not everything matches (${matched} in ${checked} posts)`);
});
