import { author, type Candidate, type Ctx, newPost, shortLink, withBrandEarly } from './context.ts';
import type { Post } from './post.ts';
import { HOUR_MS, phaseAt } from './schedule.ts';
import { CRISIS_TEXTS, type CrisisKind } from './texts-crisis.ts';
import { ANGRY, CALM, compose } from './vary.ts';
import { type Lang, SLOTS } from './vocab.ts';

type Kind = CrisisKind | 'retweet';
const KINDS: Kind[] = ['retweet', 'angry', 'similar', 'recall', 'concern', 'quote', 'positive', 'skeptical', 'info', 'aftermath'];

/** The storyline mix of crisis posts at `ms` (weights in the order of KINDS). */
function mix(ctx: Ctx, ms: number): number[] {
  const s = ctx.schedule;
  switch (phaseAt(s, ms)) {
    case 'onset':
      return [40, 10, 15, 0, 30, 5, 0, 0, 0, 0];
    case 'influencer':
      return [40, 22, 12, 8, 10, 8, 0, 0, 0, 0];
    case 'media':
    case 'peak':
      return [40, 27, 10, 12, 3, 8, 0, 0, 0, 0];
    case 'response':
      return [35, 12, 5, 3, 0, 3, 18, 15, 12, 0];
    default: {
      const h = (ms - s.recoveryMs) / HOUR_MS;
      return [25, 14 * Math.exp(-h / 10), 5 * Math.exp(-h / 20), 3 * Math.exp(-h / 10), 0, 2, 12, 8 * Math.exp(-h / 12), 14, 20];
    }
  }
}

/** The share of English among crisis posts: small until the English-language article, then larger. */
function englishShare(ctx: Ctx, ms: number): number {
  return ms < ctx.schedule.mediaEnMs ? 0.15 : 0.35;
}

function pickCandidate(ctx: Ctx, ms: number, lang: Lang | null): Candidate | undefined {
  const pool = lang === null ? ctx.candidates : ctx.candidates.filter((c) => c.post.lang === lang);
  if (pool.length === 0) return undefined;
  const afterResponse = ms >= ctx.schedule.responseMs;
  const weights = pool.map((c) => {
    const age = (ms - c.post.ms) / HOUR_MS;
    const statement = c.post.author.username.startsWith('Kerlann') || c.post.author.username === 'kerlann';
    return c.weight * Math.exp(-age / c.life) * (afterResponse && !statement ? 0.5 : 1);
  });
  return ctx.rng.weighted(pool, weights);
}

/** Adds a crisis post to the retweet magnets if its author has an audience (or by luck). */
function maybeCandidate(ctx: Ctx, post: Post): void {
  const f = post.author.followers;
  if (f < 3000 && !ctx.rng.chance(0.02)) return;
  ctx.candidates.push({ post, weight: Math.max(2, Math.log10(f + 10) ** 2), life: 3 });
  if (ctx.candidates.length > 80) {
    const i = ctx.candidates.findIndex((c) => c.life === 3);
    if (i >= 0) ctx.candidates.splice(i, 1);
  }
}

/** One crisis post at `ms`: a retweet, an angry post, a similar incident, a reply, a quote… */
export function crisisPost(ctx: Ctx, ms: number): Post {
  const { rng, keys } = ctx;
  const kind = rng.weighted(KINDS, mix(ctx, ms));
  const lang: Lang = rng.chance(englishShare(ctx, ms)) ? 'en' : 'fr';
  if (kind === 'retweet' || kind === 'quote') {
    const c = pickCandidate(ctx, ms, rng.chance(0.85) ? lang : null);
    if (c !== undefined) {
      const target = c.post.ref?.type === 'retweeted' ? c.post.ref.post : c.post;
      if (kind === 'retweet') {
        return newPost(ctx, ms, 'crisis', author(ctx, target.lang, 0.65), target.text, target.lang, {
          ref: { type: 'retweeted', post: target },
          metrics: { ...target.metrics, reply_count: 0, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 },
        });
      }
      const text = `${withBrandEarly(compose(rng.pick(CRISIS_TEXTS[lang].quote), SLOTS[lang], rng, ANGRY, { emoji: 'negEmoji', tag: 'crisisTag' }), lang)} ${shortLink(rng)}`;
      return newPost(ctx, ms, 'crisis', author(ctx, lang, 0.65), text, lang, { ref: { type: 'quoted', post: target } });
    }
  }
  const k: CrisisKind = kind === 'retweet' || kind === 'quote' ? 'angry' : kind;
  const calm = k === 'positive' || k === 'info' || k === 'aftermath';
  const body = compose(rng.pick(CRISIS_TEXTS[lang][k]), SLOTS[lang], rng, calm ? CALM : ANGRY, {
    emoji: k === 'positive' ? 'posEmoji' : 'negEmoji',
    tag: 'crisisTag',
  });
  const who = author(ctx, lang, 0.65);
  if (k === 'concern') {
    const victim = keys.get('victimEdit') ?? keys.get('victim');
    if (victim !== undefined) {
      const text = `@${victim.author.username} @KerlannFR ${body}`;
      return newPost(ctx, ms, 'crisis', who, text, lang, { ref: { type: 'replied_to', post: victim } });
    }
  }
  if (k === 'positive' || k === 'skeptical') {
    const statement = keys.get(lang === 'fr' ? 'response' : 'responseEn') ?? keys.get('response');
    if (statement !== undefined) {
      const text = `@${statement.author.username} ${body}`;
      return newPost(ctx, ms, 'crisis', who, text, lang, { ref: { type: 'replied_to', post: statement } });
    }
  }
  const post = newPost(ctx, ms, 'crisis', who, withBrandEarly(body, lang), lang);
  if (k === 'angry' || k === 'similar' || k === 'recall' || k === 'info') maybeCandidate(ctx, post);
  return post;
}
