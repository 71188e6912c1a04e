import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MentionDraft } from '../../domain/mention.ts';
import { RECEIVED_AT, xLine, xPost } from '../import/kerlann-fixtures.ts';
import type { ParseOutcome } from '../source.ts';
import { parseXLine, snowflakeTime } from './parse-x-line.ts';

function mention(o: ParseOutcome): MentionDraft {
  assert.equal(o.kind, 'mention', JSON.stringify(o));
  return (o as { mention: MentionDraft }).mention;
}

test('an original post: author, engagement, rules, url, lang', () => {
  const m = mention(parseXLine(xLine(), RECEIVED_AT));
  assert.equal(m.id, 'x:2039632050385846372');
  assert.equal(m.platform, 'x');
  assert.equal(m.url, 'https://x.com/chloe_cuisine/status/2039632050385846372');
  assert.deepEqual(m.author, { id: 'x:1400000000000000002', handle: 'chloe_cuisine', name: 'Chloé Marchand', followers: 812, verified: false, kind: 'person', bio: null, accountCreatedAt: null, posts: 5100, following: 300, listed: 2 });
  assert.equal(m.text, "Ma cocotte @kerlann s'écaille après 3 mois 😡 #Kerlann https://t.co/abc123");
  assert.equal(m.lang, 'fr');
  assert.equal(m.createdAt, Date.parse('2026-04-02T09:12:30Z'));
  assert.equal(m.receivedAt, RECEIVED_AT);
  assert.equal(m.editedAt, null);
  assert.deepEqual(m.engagement, { likes: 88, reposts: 12, replies: 4, quotes: 2, views: 9400 });
  assert.deepEqual(m.matchingRules, ['kerlann-brand']);
  assert.deepEqual(m.relations, { replyTo: null, quoteOf: null, repostOf: null, conversationId: 'x:2039632050385846372' });
  assert.deepEqual(m.links, ['https://kerlann.example/fr/cocotte-24']);
});

test('reply, quote and conversation fill relations; a business account is an organisation', () => {
  const reply = mention(
    parseXLine(
      xLine(xPost({ id: '2039632679531446472', author_id: '1300000000000000001', conversation_id: '2039632050385846372', referenced_tweets: [{ type: 'replied_to', id: '2039632050385846372' }] })),
      RECEIVED_AT,
    ),
  );
  assert.equal(reply.relations.replyTo, 'x:2039632050385846372');
  assert.equal(reply.relations.conversationId, 'x:2039632050385846372');
  assert.equal(reply.author.kind, 'organisation');
  assert.equal(reply.author.verified, true);
  const quote = mention(parseXLine(xLine(xPost({ referenced_tweets: [{ type: 'quoted', id: '2039251417297846273' }] })), RECEIVED_AT));
  assert.equal(quote.relations.quoteOf, 'x:2039251417297846273');
});

test('a retweet gets the whole original text and repostOf', () => {
  const original = xPost({ id: '2039632050385846372', text: 'Rappel volontaire des cocottes Kerlann du lot KR-0425, une très longue annonce' });
  const rt = xPost({
    id: '2039632931189686572',
    author_id: '1400000000000000002',
    text: 'RT @kerlann: Rappel volontaire des cocottes Kerlann du lot…',
    referenced_tweets: [{ type: 'retweeted', id: '2039632050385846372' }],
  });
  const orig = { ...original, author_id: '1300000000000000001' };
  const m = mention(parseXLine(xLine(rt, { includes: { tweets: [orig] } }), RECEIVED_AT));
  assert.equal(m.relations.repostOf, 'x:2039632050385846372');
  assert.equal(m.text, 'RT @kerlann: Rappel volontaire des cocottes Kerlann du lot KR-0425, une très longue annonce');
});

test('a long post takes note_tweet.text', () => {
  const long = 'Longue histoire. '.repeat(40).trim();
  const m = mention(parseXLine(xLine(xPost({ text: 'Longue histoire… https://t.co/x', note_tweet: { text: long } })), RECEIVED_AT));
  assert.equal(m.text, long);
});

