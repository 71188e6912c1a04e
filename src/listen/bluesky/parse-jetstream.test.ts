import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MentionDraft } from '../../domain/mention.ts';
import { KERLANN_DID, RECEIVED_AT, jetstreamFrame } from '../import/kerlann-fixtures.ts';
import type { ParseOutcome } from '../source.ts';
import { facetText, parseJetstreamFrame } from './parse-jetstream.ts';

function mention(o: ParseOutcome): MentionDraft {
  assert.equal(o.kind, 'mention', JSON.stringify(o));
  return (o as { mention: MentionDraft }).mention;
}

const uri = `at://${KERLANN_DID}/app.bsky.feed.post/3mkerlannpost1`;

test('a created post: ids, url, server time, language, unknown author', () => {
  const m = mention(parseJetstreamFrame(jetstreamFrame(), RECEIVED_AT));
  assert.equal(m.id, `bluesky:${uri}`);
  assert.equal(m.url, `https://bsky.app/profile/${KERLANN_DID}/post/3mkerlannpost1`);
  assert.equal(m.createdAt, 1775121600123); // time_us, not the client's createdAt
  assert.equal(m.editedAt, null);
  assert.equal(m.lang, 'fr');
  assert.deepEqual(m.author, { id: `bluesky:${KERLANN_DID}`, handle: null, name: null, followers: null, verified: false, kind: 'unknown' });
  assert.deepEqual(m.links, ['https://kerlann.example/sav']);
});

test('facet offsets count UTF-8 bytes', () => {
  const text = 'Cocotte Kerlann 🍲 écaillée, lot KR-0425. https://kerlann.example/sav';
  assert.equal(facetText(text, 46, 73), 'https://kerlann.example/sav');
  assert.equal(facetText(text, 70, 99), null);
});

test('a reply and a quote (record and recordWithMedia)', () => {
  const parent = `at://did:plc:other/app.bsky.feed.post/3mparent`;
  const root = `at://did:plc:other/app.bsky.feed.post/3mroot`;
  const reply = mention(
    parseJetstreamFrame(
      jetstreamFrame({ record: { text: 'Pareil chez moi', langs: [], reply: { parent: { uri: parent, cid: 'c' }, root: { uri: root, cid: 'c' } } } }),
      RECEIVED_AT,
    ),
  );
  assert.equal(reply.relations.replyTo, `bluesky:${parent}`);
  assert.equal(reply.relations.conversationId, `bluesky:${root}`);
  assert.equal(reply.lang, null);
  const quote = mention(parseJetstreamFrame(jetstreamFrame({ record: { text: 'Voir ça', embed: { $type: 'app.bsky.embed.record', record: { uri: parent } } } }), RECEIVED_AT));
  assert.equal(quote.relations.quoteOf, `bluesky:${parent}`);
  const withMedia = mention(
    parseJetstreamFrame(
      jetstreamFrame({ record: { text: 'Photo', embed: { $type: 'app.bsky.embed.recordWithMedia', record: { record: { uri: parent } }, media: {} } } }),
      RECEIVED_AT,
    ),
  );
  assert.equal(withMedia.relations.quoteOf, `bluesky:${parent}`);
});

test('an update is an edit of the same id', () => {
  const m = mention(parseJetstreamFrame(jetstreamFrame({ operation: 'update', time_us: 1775122000000000 }), RECEIVED_AT));
  assert.equal(m.id, `bluesky:${uri}`);
  assert.equal(m.editedAt, 1775122000000);
  assert.equal(m.createdAt, Date.parse('2026-04-02T09:20:00.000Z'));
});

test('a delete, and the frames that are not posts', () => {
  assert.deepEqual(parseJetstreamFrame(jetstreamFrame({ operation: 'delete' }), RECEIVED_AT), { kind: 'delete', id: `bluesky:${uri}`, at: 1775121600123 });
  assert.equal(parseJetstreamFrame(jetstreamFrame({ collection: 'app.bsky.feed.repost', record: {} }), RECEIVED_AT).kind, 'ignore');
  assert.equal(parseJetstreamFrame(jetstreamFrame({ collection: 'app.bsky.feed.like', record: {} }), RECEIVED_AT).kind, 'ignore');
  assert.equal(parseJetstreamFrame(JSON.stringify({ did: KERLANN_DID, time_us: 1, kind: 'identity', identity: {} }), RECEIVED_AT).kind, 'ignore');
  assert.equal(parseJetstreamFrame(JSON.stringify({ did: KERLANN_DID, time_us: 1, kind: 'account', account: {} }), RECEIVED_AT).kind, 'ignore');
  assert.equal(parseJetstreamFrame('{"kind":"heartbeat","payload":"hb"}', RECEIVED_AT).kind, 'ignore');
  assert.equal(parseJetstreamFrame('{"type":"heartbeat","payload":"hb"}', RECEIVED_AT).kind, 'ignore');
});

test('broken frames are rejected with the missing field', () => {
  const reason = (s: string): string => {
    const o = parseJetstreamFrame(s, RECEIVED_AT);
    assert.equal(o.kind, 'reject');
    return (o as { reason: string }).reason;
  };
  assert.match(reason('{'), /invalid JSON/);
  assert.match(reason('{"did":"did:plc:a"}'), /missing field kind/);
  assert.match(reason(jetstreamFrame({ record: { langs: ['fr'] } })), /commit\.record\.text/);
  const noTime = JSON.parse(jetstreamFrame()) as Record<string, unknown>;
  delete noTime.time_us;
  assert.match(reason(JSON.stringify(noTime)), /time_us/);
  assert.match(reason(jetstreamFrame({ time_us: 1_000_000 })), /absurd timestamp/);
});
