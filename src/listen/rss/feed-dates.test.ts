import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFeedDate, parseIsoDate, parseRfc822 } from './feed-dates.ts';

const at = (iso: string): number => Date.parse(iso);

test('RFC 822 dates as RSS feeds write them, zones included', () => {
  assert.equal(parseRfc822('Sun, 19 Apr 2026 09:12:00 GMT'), at('2026-04-19T09:12:00Z'));
  assert.equal(parseRfc822('Sun, 19 Apr 2026 11:12:00 +0200'), at('2026-04-19T09:12:00Z'));
  assert.equal(parseRfc822('Sun, 19 Apr 2026 05:12:00 EDT'), at('2026-04-19T09:12:00Z'));
  assert.equal(parseRfc822('19 Apr 2026 09:12 Z'), at('2026-04-19T09:12:00Z'), 'no weekday, no seconds');
  assert.equal(parseRfc822('Sun, 19 Apr 26 09:12:00 GMT'), at('2026-04-19T09:12:00Z'), 'two-digit year');
  assert.equal(parseRfc822('Sun, 19 Apr 2026 09:12:00'), at('2026-04-19T09:12:00Z'), 'no zone = UTC, not local time');
  assert.equal(parseRfc822('Sunday, 19 April 2026 11:12:00 CEST'), at('2026-04-19T09:12:00Z'), 'full names, a European zone');
  assert.equal(parseRfc822('Sun, 19 Sept 2026 11:12:00 CEST'), at('2026-09-19T09:12:00Z'));
  for (const bad of ['', 'yesterday', 'Sun, 19 Foo 2026 09:12:00 GMT', 'Sun, 19 Apr 2026 25:12:00 GMT', 'Sun, 19 Apr 2026 09:12:00 XYZ', '19 Apr 202 09:12']) {
    assert.equal(parseRfc822(bad), undefined, bad);
  }
});

test('ISO 8601 dates as Atom and Dublin Core write them; no zone = UTC', () => {
  assert.equal(parseIsoDate('2026-04-19T09:12:00Z'), at('2026-04-19T09:12:00Z'));
  assert.equal(parseIsoDate('2026-04-19T11:12:00+02:00'), at('2026-04-19T09:12:00Z'));
  assert.equal(parseIsoDate('2026-04-19T11:12:00+0200'), at('2026-04-19T09:12:00Z'));
  assert.equal(parseIsoDate('2026-04-19T09:12:00.250Z'), at('2026-04-19T09:12:00.250Z'));
  assert.equal(parseIsoDate('2026-04-19T09:12'), at('2026-04-19T09:12:00Z'));
  assert.equal(parseIsoDate('2026-04-19'), at('2026-04-19T00:00:00Z'));
  assert.equal(parseIsoDate('2026-04-19 09:12:00'), at('2026-04-19T09:12:00Z'));
  for (const bad of ['', '2026-04-19Tnoon', 'April 2026', '2026-13-45']) assert.equal(parseIsoDate(bad), undefined, bad);
});

test('parseFeedDate takes either form', () => {
  assert.equal(parseFeedDate('Sun, 19 Apr 2026 09:12:00 GMT'), at('2026-04-19T09:12:00Z'));
  assert.equal(parseFeedDate(' 2026-04-19T09:12:00Z '), at('2026-04-19T09:12:00Z'));
  assert.equal(parseFeedDate(undefined), undefined);
  assert.equal(parseFeedDate('  '), undefined);
  assert.equal(parseFeedDate('not a date'), undefined);
});
