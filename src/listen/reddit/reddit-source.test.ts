import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { SourceItem } from '../source.ts';
import { startRedditTestServer, TEST_CREDENTIALS, type RedditTestServer } from './test-server.ts';
import { mentionIds, readSome, testClock, testSource } from './test-run.ts';
import { comment, post, T0, userAbout } from './test-things.ts';

let server: RedditTestServer;
before(async () => {
  server = await startRedditTestServer();
});
after(() => server.close());
beforeEach(() => {
  server.posts = [];
  server.comments = new Map();
  server.users = new Map();
  server.requests = [];
  server.script = [];
  server.listingCap = 1000;
});

const p = (i: number, created: number, extra: Parameters<typeof post>[0]['extra'] = {}) =>
  post({ id: `p${i.toString(36)}`, created, title: `Corvane fork report ${i}`, extra });
const c = (i: number, created: number, extra: Parameters<typeof comment>[0]['extra'] = {}) =>
  comment({ id: `c${i.toString(36)}`, created, linkId: 'p0', extra });

test('polls the brand search and subreddit comments with OAuth, oldest first, none twice across polls', async () => {
  const clock = testClock((T0 + 60) * 1000);
  server.posts = [p(1, T0 - 300), p(2, T0 - 100), p(3, T0 - 200), post({ id: 'zz', created: T0, title: 'Unrelated bike talk' })];
  server.comments.set('corvaneowners', [c(1, T0 - 50), c(2, T0 - 250)]);
  const source = testSource(server, clock, { subreddits: ['CorvaneOwners'] });
  const items = await readSome(source, clock, {
    rounds: 3,
    betweenRounds: (round) => {
      if (round !== 1) return;
      server.posts.push(p(4, T0 + 30));
      server.comments.get('corvaneowners')!.push(c(3, T0 + 40));
    },
  });
  assert.deepEqual(mentionIds(items), ['reddit:t3_p1', 'reddit:t3_p3', 'reddit:t3_p2', 'reddit:t1_c2', 'reddit:t1_c1', 'reddit:t3_p4', 'reddit:t1_c3']);
  assert.equal(items.length, 7);

  const [token, ...api] = server.requests;
  assert.equal(token!.method, 'POST');
  assert.equal(token!.path, '/api/v1/access_token');
  assert.equal(token!.authorization, `Basic ${Buffer.from('corvane-desk-id:corvane-desk-secret').toString('base64')}`);
  assert.equal(token!.userAgent, 'server:vigie:v1 (by /u/CorvaneCare)');
  assert.equal(token!.body, `grant_type=password&username=${TEST_CREDENTIALS.username}&password=${TEST_CREDENTIALS.password}`);
  assert.equal(api.length, 6, 'one request per feed per round');
  assert.ok(api.every((r) => r.authorization === 'bearer tok-1' && r.userAgent === 'server:vigie:v1 (by /u/CorvaneCare)'));
  assert.equal(api[0]!.path, '/search');
  assert.deepEqual(Object.fromEntries(api[0]!.query), {
    q: '"Corvane Cycles" OR Corvane',
    sort: 'new',
    type: 'link',
    raw_json: '1',
    include_over_18: 'on',
    limit: '100',
  });
  assert.equal(api[1]!.path, '/r/CorvaneOwners/comments');
  assert.deepEqual(Object.fromEntries(api[1]!.query), { raw_json: '1', limit: '100' });

  const s = source.status();
  assert.equal(s.kind, 'reddit');
  assert.equal(s.state, 'stopped');
  assert.equal(s.counts.mentions, 7);
  assert.equal(s.errors, 0);
  // The last answer came in the third round, two pauses after the start: reset is seconds from then.
  assert.deepEqual(s.rateLimit, { limit: 600, remaining: 599, resetAt: (T0 + 60) * 1000 + 2 * 7000 + 400_000 });
  assert.equal(s.lagMs, (T0 + 60 + 7) * 1000 - (T0 + 40) * 1000, 'c3 was read in the second round');
});