test('an edit keeps the original id and creation time, and sets editedAt', () => {
  const original = '2039632050385846372';
  const edit = xPost({ id: '2039638970987447271', edit_history_tweet_ids: [original, '2039638970987447271'], created_at: '2026-04-02T09:40:00.000Z' });
  const m = mention(parseXLine(xLine(edit), RECEIVED_AT));
  assert.equal(m.id, `x:${original}`);
  assert.equal(m.editedAt, Date.parse('2026-04-02T09:40:00Z'));
  assert.equal(m.createdAt, snowflakeTime(original));
  assert.ok(m.createdAt < m.editedAt!);
  assert.equal(m.url, 'https://x.com/chloe_cuisine/status/2039638970987447271');
});

test('snowflake times match the X epoch', () => {
  assert.equal(snowflakeTime('1'), undefined);
  assert.equal(snowflakeTime('abc'), undefined);
  assert.equal(snowflakeTime(((BigInt(Date.parse('2026-01-01T00:00:00Z')) - 1288834974657n) << 22n).toString()), Date.parse('2026-01-01T00:00:00Z'));
});

test('und and X special codes give a null lang; a missing user gives an unknown author', () => {
  const m = mention(parseXLine(JSON.stringify({ data: xPost({ lang: 'und' }) }), RECEIVED_AT));
  assert.equal(m.lang, null);
  assert.equal(m.author.kind, 'unknown');
  assert.equal(m.author.handle, null);
  assert.equal(m.url, 'https://x.com/i/web/status/2039632050385846372');
  assert.equal(mention(parseXLine(xLine(xPost({ lang: 'qme' })), RECEIVED_AT)).lang, null);
});

test('keep-alives and error messages are ignored; missing fields are rejected by name', () => {
  assert.equal(parseXLine('', RECEIVED_AT).kind, 'ignore');
  assert.equal(parseXLine('\r', RECEIVED_AT).kind, 'ignore');
  const err = parseXLine(JSON.stringify({ errors: [{ title: 'operational-disconnect' }] }), RECEIVED_AT);
  assert.deepEqual(err, { kind: 'ignore', why: 'stream error message: operational-disconnect' });
  for (const field of ['id', 'text', 'created_at', 'author_id'] as const) {
    const post: Record<string, unknown> = xPost();
    delete post[field];
    const o = parseXLine(xLine(post), RECEIVED_AT);
    assert.deepEqual(o, { kind: 'reject', reason: `missing field data.${field}` });
  }
  assert.match((parseXLine('{"data":', RECEIVED_AT) as { reason: string }).reason, /^invalid JSON/);
  assert.match((parseXLine('[1]', RECEIVED_AT) as { reason: string }).reason, /JSON object/);
  assert.match((parseXLine(xLine(xPost({ created_at: 'yesterday' })), RECEIVED_AT) as { reason: string }).reason, /not an ISO 8601 date/);
});

test('wrong types in optional fields are ignored, not fatal', () => {
  const m = mention(parseXLine(xLine(xPost({ public_metrics: { like_count: -3, retweet_count: 'many' }, referenced_tweets: 'x', lang: 7 })), RECEIVED_AT));
  assert.deepEqual(m.engagement, { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null });
  assert.equal(m.lang, null);
});

test('NULs escaped in the JSON are stripped from every string, raw included', () => {
  const line = xLine(xPost({ text: 'Cocotte\u0000 Kerlann', conversation_id: '20396320503858\u00004' }), { matching_rules: [{ id: '1', tag: 'ker\u0000lann' }] });
  assert.ok(line.includes('\\u0000'));
  const m = mention(parseXLine(line, RECEIVED_AT));
  assert.equal(m.text, 'Cocotte Kerlann');
  assert.equal(m.relations.conversationId, 'x:203963205038584');
  assert.deepEqual(m.matchingRules, ['kerlann']);
  assert.ok(m.raw !== null && !m.raw.includes('\u0000') && m.raw.includes('\\u0000'));
});

test('a lone surrogate is made well-formed and a decomposed accent is composed (NFC)', () => {
  const m = mention(parseXLine(xLine(xPost({ text: 'Cafe\u0301 Kerlann \ud83d bof' })), RECEIVED_AT));
  assert.equal(m.text, 'Café Kerlann \ufffd bof');
});

test('a blue check mark makes a verified author', () => {
  const user = { id: '1500000000000000003', username: 'marc', name: 'Marc', verified_type: 'blue' };
  const m = mention(parseXLine(xLine(xPost({ author_id: user.id }), { includes: { users: [user] } }), RECEIVED_AT));
  assert.equal(m.author.verified, true);
  assert.equal(m.author.kind, 'person');
});
