import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_ENRICHMENT, MentionSchema } from './mention.ts';
import { bucketStart } from './series.ts';

const valid = {
  id: 'x:1',
  workspaceId: 'default',
  platform: 'x',
  url: null,
  author: { id: 'x:9', handle: 'a', name: null, followers: 3, verified: false, kind: 'person' },
  text: 'hello',
  lang: 'en',
  createdAt: 1,
  receivedAt: 2,
  editedAt: null,
  deletedAt: null,
  relations: { replyTo: null, quoteOf: null, repostOf: null, conversationId: null },
  engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null },
  brandIds: [],
  matchingRules: [],
  enrichment: EMPTY_ENRICHMENT,
  raw: '{}',
};

test('a complete mention validates and an unknown platform does not', () => {
  assert.equal(MentionSchema.safeParse(valid).success, true);
  const bad = MentionSchema.safeParse({ ...valid, platform: 'myspace' });
  assert.equal(bad.success, false);
});

test('a workspace id with uppercase letters is refused', () => {
  assert.equal(MentionSchema.safeParse({ ...valid, workspaceId: 'Default' }).success, false);
});

test('bucketStart floors to the bucket', () => {
  assert.equal(bucketStart(119_999), 60_000);
  assert.equal(bucketStart(-1), -60_000);
});
