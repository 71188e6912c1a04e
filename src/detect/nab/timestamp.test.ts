import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNabTimestamp, parseNabTimestamp } from './timestamp.ts';

test("NAB's two timestamp forms are the same instant, read as UTC", () => {
  const t = Date.UTC(2015, 1, 26, 21, 42, 53);
  assert.equal(parseNabTimestamp('2015-02-26 21:42:53'), t);
  assert.equal(parseNabTimestamp('2015-02-26 21:42:53.000000'), t);
  assert.equal(parseNabTimestamp('2015-02-26T21:42:53Z'), t);
  assert.equal(parseNabTimestamp('2015-02-26 21:42:53.250000'), t + 250);
  assert.equal(formatNabTimestamp(t), '2015-02-26 21:42:53');
});

test('what is not such a timestamp is refused', () => {
  for (const bad of ['', 'yesterday', '2015-02-30 10:00:00', '2015-13-01 00:00:00', '2015-02-26 25:00:00', '1424987'])
    assert.equal(parseNabTimestamp(bad), null, bad);
});
