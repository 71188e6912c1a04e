// Test fixtures about an invented brand, Ondine Cycles (French e-bikes, @OndineCycles), whose
// Vela 3 batteries are said to overheat while charging (batch VB-0912). Every handle, id and URL
// is made up; ids are X-shaped snowflakes that match their `created_at`.
import type { Brand } from '../../domain/brand.ts';
import { DEFAULT_WORKSPACE } from '../../domain/ids.ts';

/** X snowflake epoch (ms). */
const EPOCH = 1288834974657n;

/** The first post's time; post n is made n seconds later. */
export const T0 = Date.parse('2026-05-20T08:00:00.000Z');

/** An X-shaped id for a post made at `ms` (the low 22 bits hold `seq`). */
export function snowflakeAt(ms: number, seq = 0): string {
  return (((BigInt(ms) - EPOCH) << 22n) | BigInt(seq & 0x3fffff)).toString();
}

export function ondineBrand(over: Partial<Brand> = {}): Brand {
  return {
    id: 'ondine',
    workspaceId: DEFAULT_WORKSPACE,
    name: 'Ondine Cycles',
    aliases: ['Ondine'],
    handles: ['OndineCycles'],
    keywords: [],
    queries: [{ id: 'battery', text: '(ondine OR @OndineCycles OR #VelaGate) (batterie OR battery OR chauffe OR fumée)', enabled: true }],
    languages: [],
    ownedAccounts: ['OndineCycles'],
    employeeHandles: [],
    employeeDomains: [],
    createdAt: T0 - 86_400_000,
    ...over,
  };
}

export const USERS = {
  ondine: {
    id: '1500000000000000001',
    name: 'Ondine Cycles',
    username: 'OndineCycles',
    verified: true,
    verified_type: 'business',
    created_at: '2019-02-01T10:00:00.000Z',
    public_metrics: { followers_count: 48_300, following_count: 210, tweet_count: 6_020, listed_count: 140 },
  },
  rider: {
    id: '1500000000000000002',
    name: 'Maëlle Riou',
    username: 'maelle_roule',
    verified: false,
    verified_type: 'none',
    created_at: '2021-06-11T18:30:00.000Z',
    public_metrics: { followers_count: 913, following_count: 402, tweet_count: 7_310, listed_count: 3 },
  },
  press: {
    id: '1500000000000000003',
    name: 'Vélo Hebdo',
    username: 'velohebdo',
    verified: true,
    verified_type: 'blue',
    created_at: '2015-03-02T09:00:00.000Z',
    public_metrics: { followers_count: 210_400, following_count: 88, tweet_count: 51_000, listed_count: 2_300 },
  },
} as const;

export type JsonPost = Record<string, unknown> & { id: string; text: string; created_at: string; author_id: string };

const TEXTS = [
  'Ma batterie Ondine Vela 3 chauffe très fort en charge, odeur de plastique 😬 #VelaGate',
  "@OndineCycles deuxième batterie du lot VB-0912 qui fume dans le garage, c'est normal ?",
  'Ondine battery swelling on my Vela 3 after two months. Anyone else? #VelaGate',
  'Est-ce que @OndineCycles va rappeler les batteries Vela 3 ? Trois cas dans mon club 🔋🔥',
];

/** Post number `n` (n seconds after T0). */
export function ondinePost(n: number, over: Partial<JsonPost> = {}): JsonPost {
  const t = T0 + n * 1000;
  const id = over.id ?? snowflakeAt(t, n);
  return {
    id,
    text: `${TEXTS[n % TEXTS.length]} (${n})`,
    edit_history_tweet_ids: [id],
    author_id: USERS.rider.id,
    conversation_id: id,
    created_at: new Date(t).toISOString(),
    lang: n % TEXTS.length === 2 ? 'en' : 'fr',
    public_metrics: { retweet_count: n % 7, reply_count: n % 3, like_count: 10 + n, quote_count: 0, bookmark_count: 1, impression_count: 500 + n },
    ...over,
  };
}

/** A quote of post `quoted` by the press account, with the quoted post in includes. */
export function pressQuote(n: number, quoted: JsonPost): { post: JsonPost; users: object[]; tweets: object[] } {
  const post = ondinePost(n, {
    author_id: USERS.press.id,
    text: 'Batteries Ondine Vela 3 : les témoignages se multiplient, nous avons contacté @OndineCycles.',
    referenced_tweets: [{ type: 'quoted', id: quoted.id }],
  });
  return { post, users: [USERS.press, USERS.rider, USERS.ondine], tweets: [quoted] };
}

/** A long post: `text` is cut, the whole text is in `note_tweet`. */
export function longPost(n: number): JsonPost {
  const whole = `Fil sur les batteries Ondine Vela 3 : ${'la cellule chauffe pendant la charge, le BMS ne coupe pas, '.repeat(8)}fin. #VelaGate`;
  return ondinePost(n, { text: `${whole.slice(0, 270)}…`, note_tweet: { text: whole } });
}

/** One filtered-stream message (no line end). */
export function streamMessage(post: JsonPost, o: { users?: readonly object[]; tweets?: readonly object[]; tags?: readonly string[] } = {}): string {
  const includes: Record<string, unknown> = { users: o.users ?? [USERS.rider, USERS.ondine] };
  if (o.tweets !== undefined) includes.tweets = o.tweets;
  return JSON.stringify({ data: post, includes, matching_rules: (o.tags ?? ['ondine']).map((tag, i) => ({ id: String(1600000000000000000n + BigInt(i)), tag })) });
}

/** X's in-stream operational-disconnect message. */
export const OPERATIONAL_DISCONNECT = JSON.stringify({
  errors: [
    {
      title: 'operational-disconnect',
      disconnect_type: 'UpstreamOperationalDisconnect',
      detail: 'This stream has been disconnected upstream for operational reasons.',
      type: 'https://api.x.com/2/problems/operational-disconnect',
    },
  ],
});

/** X's 429 body when the stream already has its connection. */
export const TOO_MANY_CONNECTIONS = JSON.stringify({
  title: 'ConnectionException',
  detail: 'This stream is currently at the maximum allowed connection limit.',
  connection_issue: 'TooManyConnections',
  type: 'https://api.x.com/2/problems/streaming-connection',
});
