import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MentionDraft } from '../../domain/mention.ts';
import { entryToMention, MAX_SUMMARY_CHARS, mentionIdFor, type EntryResult } from './feed-entry.ts';
import { parseFeedXml, type FeedDocument } from './feed-xml.ts';
import { isGoogleAlertsFeedId, unwrapGoogleRedirect } from './google-alerts.ts';
import { atomFeed, googleAlertsFeed, rssFeed } from './test-server.ts';

const RECEIVED = Date.parse('2026-04-19T12:00:00Z');
const FEED = 'https://gazette.test/business/rss';

function doc(xml: string): FeedDocument {
  const r = parseFeedXml(xml);
  if (!r.ok) throw new Error(r.reason);
  return r.doc;
}

function entries(xml: string, feedUrl = FEED): EntryResult[] {
  const d = doc(xml);
  return d.entries.map((e) => entryToMention(e, { feedUrl, configuredUrl: feedUrl, doc: d, receivedAt: RECEIVED }));
}

function mention(r: EntryResult | undefined): MentionDraft {
  assert.ok(r !== undefined);
  if (r.outcome.kind !== 'mention') throw new Error(`expected a mention, got ${JSON.stringify(r.outcome)}`);
  return r.outcome.mention;
}

test('an RSS 2.0 item: guid-scoped id, byline, RFC 822 date, CDATA HTML as text, channel language', () => {
  const xml = rssFeed([
    {
      id: 'hg-2026-04-19-tidewell-batch',
      title: 'Tidewell Water recalls batch TW-0419 after cloudy bottles',
      link: 'https://gazette.test/business/tidewell-recall',
      date: '2026-04-19T09:12:00Z',
      author: 'Morgan Quill',
      summary: '<p>Shoppers found <b>cloudy</b> bottles &amp; a faint smell.</p><p>The company says tests are under way.</p>',
    },
  ]);
  const [r] = entries(xml);
  const m = mention(r);
  assert.equal(m.id, 'rss:gazette.test#hg-2026-04-19-tidewell-batch', "a non-URI guid is scoped by the feed's site");
  assert.equal(m.platform, 'rss');
  assert.equal(m.url, 'https://gazette.test/business/tidewell-recall');
  assert.deepEqual(m.links, ['https://gazette.test/business/tidewell-recall']);
  assert.equal(m.text, 'Tidewell Water recalls batch TW-0419 after cloudy bottles\n\nShoppers found cloudy bottles & a faint smell.\n\nThe company says tests are under way.');
  assert.equal(m.createdAt, Date.parse('2026-04-19T09:12:00Z'));
  assert.equal(m.receivedAt, RECEIVED);
  assert.equal(m.lang, 'en');
  assert.deepEqual(m.author, { id: 'rss:gazette.test/Morgan Quill', handle: null, name: 'Morgan Quill', followers: null, verified: false, kind: 'person' });
  assert.ok(m.raw?.startsWith('<item>') && m.raw.endsWith('</item>'), 'raw is the item as received');
  assert.ok(m.raw?.includes('<![CDATA['));
  assert.equal(r!.dated, true);
});

