import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Brand } from '../../domain/brand.ts';
import type { WorkspaceId } from '../../domain/ids.ts';
import { BrandMatcher } from './brand-matcher.ts';
import { defaultQueryText } from './default-query.ts';
import { prepareDoc } from './doc.ts';
import { BrandQueryError } from './errors.ts';

function makeBrand(id: string, over: Partial<Brand> = {}): Brand {
  return {
    id,
    workspaceId: 'test' as WorkspaceId,
    name: id,
    aliases: [],
    handles: [],
    keywords: [],
    queries: [],
    languages: [],
    ownedAccounts: [],
    employeeHandles: [],
    employeeDomains: [],
    createdAt: 0,
    ...over,
  };
}

const doc = (text: string, lang: string | null = null, authorHandle: string | null = null) =>
  prepareDoc({ text, lang, authorHandle });

const brands: Brand[] = [
  makeBrand('lumora', {
    name: 'Lumora Coffee',
    queries: [
      { id: 'main', text: '("lumora coffee" OR @LumoraCoffee OR #LumoraColdBrew) -concours', enabled: true },
      { id: 'crisis', text: 'lumora (rappel OR recall OR intoxication)', enabled: true },
      { id: 'paused', text: 'café', enabled: false },
    ],
  }),
  makeBrand('vautrin', { name: 'Brasserie Vautrin', aliases: ['Vautrin'], keywords: ['bière de garde'], handles: ['@BrasserieVautrin'] }),
  makeBrand('nordlys', { name: 'Nordlys Bank', queries: [{ id: 'fr', text: 'nordlys (banque OR bank)', enabled: true }], languages: ['fr'] }),
  makeBrand('wild', { name: 'Wild', queries: [{ id: 'prefix', text: 'kestr* -spam', enabled: true }] }),
  makeBrand('silent', { name: 'Silent', queries: [{ id: 'off', text: 'silent', enabled: false }] }),
];
const matcher = new BrandMatcher(brands);

test('a brand matches when any enabled query matches', () => {
  assert.deepEqual(matcher.match(doc('J’adore Lumora Coffee')), ['lumora']);
  assert.deepEqual(matcher.match(doc('Rappel de produits LUMORA')), ['lumora']);
  assert.deepEqual(matcher.match(doc('merci @lumoracoffee')), ['lumora']);
  assert.deepEqual(matcher.match(doc('Lumora coffee concours')), [], 'negated');
  assert.deepEqual(matcher.match(doc('un café svp')), [], 'a disabled query does not match');
  assert.deepEqual(matcher.match(doc('silent')), [], 'a brand with only disabled queries matches nothing');
  assert.deepEqual(matcher.match(doc('rien à voir')), []);
});

test('a brand without queries uses its name, aliases, keywords and handles', () => {
  assert.equal(
    defaultQueryText(brands[1] as Brand),
    '"Brasserie Vautrin" OR "Vautrin" OR "bière de garde" OR @BrasserieVautrin OR from:BrasserieVautrin',
  );
  assert.deepEqual(matcher.match(doc('la brasserie vautrin ferme')), ['vautrin']);
  assert.deepEqual(matcher.match(doc('VAUTRIN !')), ['vautrin']);
  assert.deepEqual(matcher.match(doc('une biere de garde')), ['vautrin']);
  assert.deepEqual(matcher.match(doc('une bière forte')), []);
  assert.deepEqual(matcher.match(doc('cc @brasserievautrin')), ['vautrin']);
  assert.deepEqual(matcher.match(doc('nouvelle cuvée', null, '@BrasserieVautrin')), ['vautrin']);
});

test('several brands can match one post, in the order the brands were given', () => {
  assert.deepEqual(matcher.match(doc('Vautrin et Lumora coffee, et kestrel')), ['lumora', 'vautrin', 'wild']);
});

test('queries that need no particular word are evaluated on every post', () => {
  assert.deepEqual(matcher.match(doc('Kestrel Outdoor')), ['wild']);
  assert.deepEqual(matcher.match(doc('Kestrel spam')), []);
});

test("a brand's languages filter posts of a known other language", () => {
  assert.deepEqual(matcher.match(doc('Nordlys bank', 'fr')), ['nordlys']);
  assert.deepEqual(matcher.match(doc('Nordlys bank', 'fr-CA')), ['nordlys']);
  assert.deepEqual(matcher.match(doc('Nordlys bank', 'en')), []);
  assert.deepEqual(matcher.match(doc('Nordlys bank', null)), ['nordlys'], 'unknown language is kept');
});

test('repeated calls do not leak state from one post to the next', () => {
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(matcher.match(doc('lumora recall')), ['lumora']);
    assert.deepEqual(matcher.match(doc('nothing')), []);
  }
});

test('an invalid query fails at construction, naming the brand and the query', () => {
  assert.throws(
    () => new BrandMatcher([makeBrand('ok'), makeBrand('acme', { queries: [{ id: 'crisis', text: 'acme (rappel', enabled: true }] })]),
    (err: unknown) => {
      assert.ok(err instanceof BrandQueryError);
      assert.equal(err.brandId, 'acme');
      assert.equal(err.queryId, 'crisis');
      assert.equal(err.message, 'brand "acme", query "crisis": column 13: expected ")" to close the "(" at column 6');
      return true;
    },
  );
});

test('a disabled query is checked too; a brand with nothing usable as a default query is refused', () => {
  assert.throws(() => new BrandMatcher([makeBrand('a', { queries: [{ id: 'q', text: '(', enabled: false }] })]), /brand "a", query "q": column 2/);
  assert.throws(() => new BrandMatcher([makeBrand('b', { name: '!!!', handles: ['has space'] })]), /brand "b": has no listening query/);
});

test('a brand with no brands at all matches nothing', () => {
  assert.deepEqual(new BrandMatcher([]).match(doc('anything')), []);
});
