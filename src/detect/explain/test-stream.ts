/**
 * Synthetic mentions for the explainer's tests and benchmark, written for them: a brand
 * ("Kerlann", pressure cookers) with hours of ordinary chatter in French and English, then a
 * crisis about an exploding lid ("explosion couvercle autocuiseur #rappel") carrying a viral post
 * with its reposts and a text copied with small changes. Seeded: the same seed, the same stream.
 */
import { Rng } from '../../demo/prng.ts';
import type { SentimentLabel, Stakeholder } from '../../domain/mention.ts';
import type { ExplainableMention } from '../types.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** Monday 2 March 2026, 06:00 UTC: where streams start. */
export const STREAM_START = Date.UTC(2026, 2, 2, 6, 0);

export interface MentionSpec {
  id: string;
  text: string;
  createdAt: number;
  authorId?: string;
  handle?: string | null;
  followers?: number | null;
  lang?: string | null;
  reach?: number;
  stakeholder?: Stakeholder | null;
  sentiment?: SentimentLabel | null;
  repostOf?: string | null;
  quoteOf?: string | null;
}

export function mention(s: MentionSpec): ExplainableMention {
  const authorId = s.authorId ?? `x:${s.handle ?? 'someone'}`;
  return {
    id: s.id,
    url: `https://x.com/i/status/${s.id.slice(2)}`,
    author: { id: authorId, handle: s.handle ?? null, name: null, followers: s.followers ?? null, verified: false, kind: 'person' },
    text: s.text,
    lang: s.lang === undefined ? 'fr' : s.lang,
    createdAt: s.createdAt,
    relations: { replyTo: null, quoteOf: s.quoteOf ?? null, repostOf: s.repostOf ?? null, conversationId: null },
    engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null },
    enrichment: {
      sentiment: s.sentiment === undefined || s.sentiment === null ? null : { label: s.sentiment, score: 0, model: 'test' },
      categories: [],
      stakeholder: s.stakeholder ?? null,
      reach: s.reach ?? s.followers ?? 0,
    },
  };
}

const DISHES_FR = ['bœuf bourguignon', 'blanquette', 'pot-au-feu', 'risotto', 'soupe de légumes', 'chili', 'curry de pois chiches', 'petit salé', 'poulet basquaise', 'ratatouille'];
const DISHES_EN = ['beef stew', 'chili', 'risotto', 'chickpea curry', 'pulled pork', 'lentil soup', 'mac and cheese', 'pot roast'];
const CITIES = ['Rennes', 'Brest', 'Nantes', 'Lyon', 'Lille', 'Bordeaux', 'Quimper', 'Toulouse'];
const TAGS_FR = ['#recette', '#cuisine', '#batchcooking', '#faitmaison', ''];
const TAGS_EN = ['#recipe', '#dinner', '#homecooking', ''];

const BASELINE_FR = [
  'Ce soir {dish} dans mon autocuiseur Kerlann, un vrai régal {tag}',
  'Quelqu’un a une bonne recette de {dish} pour l’autocuiseur Kerlann ? {tag}',
  'Livraison reçue à {city}, merci Kerlann pour le service rapide et le colis soigné',
  'Le joint du couvercle de mon Kerlann est usé, où trouver une pièce de rechange ?',
  'J’adore ma cocotte Kerlann, {dish} prêt en {n} minutes chrono {tag}',
  'Kerlann fait une promo sur les poêles cette semaine au magasin de {city}',
  'Mon autocuiseur Kerlann a {n} ans et fonctionne toujours parfaitement',
  '@kerlann_sav bonjour, ma commande n’est pas arrivée à {city}, pouvez-vous vérifier ? https://t.co/{code}',
  'Batch cooking du dimanche avec Kerlann : {dish} et {dish} pour la semaine {tag}',
];
const BASELINE_EN = [
  'Made {dish} in my Kerlann pressure cooker tonight, so good {tag}',
  'Does anyone know if the Kerlann lid is dishwasher safe? Asking for a friend',
  'Thanks Kerlann for the fast delivery to {city}, great packaging too',
  'My Kerlann cooker is {n} years old and still works great {tag}',
  'Looking for a {dish} recipe for the Kerlann cooker, any tips? {tag}',
];

/** Text of the viral post, then the text copied with small changes. */
export const ROOT_TEXT =
  'ALERTE : l’autocuiseur Kerlann de ma mère a explosé ce midi, le couvercle a sauté jusqu’au plafond. Explosion terrible, on aurait pu être blessés. #rappel';
const COPIED =
  'Explosion du couvercle de l’autocuiseur Kerlann : plusieurs clients blessés, le fabricant doit lancer un rappel immédiat de tous les modèles vendus depuis 2024 #rappel';
const COPY_PREFIXES = ['', 'Incroyable. ', 'Lisez ça : ', 'URGENT ', '', '⚠️ '];
const COPY_SUFFIXES = ['', ' @kerlann_sav', ' https://t.co/{code}', ' !!', ' @60millions', ''];
const CRISIS_OPENERS_FR = ['', 'Grosse frayeur : ', 'Sérieusement, ', 'Je viens de lire ça : ', 'Attention ! ', 'Quelqu’un confirme ? '];
const CRISIS_CORES_FR = [
  'explosion de l’autocuiseur Kerlann chez ma voisine, le couvercle a traversé la cuisine',
  'encore une explosion de couvercle sur un autocuiseur Kerlann à {city}',
  'mon autocuiseur Kerlann a fait une explosion, couvercle arraché et plaque tordue',
  'Kerlann doit rappeler ses autocuiseurs après cette explosion du couvercle',
  'le couvercle de l’autocuiseur Kerlann a cédé, explosion en pleine cuisson du {dish}',
  'une explosion de couvercle Kerlann, des brûlures, et toujours aucune réponse du service client',
];
const CRISIS_CLOSERS_FR = ['', ' #rappel', ' #rappel #danger', ' On attend un rappel officiel.', ' #rappel @kerlann_sav', ' 😱'];
const CRISIS_OPENERS_EN = ['', 'Wow. ', 'Heads up: '];
const CRISIS_CORES_EN = [
  'Kerlann pressure cooker lid explosion reported in {city}',
  'another Kerlann cooker explosion, the lid flew off during dinner',
  'Kerlann should recall these cookers after the lid explosion',
];
const CRISIS_CLOSERS_EN = ['', ' #recall', ' #recall #safety', ' Stay safe.'];

