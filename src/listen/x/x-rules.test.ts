import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Brand } from '../../domain/brand.ts';
import { toXRule } from '../query/index.ts';
import { searchQueries } from './recent-search.ts';
import { desiredRules, diffRules } from './rules.ts';
import { collect, mentionIds, testClock, XTestServer } from './test-server.ts';
import { ondineBrand, ondinePost, streamMessage, T0 } from './x-fixtures.ts';
import { createXSource } from './x-source.ts';

const ONDINE_RULE = toXRule(ondineBrand().queries[0]!.text);
const q = (id: string, text: string, enabled = true) => ({ id, text, enabled });
const limits = { maxRules: 1_000, maxRuleLength: 1_024 };

test('one rule per enabled query, tagged with the brand id; the default query for a brand without any; problems named', () => {
  const brands: Brand[] = [
    ondineBrand({ queries: [q('battery', ondineBrand().queries[0]!.text), q('off', 'ondine promo', false), q('near', 'ondine NEAR/3 batterie'), q('star', 'vel* ondine')] }),
    ondineBrand({ id: 'velhome', name: 'Velhome', aliases: [], handles: ['Velhome'], queries: [] }),
    ondineBrand({ id: 'copy', queries: [q('same', ondineBrand().queries[0]!.text), q('neg', '-ondine')] }),
    ondineBrand({ id: 'nothing', name: '!!!', aliases: [], handles: [], queries: [] }),
  ];
  const d = desiredRules(brands, limits);
  assert.deepEqual(d.rules, [
    { value: ONDINE_RULE, tag: 'ondine' },
    { value: '"Velhome" OR @Velhome OR from:Velhome', tag: 'velhome' },
  ]);
  assert.equal(d.problems.length, 4);
  assert.match(d.problems[0]!, /^brand "ondine", query "near" cannot be an X stream rule: .*NEAR/);
  assert.match(d.problems[1]!, /^brand "ondine", query "star" cannot be an X stream rule: .*prefix wildcard/);
  assert.match(d.problems[2]!, /^brand "copy", query "neg" cannot be an X stream rule: .*positive term/);
  assert.match(d.problems[3]!, /^brand "nothing" has no listening query .*add a query/);
});

test('the limits of the access level: rules past maxRules and rules over maxRuleLength are reported, not sent', () => {
  const many = ondineBrand({ queries: Array.from({ length: 5 }, (_, i) => q(`q${i}`, `ondine batterie${i}`)) });
  const d = desiredRules([many, ondineBrand({ id: 'other', queries: [q('a', 'velhome')] })], { maxRules: 4, maxRuleLength: 1_024 });
  assert.equal(d.rules.length, 4);
  assert.equal(d.problems.length, 1);
  assert.equal(
    d.problems[0],
    'the brands need 6 X stream rules but the access level allows 4: 2 rules of "ondine", "other" were not added (merge queries with OR, or raise maxRules if your access level allows more)',
  );
  const long = desiredRules([ondineBrand({ queries: [q('long', Array.from({ length: 120 }, (_, i) => `mot${i}`).join(' OR '))] })], limits);
  assert.deepEqual(long.rules, []);
  assert.match(long.problems[0]!, /brand "ondine", query "long" cannot be an X stream rule: the X rule is 1,086 characters long and X accepts at most 1,024/);
});

test('the diff deletes what is not wanted (a changed tag included) and adds what is missing', () => {
  const existing = [
    { id: '1', value: 'a', tag: 'b1' },
    { id: '2', value: 'b', tag: 'old' },
    { id: '3', value: 'c', tag: 'b1' },
    { id: '4', value: 'a', tag: 'b1' },
  ];
  const d = diffRules(existing, [{ value: 'a', tag: 'b1' }, { value: 'b', tag: 'b2' }, { value: 'd', tag: 'b2' }]);
  assert.deepEqual(d.remove.map((r) => r.id), ['2', '3', '4']);
  assert.deepEqual(d.add, [{ value: 'b', tag: 'b2' }, { value: 'd', tag: 'b2' }]);
});

test("search queries: a brand's rules ORed up to the query length, a rule too long alone reported", () => {
  const rules = [
    { value: 'a b', tag: 'x' },
    { value: 'c', tag: 'y' },
    { value: 'd OR e', tag: 'x' },
    { value: 'f'.repeat(20), tag: 'x' },
    { value: 'g'.repeat(40), tag: 'x' },
  ];
  const s = searchQueries(rules, 30);
  assert.deepEqual(s.queries, [
    { tag: 'x', query: '(a b) OR (d OR e)' },
    { tag: 'x', query: 'f'.repeat(20) },
    { tag: 'y', query: 'c' },
  ]);
  assert.match(s.problems[0]!, /rule of brand "x" is 40 characters, over the 30 a recent-search query may have/);
});

