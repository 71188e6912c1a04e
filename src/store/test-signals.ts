import type { WorkspaceId } from '../domain/ids.ts';
import type { EvidencePost, Severity, Signal, SignalKind } from '../domain/signal.ts';

/**
 * Test support (not a test): signals of an invented brand, with a full evidence (terms, hashtags,
 * top posts, authors, storylines, samples in two languages) and severity factors, as the
 * detector would store them. `i` orders them in time: signal i starts i × 5 minutes after T0.
 */
const BASE_TIME = Date.UTC(2025, 2, 1, 8, 0, 0);
const FIVE_MIN = 300_000;
const KINDS: readonly SignalKind[] = ['volume', 'negative_volume', 'negative_share', 'reach_negativity', 'influencer_arrival', 'feed_quiet'];
const SEVERITIES: readonly Severity[] = ['SEV4', 'SEV3', 'SEV2', 'SEV1'];

export function evidencePost(n: number, start: number, overrides: Partial<EvidencePost> = {}): EvidencePost {
  return {
    mentionId: `x:${1_900_000_000_000 + n}`,
    url: `https://x.com/client${n}/status/${1_900_000_000_000 + n}`,
    authorId: `x:client${n}`,
    authorHandle: `client${n}`,
    followers: n * 1_234,
    text: `Encore un croissant rassis chez Brioche Lune, la ${n}e fois ce mois-ci #rappel`,
    lang: n % 2 === 0 ? 'fr' : 'en',
    createdAt: start + n * 7_000,
    reach: n * 1_234.5,
    sentiment: n % 3 === 0 ? null : 'negative',
    ...overrides,
  };
}

export function makeSignal(ws: WorkspaceId, i: number, overrides: Partial<Signal> = {}): Signal {
  const startedAt = BASE_TIME + i * FIVE_MIN;
  const from = startedAt - 2 * FIVE_MIN;
  const to = startedAt + FIVE_MIN;
  const post = (n: number): EvidencePost => evidencePost(n, from);
  return {
    id: `brioche-lune:${KINDS[i % KINDS.length]}:${startedAt}`,
    workspaceId: ws,
    brandId: 'brioche-lune',
    kind: KINDS[i % KINDS.length]!,
    status: i % 2 === 0 ? 'open' : 'closed',
    startedAt,
    updatedAt: startedAt + FIVE_MIN,
    endedAt: i % 2 === 0 ? null : startedAt + 6 * FIVE_MIN,
    bucketMs: FIVE_MIN,
    score: 0.5 + (i % 5) / 10 + 0.0123,
    severity: SEVERITIES[i % SEVERITIES.length]!,
    factors: [
      { name: 'anomaly', value: 8.2 + i, points: 3, detail: `Mentions 8.2× the usual level` },
      { name: 'negative_share', value: 0.42, points: 2, detail: '42% negative (usual 9%)' },
      { name: 'media', value: 1, points: 1.5, detail: '1 media account' },
    ],
    observed: 312 + i,
    expected: 38.25,
    summary: `Mentions 8.2× the usual level (${312 + i} vs 38 per 5 min)`,
    evidence: {
      from,
      to,
      mentions: 312 + i,
      terms: [{ term: 'rassis', count: 57, expected: 1.5, llr: 210.75 }, { term: 'croissant', count: 80, expected: 20, llr: 64.5 }],
      hashtags: [{ term: '#rappel', count: 31, expected: 0, llr: 99.25 }],
      topPosts: [post(1), post(2), post(3)],
      topAuthors: [
        { authorId: 'x:client1', handle: 'client1', followers: 1_234, stakeholder: 'customer', mentions: 4, reach: 4_938 },
        { authorId: 'x:journal', handle: null, followers: null, stakeholder: 'journalist', mentions: 1, reach: 250_000 },
      ],
      storylines: [
        { id: 'nd-1', kind: 'near_duplicate', size: 42, authors: 39, firstAt: from + 1_000, lastAt: to - 1_000, representative: post(4), reach: 51_000.5 },
        { id: 'rc-1', kind: 'repost_chain', size: 7, authors: 7, firstAt: from + 2_000, lastAt: to - 2_000, representative: post(5), reach: 8_000 },
      ],
      samples: [
        { lang: 'fr', mentions: [post(2), post(6)] },
        { lang: 'en', mentions: [post(7)] },
      ],
    },
    drill: false,
    ...overrides,
  };
}
