import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_WORKSPACE } from '../src/domain/ids.ts';
import type { MentionDraft } from '../src/domain/mention.ts';
import { parseXLine, snowflakeTime } from '../src/listen/x/parse-x-line.ts';
import { benchBrands, snowflake, xLines } from './x-lines.ts';

const START = Date.parse('2026-03-12T00:00:00Z');
const brands = benchBrands(DEFAULT_WORKSPACE, START);
const N = 20_000;
const lines = [...xLines(N, START, brands)];

/** Every word, handle or hashtag of a brand that its query matches. */
const brandForms = brands.flatMap((b) => [b.name.split(' ')[0]!.toLowerCase(), `@${b.handles[0]}`, `#${b.handles[0]}`]);

test('every line is an X stream message that parses into a mention with a 200–300 character text', () => {
  for (const { line, receivedAt } of lines) {
    const o = parseXLine(line, receivedAt);
    assert.equal(o.kind, 'mention', `${JSON.stringify(o)} ${line}`);
    const m = (o as { mention: MentionDraft }).mention;
    const length = [...m.text].length;
    assert.ok(length >= 200 && length <= 300, `text of ${length} characters: ${m.text}`);
    assert.ok(m.lang === 'fr' || m.lang === 'en');
    assert.ok(m.author.handle !== null && /^\w{1,15}$/.test(m.author.handle), String(m.author.handle));
    assert.ok(m.receivedAt > m.createdAt);
  }
});

test('the created_at of a post is the time its snowflake id carries (ids and dates built by hand)', () => {
  for (const { line } of lines.slice(0, 5000)) {
    const data = (JSON.parse(line) as { data: { id: string; created_at: string } }).data;
    assert.equal(snowflakeTime(data.id), Date.parse(data.created_at), line);
    assert.equal(new Date(Date.parse(data.created_at)).toISOString(), data.created_at);
  }
});

test('snowflake ids are exactly the BigInt computation', () => {
  const cases: [number, number][] = [
    [Date.parse('2026-04-01T00:00:03.135Z'), 5],
    [1288834974657 + 1, 0],
    [Date.parse('2010-11-04T01:42:54.658Z'), 4_194_303],
    [Date.parse('2099-12-31T23:59:59.999Z'), 12_345_678],
  ];
  for (let i = 0; i < 2000; i++) cases.push([START + i * 7_777_777, i * 4_001]);
  for (const [t, n] of cases) {
    assert.equal(snowflake(t, n), String((BigInt(t - 1288834974657) << 22n) + BigInt(n % 4_194_304)), `${t} ${n}`);
  }
});

test('about 5% duplicates, a few edits, about one post in eight naming no brand', () => {
  const seen = new Set<string>();
  let duplicates = 0;
  let edits = 0;
  let unmatched = 0;
  for (const { line } of lines) {
    if (seen.has(line)) duplicates++;
    seen.add(line);
    const data = (JSON.parse(line) as { data: { text: string; edit_history_tweet_ids: string[] } }).data;
    if (data.edit_history_tweet_ids.length > 1) edits++;
    const words = data.text.toLowerCase();
    if (!brandForms.some((f) => words.includes(f))) unmatched++;
  }
  assert.ok(duplicates > N * 0.04 && duplicates < N * 0.06, `${duplicates} duplicates`);
  assert.ok(edits > N * 0.002 && edits < N * 0.01, `${edits} edits`);
  assert.ok(unmatched > N * 0.09 && unmatched < N * 0.15, `${unmatched} posts without a brand`);
});

test('seeded and lazy: the same lines each run, and an endless run yields its first lines at once', () => {
  const again = [...xLines(500, START, brands)];
  assert.deepEqual(again, lines.slice(0, 500));
  const endless = xLines(Number.MAX_SAFE_INTEGER, START, brands);
  assert.deepEqual(endless.next().value, lines[0]);
  assert.deepEqual(endless.next().value, lines[1]);
});