test('sync through X: GET, dry run first, stale rules deleted, new rules added; a rule X refuses is reported and not sent again', async (t) => {
  const server = await XTestServer.start();
  t.after(() => server.close());
  server.invalidWord = 'refusedop';
  const stale = server.addRule('old rule', 'gone-brand');
  const keep = server.addRule(ONDINE_RULE, 'ondine');
  const brands = [ondineBrand(), ondineBrand({ id: 'velhome', queries: [q('a', 'velhome batterie'), q('b', 'velhome refusedop')] })];
  const clock = testClock(T0);
  const source = createXSource({ bearerToken: server.token, apiBaseUrl: server.url, gapFillDelaySeconds: 0, rulesSyncSeconds: 30 }, { id: 'x-rules', clock, brands: () => brands });

  const before = await source.test();
  assert.deepEqual(before, { ok: true, detail: `X API reached at ${server.url}, the bearer token works: 2 stream rules (1 tagged with a brand id)` });

  server.streamPlans.push({
    status: 200,
    steps: [{ message: streamMessage(ondinePost(1)) }, { waitFor: () => source.status().counts.mentions === 1 }, { call: () => clock.advance(30_000) }, { keepAlive: true }, { waitFor: () => server.requestsTo('/2/tweets/search/stream/rules').length === 6 }, { message: streamMessage(ondinePost(2)) }],
  });
  const items = await collect(source, { until: (it) => mentionIds(it).length >= 2 });
  assert.equal(mentionIds(items).length, 2);
  const calls = server.requestsTo('/2/tweets/search/stream/rules').map((r) => `${r.method}${r.params.get('dry_run') === 'true' ? ' dry_run' : ''} ${Object.keys((r.body as object | null) ?? {}).join(',')}`);
  assert.deepEqual(calls, ['GET ', 'GET ', 'POST dry_run add', 'POST delete', 'POST add', 'GET '], 'test(), then the sync, then the periodic sync 30 s later');
  const rules = server.requestsTo('/2/tweets/search/stream/rules');
  assert.deepEqual(rules[2]!.body, { add: [{ value: 'velhome batterie', tag: 'velhome' }, { value: 'velhome refusedop', tag: 'velhome' }] });
  assert.deepEqual(rules[3]!.body, { delete: { ids: [stale.id] } });
  assert.deepEqual(rules[4]!.body, { add: [{ value: 'velhome batterie', tag: 'velhome' }] });
  assert.deepEqual(
    server.rules.map((r) => [r.value, r.tag]),
    [[keep.value, 'ondine'], ['velhome batterie', 'velhome']],
  );
  const refused = source.status().recentErrors.filter((e) => e.kind === 'rule');
  assert.equal(refused.length, 1, 'reported once, not at every sync');
  assert.match(refused[0]!.message, /X refused the stream rule of brand "velhome" "velhome refusedop": Invalid Rule: Reference to invalid operator 'refusedop'/);

  const after = await source.test();
  assert.ok(after.ok && after.detail.endsWith('2 stream rules (2 tagged with a brand id)'));
});

test('test(): a refused token, a wrong server and an unreachable one are told apart', async (t) => {
  const server = await XTestServer.start();
  t.after(() => server.close());
  const deps = { id: 'x-t', brands: () => [] };
  const wrong = await createXSource({ bearerToken: 'nope', apiBaseUrl: server.url }, deps).test();
  assert.ok(!wrong.ok);
  assert.match(wrong.error, /^GET \/2\/tweets\/search\/stream\/rules: X refused the bearer token \(HTTP 401\): Unauthorized.*check the source's bearerToken/);
  const notX = await createXSource({ bearerToken: server.token, apiBaseUrl: `${server.url}/elsewhere` }, deps).test();
  assert.ok(!notX.ok);
  assert.match(notX.error, /HTTP 404/);
  const down = await XTestServer.start();
  await down.close();
  const unreachable = await createXSource({ bearerToken: 'x', apiBaseUrl: down.url, requestTimeoutSeconds: 5 }, deps).test();
  assert.ok(!unreachable.ok);
  assert.match(unreachable.error, new RegExp(`cannot reach ${down.url.replace(/[.]/g, '\\.')}: .*ECONNREFUSED`));
});
