import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arr, count, isoTime, obj, parseJson, str } from './json-access.ts';

const viaDateParse = (s: string): number | undefined => {
  const t = Date.parse(s);
  return s.length < 10 || s.length > 40 || !Number.isFinite(t) ? undefined : t;
};

test('isoTime reads the usual form by hand and agrees with Date.parse everywhere', () => {
  const cases = [
    '2026-04-02T09:12:30.000Z',
    '2026-04-02T09:12:30.999Z',
    '2006-01-01T00:00:00.000Z',
    '2024-02-29T23:59:59.999Z',
    '2026-02-30T00:00:00.000Z', // rolls over to March 2 in Date.parse too
    '2026-04-31T12:00:00.000Z',
    '2026-04-01T24:00:00.000Z', // 24:00 is the next midnight (left to Date.parse)
    '2026-04-01T23:60:00.000Z',
    '2026-04-01T23:00:60.000Z',
    '2026-13-01T00:00:00.000Z',
    '2026-00-01T00:00:00.000Z',
    '2026-01-00T00:00:00.000Z',
    '0050-01-01T00:00:00.000Z', // Date.UTC would read year 50 as 1950
    '0000-01-01T00:00:00.000Z',
    '2026-04-02 09:12:30.000Z',
    '2026-04-02T09:12:30.000+',
    '2026-04-02T09:12:3a.000Z',
    '2026-04-02T09:12:30,000Z',
    '+002026-04-02T09:12:30.000Z',
    '2026-04-02T09:12:30Z',
    '2026-04-02T09:12:30.000+02:00',
    '2026-04-02',
    'Thu Apr 02 09:12:30 +0000 2026',
    'yesterday',
    '',
  ];
  for (let i = 0; i < 5000; i++) cases.push(new Date(Date.UTC(2006, 0, 1) + i * 987_654_321).toISOString());
  for (const s of cases) assert.equal(isoTime(s), viaDateParse(s), s);
  assert.equal(isoTime(undefined), undefined);
  assert.equal(isoTime('2026-04-02T09:12:30.000Z'), Date.UTC(2026, 3, 2, 9, 12, 30));
});

test('accessors treat a wrong type as absent', () => {
  const v: unknown = { a: { b: 1 }, l: [1], s: 'x', n: -1, big: 2 ** 60, ok: 3 };
  assert.deepEqual(obj(v, 'a'), { b: 1 });
  assert.equal(obj(v, 'l'), undefined);
  assert.deepEqual(arr(v, 'l'), [1]);
  assert.equal(arr(v, 'a'), undefined);
  assert.equal(str(v, 's'), 'x');
  assert.equal(str(v, 'n'), undefined);
  assert.equal(str('not an object', 's'), undefined);
  assert.equal(count(v, 'n'), undefined);
  assert.equal(count(v, 'big'), undefined);
  assert.equal(count(v, 'ok'), 3);
});

test('parseJson gives a reason instead of throwing', () => {
  assert.deepEqual(parseJson('{"a":1}'), { ok: true, value: { a: 1 } });
  const bad = parseJson('{"a":');
  assert.equal(bad.ok, false);
  assert.match((bad as { reason: string }).reason, /^invalid JSON: /);
});
