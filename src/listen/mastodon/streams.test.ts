import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Brand } from '../../domain/brand.ts';
import { DEFAULT_WORKSPACE } from '../../domain/ids.ts';
import { brandHashtags, instanceStreams, streamKeyOfFrame } from './streams.ts';

const brand = (o: Partial<Brand>): Brand => ({
  id: 'brumaire', workspaceId: DEFAULT_WORKSPACE, name: 'Brumaire', aliases: [], handles: [], keywords: [], queries: [], languages: [],
  ownedAccounts: [], employeeHandles: [], employeeDomains: [], createdAt: 0, ...o,
});

test('brand hashtags: #tags of enabled queries outside NOT, names and aliases as one word', () => {
  const b = brand({
    name: 'Cidrerie Brumaire',
    aliases: ["L'Éclat", 'Brumaire & Fils', '2026'],
    queries: [
      { id: 'main', text: '(#CidreBrumaire OR brumaire) NOT #pub', enabled: true },
      { id: 'off', text: '#Ancien', enabled: false },
      { id: 'broken', text: '(#oops', enabled: true },
    ],
  });
  assert.deepEqual(brandHashtags([b]), ['CidreBrumaire', 'CidrerieBrumaire', 'LÉclat', 'BrumaireFils']);
});

test('streams of an instance: configured then brand hashtags, once each, capped, local and public variants', () => {
  const { streams, dropped } = instanceStreams(
    { hashtags: ['#Brumaire', 'brumaire', 'Cidre'], hashtagsFromBrands: true, localOnly: false, publicStream: 'local' },
    [brand({ name: 'BRUMAIRE', aliases: ['Pomme Verte'] })],
    2,
  );
  assert.deepEqual(streams.map((s) => s.key), ['hashtag:brumaire', 'hashtag:cidre', 'public:local']);
  assert.deepEqual(dropped, ['#PommeVerte']);
  assert.deepEqual(streams[0], {
    key: 'hashtag:brumaire',
    label: '#Brumaire',
    ssePath: '/api/v1/streaming/hashtag?tag=Brumaire',
    subscribe: { type: 'subscribe', stream: 'hashtag', tag: 'Brumaire' },
    timelinePath: '/api/v1/timelines/tag/Brumaire',
    timelineQuery: {},
  });
  assert.deepEqual(streams[2], {
    key: 'public:local',
    label: 'the public timeline (local)',
    ssePath: '/api/v1/streaming/public/local',
    subscribe: { type: 'subscribe', stream: 'public:local' },
    timelinePath: '/api/v1/timelines/public',
    timelineQuery: { local: 'true' },
  });
  const local = instanceStreams({ hashtags: ['Éclat'], hashtagsFromBrands: false, localOnly: true, publicStream: 'off' }, [], 5).streams[0];
  assert.equal(local?.key, 'hashtag:local:éclat');
  assert.equal(local?.ssePath, '/api/v1/streaming/hashtag/local?tag=%C3%89clat');
  assert.deepEqual(local?.subscribe, { type: 'subscribe', stream: 'hashtag:local', tag: 'Éclat' });
});

test('the stream of a WebSocket frame names its checkpoint key', () => {
  assert.equal(streamKeyOfFrame(['hashtag', 'Brumaire']), 'hashtag:brumaire');
  assert.equal(streamKeyOfFrame(['hashtag:local', 'X']), 'hashtag:local:x');
  assert.equal(streamKeyOfFrame(['public:remote']), 'public:remote');
  for (const bad of [['user'], ['hashtag'], ['hashtag', 3], 'public', null, [], [{}]]) assert.equal(streamKeyOfFrame(bad), null, JSON.stringify(bad));
});
