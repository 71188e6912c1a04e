import type { Brand } from '../src/domain/brand.ts';
import type { WorkspaceId } from '../src/domain/ids.ts';

/**
 * Generates X filtered-stream NDJSON lines for the ingest benchmark, lazily (one line at a time),
 * about 20 invented brands. Texts are 200–300 characters in French and English with the brands'
 * names, handles and hashtags; about 1 line in 8 matches no brand, ~5% repeat an earlier post and
 * ~0.5% are edits of an earlier post. Deterministic (a seeded generator).
 */
const NAMES = [
  'Brumeo', 'Kestrel Bikes', 'Solvane', 'Marigo', 'Ventelle', 'Orbisa', 'Calypte', 'Nordane', 'Pivolia', 'Quenza',
  'Ravello Air', 'Sylphe', 'Tamaro', 'Ulvane', 'Vireon', 'Wistle', 'Xandra Bank', 'Yelvo', 'Zephra Mobile', 'Aubrelle',
];

export function benchBrands(ws: WorkspaceId, now: number): Brand[] {
  return NAMES.map((name) => {
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '');
    const first = name.split(' ')[0]!.toLowerCase();
    return {
      id: slug,
      workspaceId: ws,
      name,
      aliases: [],
      handles: [slug],
      keywords: [],
      queries: [{ id: 'main', text: `(${first} OR @${slug} OR #${slug}) NOT (${first} NEAR/2 wikipedia)`, enabled: true }],
      languages: [],
      ownedAccounts: [`${slug}support`],
      employeeHandles: [],
      employeeDomains: [],
      createdAt: now,
    };
  });
}

const FR = [
  'Franchement {b}, ma commande est arrivée cassée et le service client ne répond pas depuis trois jours. Je veux un remboursement, pas des excuses.',
  'Très déçu par {b} : livraison en retard, colis abîmé, et personne pour m’aider. Honte à vous, c’est vraiment nul.',
  'Merci {b} pour la réponse rapide, problème réglé en dix minutes, le conseiller était génial et très professionnel. Je recommande !',
  'Quelqu’un a eu le même souci avec {b} ? L’application plante à chaque ouverture depuis la mise à jour d’hier soir.',
  'Je viens de tester le nouveau produit de {b} et honnêtement c’est pas mal du tout, un peu cher mais la qualité est là.',
];
const EN = [
  'Honestly {b} my order arrived broken and customer service has not answered in three days. I want a refund, not another apology email.',
  'Really disappointed with {b}: late delivery, damaged box, and nobody to help. This is a scam and a shame, avoid them at all costs.',
  'Thanks {b} for the quick answer, issue fixed in ten minutes, the agent was great and very professional. Would recommend to anyone!',
  'Anyone else having trouble with {b}? The app crashes every time I open it since yesterday evening’s update, cannot even log in.',
  'Just tried the new thing from {b} and it is actually pretty good, a bit expensive but the quality is definitely there for the price.',
];
const FILLER = [
  ' Rien à voir mais il fait beau aujourd’hui.', ' Anyway, off to work now, long day ahead of me.', ' Bref, on verra bien demain 🙄',
  ' Still waiting… 😡', ' Top 👍', ' #service #client', ' https://t.co/Ab12Cd34Ef',
];
const UNMATCHED = [
  'Le match d’hier soir était incroyable, quelle fin de partie, je n’en reviens toujours pas. Vivement le prochain week-end avec les copains.',
  'Cooking a new recipe tonight, lemon pasta with garlic and a lot of parmesan, wish me luck, the last attempt did not go so well at all.',
];

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    // mulberry32
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[rng.int(list.length)]!;

export interface XLine {
  line: string;
  receivedAt: number;
}

/** `count` lines starting at post `from` (for resumes), at ~50 posts per second of post time. */
export function* xLines(count: number, start: number, brands: readonly Brand[]): Generator<XLine> {
  const rng = new Rng(42);
  for (let i = 0; i < count; i++) {
    let n = i;
    let edited = false;
    const r = rng.next();
    if (i > 100 && r < 0.05) n = i - 1 - rng.int(100); // a duplicate of a recent post
    else if (i > 100 && r < 0.055) {
      n = i - 1 - rng.int(100);
      edited = true;
    }
    const post = new Rng(n * 7919 + 1);
    const createdAt = start + n * 20 + post.int(5000);
    const french = post.next() < 0.5;
    const matched = post.next() >= 0.12;
    const b = pick(post, brands);
    const handle = b.handles[0]!;
    const mentionForm = pick(post, [b.name, `@${handle}`, `#${handle}`, b.name]);
    let text = matched ? pick(post, french ? FR : EN).replace('{b}', mentionForm) : pick(post, UNMATCHED);
    text += pick(post, FILLER);
    if (edited) text += ' [edit: still no answer]';
    const followers = Math.floor(Math.exp(post.next() * 13));
    const authorId = String(1_000_000 + post.int(200_000));
    const originalId = snowflake(createdAt, n);
    const id = edited ? snowflake(createdAt + 60_000, n) : originalId;
    const msg = {
      data: {
        id,
        text,
        edit_history_tweet_ids: edited ? [originalId, id] : [id],
        author_id: authorId,
        conversation_id: id,
        created_at: new Date(edited ? createdAt + 60_000 : createdAt).toISOString(),
        lang: french ? 'fr' : 'en',
        public_metrics: { retweet_count: post.int(50), reply_count: post.int(20), like_count: post.int(500), quote_count: post.int(5), bookmark_count: 0, impression_count: followers * 3 },
        entities: { mentions: [], hashtags: [] },
      },
      includes: {
        users: [
          {
            id: authorId,
            name: `User ${authorId}`,
            username: `user_${authorId}`,
            verified: followers > 100_000,
            verified_type: followers > 100_000 ? 'business' : 'none',
            public_metrics: { followers_count: followers, following_count: 100, tweet_count: 1000, listed_count: 1 },
          },
        ],
      },
      matching_rules: [{ id: '1', tag: 'brand-mentions' }],
    };
    yield { line: JSON.stringify(msg), receivedAt: createdAt + 300 + (edited ? 60_000 : 0) };
  }
}

/** An X snowflake id for a time (the low bits keep ids of the same millisecond apart). */
function snowflake(t: number, n: number): string {
  return String((BigInt(t - 1288834974657) << 22n) + BigInt(n % 4_194_304));
}