test('an item without byline is by the site; without date it is dated at receipt; RSS author "email (Name)"', () => {
  const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.test/</link>
    <item><title>Tidewell shares dip</title><link>https://gazette.test/markets/tidewell</link><guid>https://gazette.test/markets/tidewell</guid></item>
    <item><title>Letter: cloudy water</title><link>https://gazette.test/letters/1</link><author>ed@gazette.test (Ed Marlowe)</author><pubDate>Sun, 19 Apr 2026 08:00:00 +0000</pubDate></item>
  </channel></rss>`;
  const [a, b] = entries(xml).map(mention);
  assert.equal(a!.id, 'rss:https://gazette.test/markets/tidewell', 'a URI guid is global');
  assert.deepEqual(a!.author, { id: 'rss:gazette.test', handle: 'gazette.test', name: 'Harbour Gazette', followers: null, verified: false, kind: 'organisation' });
  assert.equal(a!.createdAt, RECEIVED);
  assert.equal(a!.text, 'Tidewell shares dip');
  assert.equal(b!.author.name, 'Ed Marlowe');
  assert.equal(b!.id, 'rss:https://gazette.test/letters/1', 'no guid: the link is the id');
});

test('an Atom entry: id, alternate link resolved against the feed, html summary, published/updated, xml:lang', () => {
  const xml = atomFeed(
    [{ id: 'tag:clearwater.test,2026:/tidewell', title: 'Why bottled water turns cloudy', link: '/2026/04/cloudy', date: '2026-04-19T10:00:00Z', author: 'Dr. Ines Varga', summary: '<p>After the <b>Tidewell</b> recall, an explainer.</p>' }],
    { lang: 'fr-FR' },
  ).replace('<updated>2026-04-19T10:00:00Z</updated>', '<updated>2026-04-19T11:30:00Z</updated>');
  const m = mention(entries(xml, 'https://clearwater.test/feed.atom')[0]);
  assert.equal(m.id, 'rss:tag:clearwater.test,2026:/tidewell');
  assert.equal(m.url, 'https://clearwater.test/2026/04/cloudy');
  assert.equal(m.text, 'Why bottled water turns cloudy\n\nAfter the Tidewell recall, an explainer.');
  assert.equal(m.createdAt, Date.parse('2026-04-19T10:00:00Z'));
  assert.equal(m.editedAt, Date.parse('2026-04-19T11:30:00Z'));
  assert.equal(m.lang, 'fr');
  assert.equal(m.author.name, 'Dr. Ines Varga');
});

test('Atom text constructs: type text kept as is, xhtml as text, content when no summary, numeric entities decoded', () => {
  const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><author><name>Clear Water Team</name></author>
    <entry><id>urn:x:1</id><title type="text">Tidewell &lt;b&gt; is not bold&#8217;s</title><updated>2026-04-19T10:00:00Z</updated>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Batch <em>TW-0419</em> &amp; more</p></div></content></entry></feed>`;
  const m = mention(entries(xml)[0]);
  assert.equal(m.text, 'Tidewell <b> is not bold’s\n\nBatch TW-0419 & more');
  assert.equal(m.author.name, 'Clear Water Team', 'the feed-level author');
  assert.equal(m.editedAt, null);
});

test('a Google Alerts entry: redirect unwrapped, <b> highlighting gone, empty author = the real site, &nbsp; as a space', () => {
  const xml = googleAlertsFeed([
    { id: '4242', title: '<b>Tidewell Water</b> recalls batch TW-0419', link: 'https://gazette.test/business/tidewell-recall', date: '2026-04-19T09:20:00Z', summary: 'Shoppers found cloudy <b>Tidewell</b> bottles&nbsp;...' },
  ]);
  const d = doc(xml);
  assert.ok(isGoogleAlertsFeedId(d.id ?? undefined));
  const m = mention(entries(xml, 'https://www.google.com/alerts/feeds/1/2')[0]);
  assert.equal(m.id, 'rss:tag:google.com,2013:googlealerts/feed:4242');
  assert.equal(m.url, 'https://gazette.test/business/tidewell-recall');
  assert.equal(m.text, 'Tidewell Water recalls batch TW-0419\n\nShoppers found cloudy Tidewell bottles ...');
  assert.deepEqual([m.author.id, m.author.name, m.author.kind], ['rss:gazette.test', 'gazette.test', 'organisation']);
});

