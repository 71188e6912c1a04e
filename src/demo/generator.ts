import type { Account } from './accounts.ts';
import { baselinePost, giveawayPost, noisePost } from './baseline-posts.ts';
import { createContext, type Ctx, remember } from './context.ts';
import { crisisPost } from './crisis-posts.ts';
import type { Post } from './post.ts';
import { baselinePerMinute, crisisPerMinute, footballPerMinute, giveawayPerMinute, NOISE_SHARE } from './rhythm.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, type Schedule } from './schedule.ts';
import { type Beat, beats } from './story.ts';

type SlotKind = 'baseline' | 'noise' | 'football' | 'giveaway' | 'crisis';
interface Slot {
  ms: number;
  kind: SlotKind | 'beat';
  beat?: Beat;
}

/** Poisson arrivals for one minute, placed at random milliseconds within it (and after `notBefore`). */
function arrivals(ctx: Ctx, slots: Slot[], minute: number, mean: number, kind: SlotKind, notBefore = 0): void {
  const n = ctx.rng.poisson(mean);
  for (let i = 0; i < n; i++) {
    const ms = minute + ctx.rng.int(0, MINUTE_MS - 1);
    if (ms > notBefore) slots.push({ ms, kind });
  }
}

function build(ctx: Ctx, slot: Slot): Post {
  switch (slot.kind) {
    case 'baseline':
      return baselinePost(ctx, slot.ms);
    case 'giveaway':
      return giveawayPost(ctx, slot.ms);
    case 'noise':
      return noisePost(ctx, slot.ms, false);
    case 'football':
      return noisePost(ctx, slot.ms, true);
    case 'crisis':
      return crisisPost(ctx, slot.ms);
    case 'beat': {
      const beat = slot.beat as Beat;
      const post = beat.make(ctx, slot.ms);
      ctx.keys.set(beat.key, post);
      if (beat.draw !== undefined) ctx.candidates.push({ post, ...beat.draw });
      if (post.category === 'baseline') remember(ctx.recent, post, 120);
      return post;
    }
  }
}

/** One run of the generator: the story's schedule, the accounts (for rendering) and the posts. */
export interface Run {
  schedule: Schedule;
  accounts: ReadonlyMap<string, Account>;
  posts: Generator<Post, void, undefined>;
}

/**
 * Every post of the scenario, in ascending time, generated an hour at a time so that memory stays
 * small. The same seed always yields the same posts: all randomness comes from one seeded stream.
 */
export function startRun(seed: number, startMs: number, baselineDays: number): Run {
  const ctx = createContext(seed, startMs, baselineDays);
  return { schedule: ctx.schedule, accounts: ctx.accounts, posts: generatePosts(ctx) };
}

function* generatePosts(ctx: Ctx): Generator<Post, void, undefined> {
  const s = ctx.schedule;
  const startMs = s.startMs;
  const pending = beats(ctx).sort((a, b) => a.ms - b.ms);
  let last = startMs - 1;
  for (let hour = startMs; hour < s.endMs; hour += HOUR_MS) {
    const slots: Slot[] = [];
    for (let minute = hour; minute < hour + HOUR_MS && minute < s.endMs; minute += MINUTE_MS) {
      const mid = minute + MINUTE_MS / 2;
      const day = ctx.dayFactors[Math.floor((minute - startMs) / DAY_MS)] ?? 1;
      const base = baselinePerMinute(mid, day);
      arrivals(ctx, slots, minute, base, 'baseline');
      arrivals(ctx, slots, minute, base * NOISE_SHARE, 'noise');
      arrivals(ctx, slots, minute, giveawayPerMinute(s, mid), 'giveaway', s.giveawayMs);
      arrivals(ctx, slots, minute, footballPerMinute(s, mid), 'football', s.footballMs);
      // Crisis chatter starts a minute after the first post, which stays the first of the crisis.
      if (mid > s.onsetMs) arrivals(ctx, slots, minute, crisisPerMinute(ctx.knots, mid), 'crisis', s.onsetMs + MINUTE_MS);
    }
    while (pending.length > 0 && (pending[0] as Beat).ms < hour + HOUR_MS) {
      const beat = pending.shift() as Beat;
      slots.push({ ms: beat.ms, kind: 'beat', beat });
    }
    // Beats first on equal times; then every post gets its own millisecond (ids and order stay strict).
    slots.sort((a, b) => a.ms - b.ms || (a.kind === 'beat' ? -1 : b.kind === 'beat' ? 1 : 0));
    for (const slot of slots) {
      if (slot.ms <= last) slot.ms = last + 1;
      last = slot.ms;
      if (slot.ms >= s.endMs) return;
      yield build(ctx, slot);
    }
  }
}
