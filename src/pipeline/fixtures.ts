import type { Brand } from '../domain/brand.ts';
import type { WorkspaceId } from '../domain/ids.ts';
import { EMPTY_ENRICHMENT, type Mention, type MentionDraft } from '../domain/mention.ts';

/**
 * Test fixtures about Brumeo, an invented sparkling-water brand, and Kestrel Bikes, an invented
 * bicycle maker. Shared by the pipeline and baseline-enricher tests.
 */
export const WS = 'acme' as WorkspaceId;
export const T0 = Date.UTC(2026, 2, 12, 14, 0, 0);

export function brand(id: string, over: Partial<Brand> = {}): Brand {
  return {
    id,
    workspaceId: WS,
    name: id,
    aliases: [],
    handles: [],
    keywords: [],
    queries: [],
    languages: [],
    ownedAccounts: [],
    employeeHandles: [],
    employeeDomains: [],
    createdAt: T0,
    ...over,
  };
}

export const BRUMEO = brand('brumeo', {
  name: 'Brumeo',
  handles: ['Brumeo'],
  ownedAccounts: ['BrumeoSupport'],
  employeeHandles: ['lea_at_brumeo'],
  queries: [{ id: 'main', text: 'brumeo OR @brumeo OR #brumeo', enabled: true }],
});
export const KESTREL = brand('kestrel', {
  name: 'Kestrel Bikes',
  handles: ['KestrelBikes'],
  queries: [{ id: 'main', text: '"kestrel bikes" OR @kestrelbikes OR #kestrel', enabled: true }],
});

export function draft(n: number, over: Partial<MentionDraft> = {}): MentionDraft {
  return {
    id: `x:${n}`,
    platform: 'x',
    url: `https://x.com/i/status/${n}`,
    author: { id: `x:u${n % 97}`, handle: `user${n % 97}`, name: null, followers: (n * 37) % 20_000, verified: false, kind: 'person' },
    text: `Brumeo post number ${n}, la bouteille est arrivée cassée, très déçu`,
    lang: 'fr',
    createdAt: T0 + n * 1000,
    receivedAt: T0 + n * 1000 + 50,
    editedAt: null,
    deletedAt: null,
    relations: { replyTo: null, quoteOf: null, repostOf: null, conversationId: null },
    engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null },
    matchingRules: [],
    raw: JSON.stringify({ n }),
    ...over,
  };
}

export function mention(n: number, over: Partial<Mention> = {}): Mention {
  return { ...draft(n), workspaceId: WS, brandIds: ['brumeo'], enrichment: EMPTY_ENRICHMENT, ...over };
}
