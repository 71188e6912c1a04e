import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redditFeeds } from './feeds.ts';
import { redditSearchQueries, redditSearchTerms } from './search-queries.ts';

const brand = (name: string, aliases: string[] = [], keywords: string[] = []) => ({ name, aliases, keywords });

test('names, aliases and keywords become terms: single words bare, others quoted, duplicates once', () => {
  const terms = redditSearchTerms([
    brand('Corvane Cycles', ['Corvane', 'CORVANE', 'Corvané'], ['CF-0917', 'say "hi"', 'OR', '***']),
    brand('Vélo Brisé', [], ['corvane cycles']),
  ]);
  assert.deepEqual(terms, ['"Corvane Cycles"', 'Corvane', '"CF-0917"', '"say hi"', '"OR"', '"Vélo Brisé"']);
});

test('queries are ORed terms within the length limit, split when longer', () => {
  assert.deepEqual(redditSearchQueries([brand('Corvane', ['Stratus fork'])]), ['Corvane OR "Stratus fork"']);
  const many = Array.from({ length: 40 }, (_, i) => `brandname${i}`);
  const queries = redditSearchQueries([brand('Corvane', many)], 100);
  assert.ok(queries.length > 1);
  for (const q of queries) assert.ok(q.length <= 100, q);
  assert.deepEqual(queries.join(' OR ').split(' OR '), ['Corvane', ...many]);
  assert.deepEqual(redditSearchQueries([]), []);
});

test('feeds: brand searches, extra searches and subreddit comments, each with a stable key', () => {
  const feeds = redditFeeds(
    { searchBrands: true, searchQueries: ['corvane subreddit:bikewrench', 'Corvane'], subreddits: ['CorvaneOwners', 'corvaneowners'], includeNsfw: true },
    [brand('Corvane')],
  );
  assert.deepEqual(
    feeds.map((f) => [f.key, f.path]),
    [
      ['search:Corvane', '/search'],
      ['search:corvane subreddit:bikewrench', '/search'],
      ['comments:corvaneowners', '/r/CorvaneOwners/comments'],
    ],
  );
  assert.deepEqual(feeds[0]!.params, { q: 'Corvane', sort: 'new', type: 'link', raw_json: '1', include_over_18: 'on' });
  assert.deepEqual(feeds[2]!.params, { raw_json: '1' });
});
