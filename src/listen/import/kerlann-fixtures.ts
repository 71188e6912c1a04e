// Test fixtures about an invented brand, Kerlann (French cookware), whose enamel casseroles
// are said to chip (batch KR-0425). Builders return one record as a string, in each wire format.

export const RECEIVED_AT = Date.parse('2026-04-02T10:00:00Z');

const kerlannUser = {
  id: '1300000000000000001',
  name: 'Kerlann Cuisine',
  username: 'kerlann',
  verified: true,
  verified_type: 'business',
  public_metrics: { followers_count: 52_000, following_count: 120, tweet_count: 4_200, listed_count: 90 },
};
const chloe = {
  id: '1400000000000000002',
  name: 'Chloé Marchand',
  username: 'chloe_cuisine',
  verified: false,
  verified_type: 'none',
  public_metrics: { followers_count: 812, following_count: 300, tweet_count: 5_100, listed_count: 2 },
};

export interface XPost {
  id: string;
  text: string;
  created_at: string;
  author_id: string;
  [key: string]: unknown;
}

export function xPost(over: Partial<XPost> = {}): XPost {
  return {
    id: '2039632050385846372',
    text: "Ma cocotte @kerlann s'écaille après 3 mois 😡 #Kerlann https://t.co/abc123",
    edit_history_tweet_ids: [over.id ?? '2039632050385846372'],
    author_id: chloe.id,
    conversation_id: over.id ?? '2039632050385846372',
    created_at: '2026-04-02T09:12:30.000Z',
    lang: 'fr',
    public_metrics: { retweet_count: 12, reply_count: 4, like_count: 88, quote_count: 2, bookmark_count: 1, impression_count: 9_400 },
    entities: { urls: [{ start: 50, end: 73, url: 'https://t.co/abc123', expanded_url: 'https://kerlann.example/fr/cocotte-24' }] },
    ...over,
  };
}

export function xLine(data: Record<string, unknown> = xPost(), extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    data,
    matching_rules: [{ id: '1', tag: 'kerlann-brand' }],
    ...extra,
    includes: { users: [chloe, kerlannUser], ...(extra.includes as object | undefined) },
  });
}

export const KERLANN_USERS = { kerlann: kerlannUser, chloe };

const DID = 'did:plc:kerlannfan0000000000000';

export function jetstreamFrame(over: {
  operation?: 'create' | 'update' | 'delete';
  collection?: string;
  rkey?: string;
  record?: Record<string, unknown>;
  time_us?: number;
  kind?: string;
} = {}): string {
  const operation = over.operation ?? 'create';
  const record = over.record ?? {
    $type: 'app.bsky.feed.post',
    createdAt: '2026-04-02T09:20:00.000Z',
    langs: ['fr'],
    text: 'Cocotte Kerlann 🍲 écaillée, lot KR-0425. https://kerlann.example/sav',
    facets: [
      {
        index: { byteStart: 46, byteEnd: 73 },
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://kerlann.example/sav' }],
      },
    ],
  };
  const commit: Record<string, unknown> = {
    rev: '3mkerlann0001',
    operation,
    collection: over.collection ?? 'app.bsky.feed.post',
    rkey: over.rkey ?? '3mkerlannpost1',
  };
  if (operation !== 'delete') Object.assign(commit, { record, cid: 'bafyreikerlann' });
  return JSON.stringify({ did: DID, time_us: over.time_us ?? 1775121600123456, kind: over.kind ?? 'commit', commit });
}

export const KERLANN_DID = DID;

export function mastodonStatus(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '116300000000000001',
    created_at: '2026-04-02T09:30:00.000Z',
    in_reply_to_id: null,
    spoiler_text: '',
    language: 'fr',
    uri: 'https://piaille.example/users/margaux/statuses/116299990000000001',
    url: 'https://piaille.example/@margaux/116299990000000001',
    replies_count: 3,
    reblogs_count: 7,
    favourites_count: 21,
    quotes_count: 1,
    edited_at: null,
    content:
      '<p>Ma poêle <span class="h-card"><a href="https://piaille.example/@kerlann" class="u-url mention">@<span>kerlann</span></a></span> &amp; sa poignée 🔥 fondue&nbsp;!</p><p>Deuxième ligne<br>troisième <a href="https://piaille.example/tags/Kerlann" class="mention hashtag" rel="tag">#<span>Kerlann</span></a> <a href="https://kerlann.example/sav">kerlann.example/sav</a></p>',
    reblog: null,
    account: {
      id: '109000000000000001',
      username: 'margaux',
      acct: 'margaux',
      display_name: 'Margaux 🍳',
      bot: false,
      url: 'https://piaille.example/@margaux',
      uri: 'https://piaille.example/users/margaux',
      followers_count: 640,
    },
    ...over,
  };
}
