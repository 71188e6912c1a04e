import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuery } from '../query/parser.ts';
import { CandidateFilter, isBlueskyHandle, queryNeedles } from './candidate-filter.ts';
import { relatedDids } from './frame-router.ts';
import { MAELYS_DID, ORVELLE_DID, orvelleBrand, postFrame } from './test-frames.ts';

const post = (text: string, o: { did?: string; links?: string[]; related?: string[] } = {}) => ({
  did: o.did ?? MAELYS_DID,
  text,
  links: o.links ?? [],
  relatedDids: o.related ?? [],
});

test('needles: what a query cannot match without', () => {
  const n = (q: string) => queryNeedles(parseQuery(q));
  assert.deepEqual(n('orvelle'), { words: ['orvelle'], prefixes: [], urls: [], handles: [] });
  assert.deepEqual(n('"gourde isotherme" AND fuite')?.words, ['isotherme'], 'AND keeps the smallest set');
  assert.deepEqual(n('orvelle OR #OV2207 OR orvel*')?.words, ['orvelle', 'ov2207']);
  assert.deepEqual(n('orvelle OR #OV2207 OR orvel*')?.prefixes, ['orvel']);
  assert.deepEqual(n('url:orvelle.example')?.urls, ['orvelle.example']);
  assert.deepEqual(n('from:orvelle.bsky.social')?.handles, ['orvelle.bsky.social']);
  assert.deepEqual(n('@orvelle.bsky.social'), { words: ['orvelle'], prefixes: [], urls: [], handles: ['orvelle.bsky.social'] });
  assert.deepEqual(n('fuite NEAR/3 couvercle')?.words, ['fuite']);
  assert.equal(n('NOT spam'), null);
  assert.equal(n('lang:fr'), null);
  assert.equal(n('orvelle OR lang:fr'), null, 'one branch without words: the whole OR has none');
  assert.deepEqual(n('lang:fr AND orvelle')?.words, ['orvelle']);
});

test('a post is a candidate by its words (folded), stems, links or the brand’s DIDs', () => {
  const f = new CandidateFilter([
    orvelleBrand({ queries: [{ id: 'q', text: '(fuite AND couvercle) OR orvel* OR url:orvelle.example', enabled: true }] }),
  ]);
  assert.deepEqual(f.handles, ['orvelle.bsky.social']);
  assert.equal(f.matches(post('Ma gourde ORVÉLLE fuit')), true, 'the name, folded');
  assert.equal(f.matches(post('Ça fuit par le couvercle')), false, 'fuite ≠ fuit');
  assert.equal(f.matches(post('Encore une fuite au niveau du couvercle')), true, 'the query’s words');
  assert.equal(f.matches(post('Les Orvellistes sont là')), true, 'a stem');
  assert.equal(f.matches(post('Voir le lien', { links: ['https://shop.orvelle.example/rappel'] })), true, 'a facet link');
  assert.equal(f.matches(post('https://orvelle.example/aide en cas de souci')), true, 'a URL in the text');
  assert.equal(f.matches(post('Belle rando ce matin')), false);
  assert.equal(f.matches(post('Merci !', { did: ORVELLE_DID })), false, 'DIDs unknown until resolved');
  f.setDids([ORVELLE_DID]);
  assert.equal(f.matches(post('Merci !', { did: ORVELLE_DID })), true, 'the brand’s own post');
  assert.equal(f.matches(post('Pareil', { related: [ORVELLE_DID] })), true, 'a reply to, quote or mention of the brand');
  assert.equal(new CandidateFilter([]).matches(post('Orvelle')), false, 'no brand, no candidate');
});

test('a brand whose query has no words, or does not parse, is prefiltered by its names, with a warning', () => {
  const f = new CandidateFilter([
    orvelleBrand({ queries: [{ id: 'wide', text: 'NOT spam', enabled: true }] }),
    orvelleBrand({ id: 'broken', name: 'Sillage', aliases: [], handles: ['sillage'], queries: [{ id: 'bad', text: '(unclosed', enabled: true }] }),
  ]);
  assert.equal(f.warnings.length, 2);
  assert.match(f.warnings[0] ?? '', /^brand "orvelle", query "wide" can match posts without any particular word/);
  assert.match(f.warnings[1] ?? '', /^brand "broken", query "bad": .*; the Bluesky source passes the posts that name the brand instead$/);
  assert.equal(f.matches(post('Sillage, le sac qui tient')), true);
  assert.deepEqual(f.handles, ['orvelle.bsky.social'], '"sillage" is not a Bluesky handle (no domain)');
});

test('Bluesky handles and related DIDs', () => {
  assert.equal(isBlueskyHandle('orvelle.bsky.social'), true);
  assert.equal(isBlueskyHandle('orvelle.com'), true);
  assert.equal(isBlueskyHandle('orvelle'), false);
  assert.equal(isBlueskyHandle('-bad.example'), false);
  const record = JSON.parse(postFrame({ n: 1, reply: { did: ORVELLE_DID, n: 2 }, quote: { did: 'did:plc:quoted', n: 3 }, mentionDid: 'did:plc:mentioned' })).commit.record;
  assert.deepEqual(relatedDids(record), ['did:plc:mentioned', ORVELLE_DID, 'did:plc:quoted']);
  assert.deepEqual(relatedDids(undefined), []);
});
