import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MentionDraft } from '../../domain/mention.ts';
import type { ParseOutcome } from '../source.ts';
import { parseRedditRecord, parseRedditThing } from './parse-thing.ts';
import { comment, post, T0 } from './test-things.ts';

const RECEIVED = (T0 + 600) * 1000;

function mention(o: ParseOutcome): MentionDraft {
  assert.equal(o.kind, 'mention', JSON.stringify(o));
  return (o as { mention: MentionDraft }).mention;
}

const parse = (thing: unknown): ParseOutcome => parseRedditThing(thing, JSON.stringify(thing), RECEIVED);

test('a self post: fullname id, title and selftext, permalink URL, float seconds, score as likes', () => {
  const thing = post({ id: '1kx7ab', created: T0 + 12.5, title: 'Corvane fork recall?', selftext: 'Cracked **again** & again', score: -3, comments: 9 });
  const m = mention(parse(thing));
  assert.equal(m.id, 'reddit:t3_1kx7ab');
  assert.equal(m.platform, 'reddit');
  assert.equal(m.url, 'https://www.reddit.com/r/CorvaneOwners/comments/1kx7ab/corvane_fork_recall_/');
  assert.equal(m.text, 'Corvane fork recall?\n\nCracked **again** & again');
  assert.equal(m.createdAt, (T0 + 12.5) * 1000);
  assert.equal(m.receivedAt, RECEIVED);
  assert.equal(m.editedAt, null);
  assert.equal(m.lang, null);
  assert.deepEqual(m.author, { id: 'reddit:t2_spokeand', handle: 'spokeandchain', name: null, followers: null, verified: false, kind: 'person' });
  assert.deepEqual(m.relations, { replyTo: null, quoteOf: null, repostOf: null, conversationId: 'reddit:t3_1kx7ab' });
  assert.deepEqual(m.engagement, { likes: 0, reposts: 0, replies: 9, quotes: 0, views: null });
  assert.equal(m.links, undefined);
  assert.equal(m.raw, JSON.stringify(thing));
});

test('a link post keeps its external URL; a crosspost reposts its parent; an edit time is read', () => {
  const m = mention(
    parse(post({ id: '1kx7ac', created: T0, url: 'https://news.example/corvane-forks', extra: { crosspost_parent: 't3_1kw000', edited: T0 + 90 } })),
  );
  assert.deepEqual(m.links, ['https://news.example/corvane-forks']);
  assert.equal(m.text, 'Corvane Stratus fork cracked at the crown (batch CF-0917)?');
  assert.equal(m.relations.repostOf, 'reddit:t3_1kw000');
  assert.equal(m.editedAt, (T0 + 90) * 1000);
});

test('a comment replies to its parent in the conversation of its post', () => {
  const m = mention(parse(comment({ id: 'n0p1', created: T0 + 5, linkId: '1kx7ab', parentId: 't1_n0p0', body: 'Same here, CF-0917.' })));
  assert.equal(m.id, 'reddit:t1_n0p1');
  assert.equal(m.text, 'Same here, CF-0917.');
  assert.equal(m.url, 'https://www.reddit.com/r/CorvaneOwners/comments/1kx7ab/corvane_fork/n0p1/');
  assert.deepEqual(m.relations, { replyTo: 'reddit:t1_n0p0', quoteOf: null, repostOf: null, conversationId: 'reddit:t3_1kx7ab' });
  const top = mention(parse(comment({ id: 'n0p2', created: T0, linkId: '1kx7ab' })));
  assert.equal(top.relations.replyTo, 'reddit:t3_1kx7ab');
  const noPermalink = comment({ id: 'n0p3', created: T0, linkId: '1kx7ab', extra: { permalink: 'https://evil.example/x' } });
  assert.equal(mention(parse(noPermalink)).url, 'https://www.reddit.com/comments/1kx7ab/_/n0p3/');
});

test('deleted and removed things are deletes; a deleted author has no handle; AutoModerator is a bot', () => {
  assert.deepEqual(parse(comment({ id: 'n0p4', created: T0, linkId: 'a1', body: '[removed]' })), { kind: 'delete', id: 'reddit:t1_n0p4', at: RECEIVED });
  assert.deepEqual(parse(post({ id: 'a2', created: T0, selftext: '[deleted]', author: '[deleted]' })), { kind: 'delete', id: 'reddit:t3_a2', at: RECEIVED });
  const orphan = mention(parse(comment({ id: 'n0p5', created: T0, linkId: 'a1', author: '[deleted]', extra: { author_fullname: undefined } })));
  assert.deepEqual([orphan.author.id, orphan.author.handle, orphan.author.kind], ['reddit:[deleted]', null, 'unknown']);
  assert.equal(mention(parse(comment({ id: 'n0p6', created: T0, linkId: 'a1', author: 'AutoModerator' }))).author.kind, 'bot');
});

test('malformed things are rejected with the field named; "more" stubs are ignored', () => {
  const reason = (o: ParseOutcome): string => (o.kind === 'reject' ? o.reason : `not a reject: ${o.kind}`);
  assert.match(reason(parse(null)), /JSON object/);
  assert.match(reason(parse({ kind: 't5', data: {} })), /unexpected thing kind "t5"/);
  assert.match(reason(parse({ kind: 't3' })), /missing field data/);
  assert.match(reason(parse(post({ id: 'b1', created: T0, extra: { name: 't1_b1' } }))), /data\.name/);
  assert.match(reason(parse(post({ id: 'b2', created: T0, extra: { created_utc: '1777881600' } }))), /created_utc/);
  assert.match(reason(parse(post({ id: 'b3', created: T0, extra: { title: 7 } }))), /data\.title/);
  assert.match(reason(parse(post({ id: 'b4', created: T0, extra: { author: '' } }))), /data\.author/);
  assert.match(reason(parse(comment({ id: 'b5', created: T0, linkId: 'a1', extra: { body: null } }))), /data\.body/);
  assert.match(reason(parse(comment({ id: 'b6', created: T0, linkId: 'a1', extra: { link_id: 't1_x' } }))), /link_id/);
  assert.match(reason(parse(post({ id: 'b7', created: 1e308 }))), /absurd timestamp/);
  assert.match(reason(parse(post({ id: 'b8', created: -1 }))), /absurd timestamp/);
  assert.deepEqual(parse({ kind: 'more', data: { children: ['x'] } }).kind, 'ignore');
});

test('the record parser reads one thing per line', () => {
  const line = JSON.stringify(post({ id: 'c1', created: T0 }));
  assert.equal(mention(parseRedditRecord(line, RECEIVED)).id, 'reddit:t3_c1');
  assert.equal(parseRedditRecord('  ', RECEIVED).kind, 'ignore');
  assert.equal(parseRedditRecord('{"kind":', RECEIVED).kind, 'reject');
});
