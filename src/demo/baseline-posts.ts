import { CAST, pickActive } from './accounts.ts';
import { author, type Ctx, newPost, remember, withBrandEarly } from './context.ts';
import type { Post } from './post.ts';
import { BASELINE_TEXTS, BRAND_TEXTS, FOOTBALL_TEXTS, NOISE_TEXTS, type BaselineKind } from './texts-baseline.ts';
import { CALM, compose } from './vary.ts';
import { type Lang, SLOTS } from './vocab.ts';

type Kind = BaselineKind | 'retweet' | 'care' | 'brand' | 'creator';
const KINDS: Kind[] = ['recipe', 'purchase', 'question', 'praise', 'complaint', 'retweet', 'reply', 'care', 'brand', 'creator'];
const WEIGHTS = [30, 10, 14, 12, 8, 8, 5, 4, 1.5, 1];

const slotsWithFriend = (ctx: Ctx, lang: Lang) => ({
  ...SLOTS[lang],
  friend: [pickActive(ctx.rng, ctx.regulars[lang]).username, pickActive(ctx.rng, ctx.regulars[lang]).username],
});

function weightedRecent(ctx: Ctx): Post | undefined {
  if (ctx.recent.length === 0) return undefined;
  return ctx.rng.weighted(ctx.recent, ctx.recent.map((p) => Math.sqrt(p.author.followers + 10)));
}

function retweet(ctx: Ctx, ms: number, target: Post, category: Post['category']): Post {
  const who = author(ctx, target.lang, 0.2);
  return newPost(ctx, ms, category, who, target.text, target.lang, {
    ref: { type: 'retweeted', post: target },
    metrics: { ...target.metrics, reply_count: 0, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 },
  });
}

/** One ordinary post about the brand at `ms`. */
export function baselinePost(ctx: Ctx, ms: number): Post {
  const { rng } = ctx;
  const lang: Lang = rng.chance(0.73) ? 'fr' : 'en';
  const kind = rng.weighted(KINDS, WEIGHTS);
  const slots = SLOTS[lang];
  const extras = { emoji: 'posEmoji', tag: 'tag' } as const;
  if (kind === 'retweet') {
    const target = weightedRecent(ctx);
    if (target !== undefined) return retweet(ctx, ms, target, 'baseline');
  }
  if (kind === 'reply') {
    const target = ctx.recent[rng.int(0, ctx.recent.length - 1)];
    if (target !== undefined) {
      const text = `@${target.author.username} ${compose(rng.pick(BASELINE_TEXTS[target.lang].reply), SLOTS[target.lang], rng, CALM, extras)}`;
      return newPost(ctx, ms, 'baseline', author(ctx, target.lang, 0.1), text, target.lang, { ref: { type: 'replied_to', post: target } });
    }
  }
  if (kind === 'care') {
    const q = ctx.questions.shift();
    if (q !== undefined) {
      const account = q.lang === 'fr' ? CAST.care : CAST.brand;
      const text = `@${q.author.username} ${rng.pick(BRAND_TEXTS[q.lang].care)}`;
      return newPost(ctx, ms, 'baseline', account, text, q.lang, { ref: { type: 'replied_to', post: q } });
    }
  }
  if (kind === 'brand' || kind === 'creator') {
    const who = kind === 'brand' ? (lang === 'fr' ? CAST.brandFr : CAST.brand) : rng.pick([CAST.chef, CAST.batch, CAST.employee, CAST.employee2]);
    const postLang: Lang = kind === 'creator' ? 'fr' : lang;
    const texts = kind === 'brand' ? BRAND_TEXTS[postLang][rng.pick(['promo', 'recipe'] as const)] : BASELINE_TEXTS.fr.recipe;
    const post = newPost(ctx, ms, 'baseline', who, withBrandEarly(compose(rng.pick(texts), SLOTS[postLang], rng, CALM, extras), postLang), postLang);
    remember(ctx.recent, post, 120);
    return post;
  }
  const k: BaselineKind = kind === 'retweet' || kind === 'reply' || kind === 'care' ? 'recipe' : kind;
  const text = withBrandEarly(compose(rng.pick(BASELINE_TEXTS[lang][k]), slots, rng, CALM, extras), lang);
  const post = newPost(ctx, ms, 'baseline', author(ctx, lang, 0.1), text, lang);
  remember(ctx.recent, post, 120);
  if (k === 'question') remember(ctx.questions, post, 40);
  return post;
}

/** A retweet of (or an entry in) the brand's giveaway. */
export function giveawayPost(ctx: Ctx, ms: number): Post {
  const giveaway = ctx.keys.get('giveaway');
  if (giveaway === undefined) return baselinePost(ctx, ms);
  if (ctx.rng.chance(0.8)) return retweet(ctx, ms, giveaway, 'baseline');
  const text = `@KerlannFR ${compose(ctx.rng.pick(BASELINE_TEXTS.fr.giveaway), slotsWithFriend(ctx, 'fr'), ctx.rng, CALM, { emoji: 'posEmoji', tag: 'tag' })}`;
  return newPost(ctx, ms, 'baseline', author(ctx, 'fr', 0.3), text, 'fr', { ref: { type: 'replied_to', post: giveaway } });
}

/** A post about something else called Kerlan or Ker Lann; `football` for the goal-night burst. */
export function noisePost(ctx: Ctx, ms: number, football: boolean): Post {
  const { rng } = ctx;
  const lang: Lang = football ? 'fr' : rng.chance(0.8) ? 'fr' : 'en';
  const raw = football ? rng.pick(FOOTBALL_TEXTS) : rng.pick(NOISE_TEXTS[lang]);
  const text = compose(raw, SLOTS[lang], rng, { ...CALM, extraTag: 0 }, { emoji: 'posEmoji', tag: 'tag' });
  return newPost(ctx, ms, 'noise', author(ctx, lang, 0.5), text, /What a goal/.test(text) ? 'en' : lang);
}