test('a restart from a checkpoint taken mid-poll neither repeats nor loses an item', async () => {
  const clock = testClock((T0 + 60) * 1000);
  for (let i = 0; i < 250; i++) server.posts.push(p(i, T0 - 60 * (250 - i)));
  const first = await readSome(testSource(server, clock), clock, { items: 120 });
  assert.equal(server.requests.filter((r) => r.path === '/search').length, 3, 'three pages to reach the backfill limit');
  server.posts.push(p(900, T0 + 10), p(901, T0 + 20));
  const second = await readSome(testSource(server, clock), clock, { from: first.at(-1)!.checkpoint, rounds: 2 });
  const all = [...mentionIds(first), ...mentionIds(second)];
  assert.equal(new Set(all).size, all.length, 'none twice');
  assert.deepEqual(all, [...Array.from({ length: 250 }, (_, i) => `reddit:t3_p${i.toString(36)}`), 'reddit:t3_p' + (900).toString(36), 'reddit:t3_p' + (901).toString(36)]);
});

test('after an outage beyond the 1,000 items listings reach, takes what it can and says what was lost', async () => {
  const clock = testClock((T0 + 60) * 1000);
  server.posts = [p(0, T0 - 10)];
  const source = testSource(server, clock);
  const items = await readSome(source, clock, {
    rounds: 2,
    betweenRounds: (round) => {
      if (round === 1) for (let i = 1; i <= 1200; i++) server.posts.push(p(i, T0 + i));
    },
  });
  const ids = mentionIds(items);
  assert.equal(ids.length, 1 + 1000);
  assert.equal(ids[1], `reddit:t3_p${(201).toString(36)}`, 'the 200 oldest new posts are out of reach');
  const s = source.status();
  assert.equal(s.counts.gapFills, 1);
  assert.equal(s.recentErrors[0]?.kind, 'gap');
  assert.match(s.recentErrors[0]!.message, /1000 new items since the last poll.*stop near 1,000 items/);
});

test('late items within the margin are taken, older ones are not; deletes are passed on', async () => {
  const clock = testClock((T0 + 60) * 1000);
  server.posts = [p(1, T0 - 10)];
  server.comments.set('corvaneowners', [c(1, T0 - 5)]);
  const items = await readSome(testSource(server, clock, { subreddits: ['CorvaneOwners'] }), clock, {
    rounds: 2,
    betweenRounds: () => {
      server.posts.push(p(2, T0 - 1000), p(3, T0 - 10_000));
      server.comments.get('corvaneowners')!.push(c(2, T0 + 1, { body: '[deleted]', author: '[deleted]' }));
    },
  });
  assert.deepEqual(
    items.map((i: SourceItem) => (i.kind === 'mention' ? i.mention.id : `${i.kind}:${i.kind === 'delete' ? i.id : ''}`)),
    ['reddit:t3_p1', 'reddit:t1_c1', 'reddit:t3_p2', 'delete:reddit:t1_c2'],
  );
});

test('author profiles are looked up once, cached, and fill followers and account age', async () => {
  const clock = testClock((T0 + 60) * 1000);
  server.users.set('spokeandchain', userAbout('spokeandchain', { followers: 321, created: 1_600_000_000, bio: 'Gravel & coffee' }));
  server.posts = [p(1, T0 - 30), p(2, T0 - 20), post({ id: 'q1', created: T0 - 10, title: 'Corvane?', author: 'ghostrider77' })];
  const items = await readSome(testSource(server, clock, { fetchAuthors: true }), clock, {
    rounds: 2,
    betweenRounds: () => server.posts.push(p(3, T0)),
  });
  const authors = items.flatMap((i) => (i.kind === 'mention' ? [[i.mention.id, i.mention.author.followers, i.mention.author.accountCreatedAt, i.mention.author.bio]] : []));
  assert.deepEqual(authors, [
    ['reddit:t3_p1', 321, 1_600_000_000_000, 'Gravel & coffee'],
    ['reddit:t3_p2', 321, 1_600_000_000_000, 'Gravel & coffee'],
    ['reddit:t3_q1', null, undefined, undefined],
    ['reddit:t3_p3', 321, 1_600_000_000_000, 'Gravel & coffee'],
  ]);
  assert.deepEqual(
    server.requests.filter((r) => r.path.startsWith('/user/')).map((r) => r.path),
    ['/user/spokeandchain/about', '/user/ghostrider77/about'],
  );
});
