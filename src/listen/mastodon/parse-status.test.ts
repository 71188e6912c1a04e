import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MentionDraft } from '../../domain/mention.ts';
import { RECEIVED_AT, mastodonStatus } from '../import/kerlann-fixtures.ts';
import type { ParseOutcome } from '../source.ts';
import { mastodonParser, parseMastodonRecord } from './parse-status.ts';

function mention(o: ParseOutcome): MentionDraft {
  assert.equal(o.kind, 'mention', JSON.stringify(o));
  return (o as { mention: MentionDraft }).mention;
}

const envelope = (event: string, payload?: string): string => JSON.stringify({ stream: ['hashtag', 'Kerlann'], event, payload });

test('a status: HTML to text with entities, emoji, mentions and hashtags kept', () => {
  const m = mention(parseMastodonRecord(JSON.stringify(mastodonStatus()), RECEIVED_AT));
  assert.equal(m.id, 'mastodon:https://piaille.example/users/margaux/statuses/116299990000000001');
  assert.equal(m.url, 'https://piaille.example/@margaux/116299990000000001');
  assert.equal(m.text, 'Ma poêle @kerlann & sa poignée 🔥 fondue\u00a0!\n\nDeuxième ligne\ntroisième #Kerlann kerlann.example/sav');
  assert.deepEqual(m.author, {
    id: 'mastodon:https://piaille.example/users/margaux',
    handle: 'margaux',
    name: 'Margaux 🍳',
    followers: 640,
    verified: false,
    kind: 'person',
    bio: null,
    accountCreatedAt: null,
    posts: null,
    following: null,
  });
  assert.equal(m.lang, 'fr');
  assert.deepEqual(m.engagement, { likes: 21, reposts: 7, replies: 3, quotes: 1, views: null });
});

test('stream envelopes: update, status.update (an edit), delete, others ignored', () => {
  const s = mastodonStatus();
  const u = mention(parseMastodonRecord(envelope('update', JSON.stringify(s)), RECEIVED_AT));
  assert.equal(u.editedAt, null);
  const edited = mention(parseMastodonRecord(envelope('status.update', JSON.stringify({ ...s, edited_at: '2026-04-02T09:35:00.000Z' })), RECEIVED_AT));
  assert.equal(edited.id, u.id);
  assert.equal(edited.editedAt, Date.parse('2026-04-02T09:35:00Z'));
  assert.deepEqual(parseMastodonRecord(envelope('delete', '116300000000000001'), RECEIVED_AT), {
    kind: 'delete',
    id: 'mastodon:local/116300000000000001',
    at: RECEIVED_AT,
  });
  assert.deepEqual(mastodonParser({ instance: 'piaille.example' })(envelope('delete', '42'), RECEIVED_AT), {
    kind: 'delete',
    id: 'mastodon:piaille.example/42',
    at: RECEIVED_AT,
  });
  assert.equal(parseMastodonRecord(envelope('filters_changed'), RECEIVED_AT).kind, 'ignore');
  assert.equal(parseMastodonRecord(envelope('notification', '{}'), RECEIVED_AT).kind, 'ignore');
  assert.equal(parseMastodonRecord('{"error":"Unknown stream type","status":400}', RECEIVED_AT).kind, 'ignore');
});

test('a reblog takes the reblogged text and sets repostOf', () => {
  const original = mastodonStatus({ content: '<p>Kerlann rappelle le lot KR-0425</p>', uri: 'https://kerlann.example/users/kerlann/statuses/1', language: 'fr' });
  const boost = mastodonStatus({
    uri: 'https://piaille.example/users/margaux/statuses/2/activity',
    url: null,
    content: '',
    language: null,
    reblog: original,
  });
  const m = mention(parseMastodonRecord(JSON.stringify(boost), RECEIVED_AT));
  assert.equal(m.relations.repostOf, 'mastodon:https://kerlann.example/users/kerlann/statuses/1');
  assert.equal(m.text, 'Kerlann rappelle le lot KR-0425');
  assert.equal(m.lang, 'fr');
  assert.equal(m.url, original.url);
});

test('reply, quote, spoiler, bot', () => {
  const m = mention(
    parseMastodonRecord(
      JSON.stringify(
        mastodonStatus({
          in_reply_to_id: '1163',
          spoiler_text: 'SAV Kerlann',
          content: '<p>Réponse</p>',
          quote: { state: 'accepted', quoted_status: { uri: 'https://a.example/users/b/statuses/9' } },
          account: { ...(mastodonStatus().account as object), bot: true },
        }),
      ),
      RECEIVED_AT,
    ),
  );
  assert.equal(m.relations.replyTo, 'mastodon:piaille.example/1163');
  assert.equal(m.relations.quoteOf, 'mastodon:https://a.example/users/b/statuses/9');
  assert.equal(m.text, 'SAV Kerlann\n\nRéponse');
  assert.equal(m.author.kind, 'bot');
});

test('bad records are rejected with a reason naming the field', () => {
  const reason = (s: string): string => {
    const o = parseMastodonRecord(s, RECEIVED_AT);
    assert.equal(o.kind, 'reject', JSON.stringify(o));
    return (o as { reason: string }).reason;
  };
  assert.match(reason('not json'), /invalid JSON/);
  assert.match(reason('"a string"'), /JSON object/);
  assert.match(reason(JSON.stringify(mastodonStatus({ uri: undefined }))), /missing field uri/);
  assert.match(reason(JSON.stringify(mastodonStatus({ created_at: 12 }))), /missing field created_at/);
  assert.match(reason(JSON.stringify(mastodonStatus({ account: null }))), /missing field account/);
  assert.match(reason(JSON.stringify(mastodonStatus({ content: null }))), /missing field content/);
  assert.match(reason(envelope('update', '{oops')), /payload: invalid JSON/);
  assert.match(reason(envelope('update')), /without a payload/);
  assert.match(reason(envelope('delete')), /without a payload id/);
  assert.match(reason(JSON.stringify(mastodonStatus({ content: '<span>'.repeat(20_000) }))), /content: the HTML cannot be converted to text/);
  const deepBio = parseMastodonRecord(JSON.stringify(mastodonStatus({ account: { ...(mastodonStatus().account as object), note: '<b>'.repeat(20_000) } })), RECEIVED_AT);
  assert.equal(mention(deepBio).author.bio, null, 'an unconvertible bio is left out');
});