test('unwrapGoogleRedirect: only Google /url links with an http(s) target', () => {
  assert.equal(unwrapGoogleRedirect('https://www.google.com/url?rct=j&sa=t&url=https://a.test/x%3Fy%3D1&ct=ga'), 'https://a.test/x?y=1');
  assert.equal(unwrapGoogleRedirect('https://www.google.fr/url?q=https://a.test/'), 'https://a.test/');
  assert.equal(unwrapGoogleRedirect('https://google.co.uk/url?url=http://a.test/'), 'http://a.test/');
  assert.equal(unwrapGoogleRedirect('https://www.google.com/url?url=javascript:alert(1)'), 'https://www.google.com/url?url=javascript:alert(1)');
  assert.equal(unwrapGoogleRedirect('https://evil.test/url?url=https://a.test/'), 'https://evil.test/url?url=https://a.test/');
  assert.equal(unwrapGoogleRedirect('https://www.google.com.evil.test/url?url=https://a.test/'), 'https://www.google.com.evil.test/url?url=https://a.test/');
  assert.equal(unwrapGoogleRedirect('not a url'), 'not a url');
});

test('RSS 1.0 (RDF) items are read', () => {
  const xml = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel rdf:about="https://wire.test/"><title>Wire</title><link>https://wire.test/</link></channel>
    <item rdf:about="https://wire.test/1"><title>Tidewell statement</title><link>https://wire.test/1</link><dc:date>2026-04-19T09:00:00+01:00</dc:date><dc:creator>Wire Desk</dc:creator></item></rdf:RDF>`;
  const m = mention(entries(xml)[0]);
  assert.equal(m.url, 'https://wire.test/1');
  assert.equal(m.createdAt, Date.parse('2026-04-19T08:00:00Z'));
  assert.equal(m.author.name, 'Wire Desk');
});

test('entries without text are rejected with a reason; ids stay bounded; long summaries are cut visibly', () => {
  const long = 'x'.repeat(MAX_SUMMARY_CHARS * 3);
  const xml = rssFeed([
    { id: 'empty', title: ' ' },
    { id: 'long', title: 'Tidewell', summary: long },
  ]);
  const [empty, big] = entries(xml);
  assert.deepEqual(empty!.outcome, { kind: 'reject', reason: 'the entry has neither a title nor a summary' });
  const text = mention(big).text;
  assert.ok(text.endsWith('…') && text.length <= 'Tidewell\n\n'.length + MAX_SUMMARY_CHARS);
  const id = mentionIdFor('y'.repeat(1000), 'gazette.test');
  assert.ok(id.startsWith('rss:sha256:') && id.length < 400);
});

test('broken documents are refused with where and why', () => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['<rss><channel><item><title>Tidewell</title></channel></rss>', /not well-formed XML \(line 1, column \d+\)/],
    ['<rss><channel><item><title>AT&T</title></item></channel></rss>', /not well-formed XML.*'&'/],
    ['{"not":"xml"}', /not well-formed XML/],
    ['<html><body>Maintenance</body></html>', /root element is <html>/],
    ['<rss version="2.0"></rss>', /must have a <channel>/],
    ['<a>'.repeat(300) + '</a>'.repeat(300), /could not be read as XML/],
  ];
  for (const [xml, reason] of cases) {
    const r = parseFeedXml(xml);
    assert.equal(r.ok, false, xml.slice(0, 40));
    if (!r.ok) assert.match(r.reason, reason);
  }
});

test('entry lines are counted for rejects', () => {
  const d = doc(rssFeed([{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }]));
  assert.deepEqual(d.entries.map((e) => e.line), [9, 13]);
});

test('local ids are scoped by the site the feed names, else by the configured feed URL', () => {
  const withSite = doc(rssFeed([{ id: '42', title: 'Tidewell' }], { link: 'https://gazette.test/business' }));
  const noSite = doc('<rss><channel><title>Wire</title><item><guid isPermaLink="false">42</guid><title>Tidewell</title></item></channel></rss>');
  const ctx = { feedUrl: 'https://cdn.test/moved.xml', configuredUrl: 'https://gazette.test/feeds/biz.xml', receivedAt: RECEIVED };
  assert.equal(mention(entryToMention(withSite.entries[0]!, { ...ctx, doc: withSite })).id, 'rss:gazette.test#42');
  assert.equal(mention(entryToMention(noSite.entries[0]!, { ...ctx, doc: noSite })).id, 'rss:gazette.test/feeds/biz.xml#42');
});