export interface CrisisTruth {
  /** The viral post's id, and the ids of its reposts. */
  rootId: string;
  reposts: number;
  repostAuthors: number;
  /** How many near-copies of one text were posted (none of them reposts). */
  copies: number;
  copyAuthors: number;
  start: number;
  end: number;
}

function fill(rng: Rng, template: string, lang: 'fr' | 'en'): string {
  return template
    .replace(/\{dish\}/g, () => rng.pick(lang === 'fr' ? DISHES_FR : DISHES_EN))
    .replace('{city}', rng.pick(CITIES))
    .replace('{tag}', rng.pick(lang === 'fr' ? TAGS_FR : TAGS_EN))
    .replace('{n}', String(rng.int(2, 40)))
    .replace('{code}', rng.int(100000, 999999).toString(36))
    .trim();
}

export class StreamBuilder {
  readonly rng: Rng;
  private seq = 0;
  readonly out: ExplainableMention[] = [];

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  private nextId(): string {
    return `x:${++this.seq}`;
  }

  /** An ordinary author: one of a pool of 400, with their followers. */
  private author(): { authorId: string; handle: string; followers: number } {
    const i = this.rng.int(1, 400);
    const followers = Math.round(50 * Math.exp(((i * 7919) % 400) / 80));
    return { authorId: `x:u${i}`, handle: `user${i}`, followers };
  }

  /** Ordinary chatter: `perMinute` mentions a minute on average (one in four in English). */
  baseline(from: number, to: number, perMinute: number): this {
    for (let t = from; t < to; t += MINUTE_MS) {
      const n = this.rng.poisson(perMinute);
      for (let k = 0; k < n; k++) {
        const en = this.rng.chance(0.25);
        const text = fill(this.rng, this.rng.pick(en ? BASELINE_EN : BASELINE_FR), en ? 'en' : 'fr');
        this.out.push(mention({ id: this.nextId(), text, createdAt: t + this.rng.int(0, MINUTE_MS - 1), lang: en ? 'en' : 'fr', ...this.author() }));
      }
    }
    return this;
  }

  /**
   * The crisis over [start, start + minutes): the viral post at start + 2 min, `reposts` reposts
   * of it by distinct accounts, `copies` near-copies of one text by distinct accounts, and
   * `perMinute` other crisis posts a minute (one in four in English).
   */
  crisis(start: number, minutes: number, perMinute: number, reposts: number, copies: number): CrisisTruth {
    const end = start + minutes * MINUTE_MS;
    const rootId = this.nextId();
    const rootAt = start + 2 * MINUTE_MS;
    this.out.push(
      mention({ id: rootId, text: ROOT_TEXT, createdAt: rootAt, authorId: 'x:influ', handle: 'cuisine_de_lea', followers: 480_000, stakeholder: 'influencer', sentiment: 'negative' }),
    );
    for (let k = 0; k < reposts; k++) {
      const t = rootAt + 30_000 + Math.floor((k / reposts) * (end - rootAt - 60_000));
      this.out.push(
        mention({ id: this.nextId(), text: `RT @cuisine_de_lea: ${ROOT_TEXT}`.slice(0, 140), createdAt: t, authorId: `x:r${k}`, handle: `fan${k}`, followers: 20 + k, repostOf: rootId }),
      );
    }
    // The copies come in a rush (several a minute), the reposts over the whole crisis.
    for (let k = 0; k < copies; k++) {
      const t = start + 5 * MINUTE_MS + Math.floor((k / copies) * 8 * MINUTE_MS);
      const text = fill(this.rng, `${this.rng.pick(COPY_PREFIXES)}${COPIED}${this.rng.pick(COPY_SUFFIXES)}`, 'fr');
      const variant = this.rng.chance(0.3) ? text.replace('immédiat', 'urgent') : text;
      this.out.push(mention({ id: this.nextId(), text: variant, createdAt: t, authorId: `x:c${k}`, handle: `copy${k}`, followers: 100 + 10 * k, sentiment: 'negative' }));
    }
    for (let t = start; t < end; t += MINUTE_MS) {
      const n = this.rng.poisson(perMinute);
      for (let k = 0; k < n; k++) {
        const en = this.rng.chance(0.25);
        const r = this.rng;
        const template = en
          ? `${r.pick(CRISIS_OPENERS_EN)}${r.pick(CRISIS_CORES_EN)}${r.pick(CRISIS_CLOSERS_EN)}`
          : `${r.pick(CRISIS_OPENERS_FR)}${r.pick(CRISIS_CORES_FR)}${r.pick(CRISIS_CLOSERS_FR)}`;
        const text = fill(r, template, en ? 'en' : 'fr');
        this.out.push(mention({ id: this.nextId(), text, createdAt: t + r.int(0, MINUTE_MS - 1), lang: en ? 'en' : 'fr', sentiment: 'negative', ...this.author() }));
      }
    }
    return { rootId, reposts, repostAuthors: reposts, copies, copyAuthors: copies, start, end };
  }

  /** The mentions in time order. */
  sorted(): ExplainableMention[] {
    return [...this.out].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }
}
