import { type Account, buildCrowd, CAST_LIST, pickActive } from './accounts.ts';
import type { Metrics, Post, PostCategory } from './post.ts';
import { Rng } from './prng.ts';
import { crisisKnots } from './rhythm.ts';
import { buildSchedule, DAY_MS, type Schedule } from './schedule.ts';
import { snowflake } from './snowflake.ts';
import type { Lang } from './vocab.ts';

/** A post that others retweet or quote during the crisis, and how much it draws. */
export interface Candidate {
  post: Post;
  weight: number;
  /** Hours over which its draw halves-ish (exponential decay constant). */
  life: number;
}

/** Everything the generator carries from one post to the next. */
export interface Ctx {
  rng: Rng;
  schedule: Schedule;
  knots: Array<[number, number]>;
  dayFactors: number[];
  regulars: Record<Lang, Account[]>;
  crowd: Record<Lang, Account[]>;
  /** Every account by lower-case username (for entities and includes). */
  accounts: Map<string, Account>;
  keys: Map<string, Post>;
  candidates: Candidate[];
  recent: Post[];
  questions: Post[];
}

const byLang = (list: Account[]): Record<Lang, Account[]> => ({
  fr: list.filter((a) => a.lang === 'fr'),
  en: list.filter((a) => a.lang === 'en'),
});

export function createContext(seed: number, startMs: number, baselineDays: number): Ctx {
  const rng = new Rng(seed);
  const schedule = buildSchedule(rng, startMs, baselineDays);
  const taken = new Set(CAST_LIST.map((a) => a.username.toLowerCase()));
  const regulars = buildCrowd(rng, 5000, 0.74, taken);
  const crowd = buildCrowd(rng, 12000, 0.68, taken);
  const accounts = new Map<string, Account>();
  for (const a of [...CAST_LIST, ...regulars, ...crowd]) accounts.set(a.username.toLowerCase(), a);
  const days = Math.ceil((schedule.endMs - startMs) / DAY_MS) + 1;
  const dayFactors = Array.from({ length: days }, () => rng.logNormal(1, 0.12));
  return {
    rng,
    schedule,
    knots: crisisKnots(schedule),
    dayFactors,
    regulars: byLang(regulars),
    crowd: byLang(crowd),
    accounts,
    keys: new Map(),
    candidates: [],
    recent: [],
    questions: [],
  };
}

/** Engagement as the stream reports it shortly after posting: heavy-tailed, scaled by audience. */
export function metricsFor(rng: Rng, followers: number, boost = 1): Metrics {
  const likes = rng.poisson(Math.min(5000, Math.sqrt(followers) * 0.12 * boost));
  return {
    retweet_count: rng.poisson(likes * 0.12),
    reply_count: rng.poisson(likes * 0.08),
    like_count: likes,
    quote_count: rng.poisson(likes * 0.02),
    bookmark_count: rng.poisson(likes * 0.04),
    impression_count: Math.round(followers * (0.05 + 0.3 * rng.next()) + likes * 25),
  };
}

export function newPost(
  ctx: Ctx,
  ms: number,
  category: PostCategory,
  author: Account,
  text: string,
  lang: Lang,
  extra: Partial<Pick<Post, 'ref' | 'media' | 'link' | 'editOf' | 'metrics'>> = {},
): Post {
  const id = snowflake(ms, ctx.rng.int(0, 1023), ctx.rng.int(0, 4095));
  const ref = extra.ref ?? null;
  const conversationId = ref !== null && ref.type === 'replied_to' ? ref.post.conversationId : (extra.editOf?.conversationId ?? id);
  return {
    id,
    ms,
    category,
    author,
    text,
    lang,
    conversationId,
    ref,
    metrics: extra.metrics ?? metricsFor(ctx.rng, author.followers, category === 'crisis' ? 2 : 1),
    media: extra.media ?? null,
    link: extra.link ?? null,
    editOf: extra.editOf ?? null,
  };
}

export function author(ctx: Ctx, lang: Lang, crowdShare: number): Account {
  const pool = ctx.rng.chance(crowdShare) ? ctx.crowd[lang] : ctx.regulars[lang];
  return pickActive(ctx.rng, pool);
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function shortLink(rng: Rng): string {
  let s = 'https://t.co/';
  for (let i = 0; i < 10; i++) s += ALNUM[rng.int(0, ALNUM.length - 1)];
  return s;
}

export function mediaKey(rng: Rng): string {
  return `3_${rng.int(1, 9)}${String(rng.int(0, 999_999_999)).padStart(9, '0')}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
}

/** Makes sure the brand is named early enough to survive a retweet's 140-character cut. */
export function withBrandEarly(text: string, lang: Lang): string {
  if (/kerlann|vapeur 6l/i.test(text.slice(0, 90))) return text;
  return `${lang === 'fr' ? '@KerlannFR' : '@kerlann'} ${text}`;
}

export function remember(list: Post[], post: Post, max: number): void {
  list.push(post);
  if (list.length > max) list.shift();
}
