import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLinkHeader, readRateLimit } from './rest.ts';
import { compareIds, gapFillMinId, idAt, timeOfId } from './status-ids.ts';

test('Link pagination and X-RateLimit-* headers (Reset is an ISO date)', () => {
  const links = parseLinkHeader('<https://pouet.example/api/v1/timelines/tag/Brumaire?max_id=11>; rel="next", <https://pouet.example/api/v1/timelines/tag/Brumaire?min_id=22>; rel="prev"');
  assert.equal(links.get('prev'), 'https://pouet.example/api/v1/timelines/tag/Brumaire?min_id=22');
  assert.equal(links.get('next'), 'https://pouet.example/api/v1/timelines/tag/Brumaire?max_id=11');
  assert.equal(parseLinkHeader(null).size, 0);
  assert.equal(parseLinkHeader('garbage, <x>').size, 0);
  const h = new Headers({ 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2026-05-10T08:05:00.184Z' });
  assert.deepEqual(readRateLimit(h), { limit: 300, remaining: 0, resetAt: Date.parse('2026-05-10T08:05:00.184Z') });
  assert.equal(readRateLimit(new Headers()), null);
  assert.deepEqual(readRateLimit(new Headers({ 'x-ratelimit-remaining': '-1', 'x-ratelimit-reset': 'soon' })), null);
});

test('status ids: snowflakes ordered by value, turned into times for the gap-fill margin', () => {
  const t = Date.parse('2026-05-10T08:00:00Z');
  assert.equal(timeOfId(idAt(t)), t);
  assert.ok(compareIds('99', '100') < 0 && compareIds('116216679956480011', '116216679956480011') === 0);
  assert.ok(compareIds('01HZX', '01HZY') < 0, 'other ids as strings');
  assert.equal(gapFillMinId(idAt(t), 300_000), idAt(t - 300_000));
  assert.equal(gapFillMinId(idAt(t) , 0), idAt(t));
  assert.equal(gapFillMinId('01HZX0AB', 300_000), '01HZX0AB', 'no margin for ids that are not snowflakes');
});
