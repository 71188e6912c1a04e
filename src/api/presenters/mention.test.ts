import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workspaceId } from '../../domain/ids.ts';
import { EMPTY_ENRICHMENT, type Mention } from '../../domain/mention.ts';
import { presentBrand } from './brand.ts';
import { presentMention } from './mention.ts';

const mention: Mention = {
  id: 'bluesky:abc',
  workspaceId: workspaceId('lumen-co'),
  platform: 'bluesky',
  url: 'https://bsky.app/profile/x/post/abc',
  author: { id: 'bluesky:did:plc:x', handle: 'x.bsky.social', name: 'X', followers: 12, verified: false, kind: 'person' },
  text: 'Lumen cold brew is back',
  lang: 'en',
  createdAt: Date.UTC(2024, 4, 1, 12, 0),
  receivedAt: Date.UTC(2024, 4, 1, 12, 0, 3),
  editedAt: null,
  deletedAt: Date.UTC(2024, 4, 2),
  relations: { replyTo: null, quoteOf: null, repostOf: null, conversationId: null },
  engagement: { likes: 1, reposts: 0, replies: 0, quotes: 0, views: null },
  brandIds: ['lumen'],
  matchingRules: [],
  enrichment: EMPTY_ENRICHMENT,
  raw: '{"secret":"evidence"}',
};

test('a mention has ISO dates and no raw payload unless asked', () => {
  const view = presentMention(mention);
  assert.equal(view.createdAt, '2024-05-01T12:00:00.000Z');
  assert.equal(view.receivedAt, '2024-05-01T12:00:03.000Z');
  assert.equal(view.editedAt, null);
  assert.equal(view.deletedAt, '2024-05-02T00:00:00.000Z');
  assert.equal('raw' in view, false);
  assert.equal('workspaceId' in view, false);
  assert.deepEqual(presentMention(mention, { raw: true }).raw, '{"secret":"evidence"}');
});

test('a brand has an ISO creation date and no workspace id', () => {
  const view = presentBrand({
    id: 'lumen',
    workspaceId: workspaceId('lumen-co'),
    name: 'Lumen Coffee',
    aliases: ['Lumen'],
    handles: ['lumencoffee'],
    keywords: [],
    queries: [{ id: 'main', text: 'lumen AND coffee', enabled: true }],
    languages: ['en'],
    ownedAccounts: [],
    employeeHandles: [],
    employeeDomains: ['lumen.example'],
    createdAt: 0,
  });
  assert.equal(view.createdAt, '1970-01-01T00:00:00.000Z');
  assert.equal('workspaceId' in view, false);
  assert.deepEqual(view.queries, [{ id: 'main', text: 'lumen AND coffee', enabled: true }]);
});
