import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CAST } from './accounts.ts';
import { streamMessage, streamText } from './message.ts';
import type { Post } from './post.ts';

const accounts = new Map(Object.values(CAST).map((a) => [a.username.toLowerCase(), a]));
const metrics = { retweet_count: 0, reply_count: 0, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 };
const post = (over: Partial<Post>): Post => ({
  id: '2031000000000000001',
  ms: Date.parse('2026-03-09T12:00:00.250Z'),
  category: 'crisis',
  author: CAST.victim,
  text: 'x',
  lang: 'fr',
  conversationId: '2031000000000000001',
  ref: null,
  metrics,
  media: null,
  link: null,
  editOf: null,
  ...over,
});

interface Data {
  text: string;
  created_at: string;
  note_tweet?: { text: string };
  entities?: { mentions?: Array<{ start: number; end: number; username: string }>; hashtags?: Array<{ start: number; tag: string }> };
  referenced_tweets?: Array<{ type: string; id: string }>;
  in_reply_to_user_id?: string;
}

test('entity indices count code points, so an emoji before a mention shifts it by one', () => {
  const m = streamMessage(post({ text: '😡 @KerlannFR honte #KerlannGate' }), accounts) as { data: Data };
  assert.deepEqual(m.data.entities?.mentions?.[0], { start: 2, end: 12, username: 'KerlannFR', id: CAST.brandFr.id });
  assert.equal(m.data.entities?.hashtags?.[0]?.start, 19);
  assert.equal(m.data.created_at, '2026-03-09T12:00:00.000Z');
});

test('an unknown @handle gets no mention entity and no user in includes', () => {
  const m = streamMessage(post({ text: '@nobody_here hello' }), accounts) as { data: Data; includes: { users: unknown[] } };
  assert.equal(m.data.entities, undefined);
  assert.equal(m.includes.users.length, 1);
});

test('a long post is cut at a word with an ellipsis and carries note_tweet', () => {
  const long = 'Kerlann '.repeat(60).trim();
  const m = streamMessage(post({ text: long }), accounts) as { data: Data };
  assert.ok(Array.from(m.data.text).length <= 280 && m.data.text.endsWith('…'));
  assert.equal(m.data.note_tweet?.text, long);
});

test('a retweet reads "RT @user: …", is cut at 140 and embeds the original', () => {
  const original = post({ text: 'A'.repeat(200) + ' @KerlannFR' });
  const rt = post({ id: '2031000000000000002', author: CAST.chef, ref: { type: 'retweeted', post: original }, text: original.text });
  const text = streamText(rt);
  assert.ok(text.startsWith('RT @julie_mrtn29: AAA') && text.endsWith('…'));
  assert.equal(Array.from(text).length, 141);
  const m = streamMessage(rt, accounts) as { data: Data; includes: { tweets: Array<{ id: string }> } };
  assert.deepEqual(m.data.referenced_tweets, [{ type: 'retweeted', id: original.id }]);
  assert.equal(m.includes.tweets[0]?.id, original.id);
  assert.equal(m.data.note_tweet, undefined, 'a retweet never carries note_tweet');
});

test('a retweet cut backs up to a word, so no brand word is left half', () => {
  const original = post({ text: 'Hi, PSA: kerlann is recalling Vapeur 6L pressure cookers, lots KV6-2510 and KV6-2511. Lot number under the handle ⚠️ #Kerlann #recall' });
  const rt = post({ id: '2031000000000000004', author: CAST.chef, ref: { type: 'retweeted', post: original }, text: original.text });
  const text = streamText(rt);
  assert.ok(text.endsWith('⚠️…'), text);
  assert.doesNotMatch(text, /#Kerlan…/);
});

test('a reply names the user it answers', () => {
  const parent = post({});
  const reply = post({ id: '2031000000000000003', author: CAST.care, ref: { type: 'replied_to', post: parent }, text: '@julie_mrtn29 désolés' });
  const m = streamMessage(reply, accounts) as { data: Data };
  assert.equal(m.data.in_reply_to_user_id, CAST.victim.id);
});
