import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MentionDraft } from '../../domain/mention.ts';
import { checkDraft, checkDraftWithZod } from './check-draft.ts';
import { RECEIVED_AT } from './kerlann-fixtures.ts';
import { finishDraft } from './normalise.ts';

const draft = (over: Partial<MentionDraft> = {}): MentionDraft => ({
  id: 'csv:1',
  platform: 'csv',
  url: null,
  author: { id: 'csv:a', handle: 'a', name: 'A', followers: 1, verified: false, kind: 'person' },
  text: 'Kerlann',
  lang: 'fr',
  createdAt: RECEIVED_AT - 1000,
  receivedAt: RECEIVED_AT,
  editedAt: null,
  deletedAt: null,
  relations: { replyTo: null, quoteOf: null, repostOf: null, conversationId: null },
  engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null },
  matchingRules: [],
  raw: '{}',
  ...over,
});

const reason = (d: MentionDraft): string => {
  const o = finishDraft(d);
  assert.equal(o.kind, 'reject', JSON.stringify(o).slice(0, 200));
  return (o as { reason: string }).reason;
};

test('trims, NFC-normalises, strips NULs everywhere (raw too)', () => {
  const o = finishDraft(draft({ text: '  Cafe\u0301\u0000 ', author: { ...draft().author, name: ' A\u0000B ' }, raw: '{"k":["x\u0000y"]}' }));
  assert.equal(o.kind, 'mention');
  const m = (o as { mention: MentionDraft }).mention;
  assert.equal(m.text, 'Café');
  assert.equal(m.author.name, 'AB');
  assert.equal(m.raw, '{"k":["xy"]}');
});

test('a text over 100 kB is rejected, never truncated', () => {
  assert.equal(reason(draft({ text: 'é'.repeat(60_000) })), 'text is 120000 bytes, over the 100 kB limit');
  assert.equal(finishDraft(draft({ text: 'a'.repeat(100 * 1024) })).kind, 'mention');
});

test('absurd timestamps are rejected', () => {
  assert.match(reason(draft({ createdAt: Date.UTC(1970, 0, 2) })), /^absurd timestamp: createdAt 1970-01-02T00:00:00.000Z is before 2006/);
  assert.match(reason(draft({ createdAt: Date.UTC(2999, 0, 1) })), /more than 24 h after receipt/);
  assert.match(reason(draft({ editedAt: Date.UTC(2001, 0, 1) })), /editedAt/);
});

test('schema violations name the field path, and the hand check agrees with zod', () => {
  const cases: [Partial<MentionDraft>, string][] = [
    [{ id: 'x' }, 'id'],
    [{ platform: 'myspace' as 'x' }, 'platform'],
    [{ author: { ...draft().author, followers: -1 } }, 'author.followers'],
    [{ author: { ...draft().author, kind: 'alien' as 'bot' } }, 'author.kind'],
    [{ engagement: { ...draft().engagement, likes: 1.5 } }, 'engagement.likes'],
    [{ relations: { ...draft().relations, replyTo: 3 as unknown as string } }, 'relations.replyTo'],
    [{ createdAt: 1.5 + RECEIVED_AT }, 'createdAt'],
    [{ matchingRules: [1 as unknown as string] }, 'matchingRules'],
  ];
  for (const [over, path] of cases) {
    const d = { ...draft(), ...over };
    assert.match(reason(d), new RegExp(`field ${path.replace('.', '\\.')}:`));
    assert.notEqual(checkDraft(d), null, path);
    assert.notEqual(checkDraftWithZod(d), null, path);
  }
  assert.equal(checkDraft(draft()), null);
  assert.equal(checkDraftWithZod(draft()), null);
});

test('over-long names and handles are cut to the schema limits', () => {
  const o = finishDraft(draft({ author: { ...draft().author, name: 'n'.repeat(900), handle: '' } }));
  const m = (o as { mention: MentionDraft }).mention;
  assert.equal(m.author.name?.length, 500);
  assert.equal(m.author.handle, null);
});

test('a record parsed as JSON is searched for the NUL escape only; any other record for both forms', () => {
  // Escaped in a JSON record: raw is cleaned of the NUL JSON.parse decoded, other strings too.
  const escaped = finishDraft(draft({ raw: '{"t":"a\\u0000b"}', matchingRules: ['r\u0000'] }), '{"t":"a\\u0000b"}', true);
  assert.equal((escaped as { mention: MentionDraft }).mention.matchingRules[0], 'r');
  // A raw NUL in a CSV row (no JSON): found without the flag.
  const csv = finishDraft(draft({ raw: 'a,\u0000b', matchingRules: ['r\u0000'] }), 'a,\u0000b');
  assert.equal((csv as { mention: MentionDraft }).mention.raw, 'a,b');
  assert.equal((csv as { mention: MentionDraft }).mention.matchingRules[0], 'r');
  // The text is always cleaned, whatever the record says.
  const clean = finishDraft(draft({ text: 'K\u0000erlann' }), '{}', true);
  assert.equal((clean as { mention: MentionDraft }).mention.text, 'Kerlann');
});
