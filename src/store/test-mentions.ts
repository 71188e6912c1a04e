import type { WorkspaceId } from '../domain/ids.ts';
import type { Mention } from '../domain/mention.ts';

/**
 * Realistic mentions of an invented brand (Brioche Lune, a bakery chain) for the store's tests and
 * benchmark: varied texts with accents, authors, engagement, enrichment and a raw payload of a few
 * hundred bytes, as a connector would keep it.
 */
const OPENINGS = [
  'Le nouveau croissant de @briochelune est incroyable',
  'Encore une file interminable chez Brioche Lune ce matin',
  'Café froid et pain rassis, merci Brioche Lune…',
  'Brioche Lune opens a new shop in Lyon next week',
  'Why is everyone talking about the Brioche Lune recall?',
  'Mon éclair au chocolat était parfait aujourd\'hui',
  'Service client très lent, trois semaines sans réponse',
  'Brioche Lune a répondu en 5 minutes, bravo à l\'équipe',
];
const TAILS = ['#boulangerie', '#breakfast', 'https://example.org/p/', '🙂', '😡', 'à suivre', 'thread 🧵', ''];
const BASE_TIME = Date.UTC(2025, 2, 1, 8, 0, 0);

export function makeMention(ws: WorkspaceId, i: number, overrides: Partial<Mention> = {}): Mention {
  const author = i % 997;
  const createdAt = BASE_TIME + i * 1000;
  const negative = i % 3 === 0;
  return {
    id: `x:${1_800_000_000_000 + i}`,
    workspaceId: ws,
    platform: 'x',
    url: `https://x.com/user${author}/status/${1_800_000_000_000 + i}`,
    author: { id: `x:${author}`, handle: `user${author}`, name: `User ${author}`, followers: author * 37, verified: author % 50 === 0, kind: 'person' },
    text: `${OPENINGS[i % OPENINGS.length]} ${TAILS[i % TAILS.length]} n°${i}`,
    lang: i % 4 === 3 ? 'en' : 'fr',
    createdAt,
    receivedAt: createdAt + 1500,
    editedAt: null,
    deletedAt: null,
    relations: { replyTo: i % 5 === 0 ? `x:${1_800_000_000_000 + i - 1}` : null, quoteOf: null, repostOf: null, conversationId: `x:${1_800_000_000_000 + i - (i % 5)}` },
    engagement: { likes: i % 40, reposts: i % 7, replies: i % 3, quotes: 0, views: i % 2 === 0 ? i * 3 : null },
    brandIds: ['brioche-lune'],
    matchingRules: ['brand-name'],
    enrichment: {
      sentiment: { label: negative ? 'negative' : 'positive', score: negative ? -0.6 : 0.4, model: 'afinn' },
      categories: negative ? ['service'] : [],
      stakeholder: 'customer',
      reach: author * 37,
    },
    raw: JSON.stringify({
      data: { id: String(1_800_000_000_000 + i), text: `${OPENINGS[i % OPENINGS.length]}`, author_id: String(author), created_at: new Date(createdAt).toISOString(), lang: 'fr', public_metrics: { like_count: i % 40, retweet_count: i % 7 } },
      matching_rules: [{ id: '1', tag: 'brand-name' }],
    }),
    ...overrides,
  };
}

export function makeMentions(ws: WorkspaceId, start: number, n: number): Mention[] {
  const out: Mention[] = [];
  for (let i = start; i < start + n; i++) out.push(makeMention(ws, i));
  return out;
}
