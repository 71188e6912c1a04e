import { Rng } from '../../demo/prng.ts';
import type { WorkspaceId } from '../../domain/ids.ts';
import type { Mention, SentimentLabel, Stakeholder } from '../../domain/mention.ts';
import type { SeriesBucket } from '../../domain/series.ts';

/**
 * Test support (not a test): a synthetic brand stream with crisis-trigger categories already
 * set, as the understanding stage would set them, minute by minute. An ordinary day has a daily
 * rhythm and a handful of triggered complaints (broken products every day, a burn now and then),
 * some answered within minutes by other authors (replies, half of them without the category in
 * their own words), some repeated by their own author — the clumps
 * that make real streams burstier than Poisson. A burst adds negative posts of one category
 * from distinct authors at a fixed rate.
 */

const MINUTE = 60_000;

/** Ordinary triggered complaints per day, by category (negative mentions). */
export const ORDINARY_TRIGGERS_PER_DAY: Readonly<Record<string, number>> = {
  product_defect: 15,
  customer_service: 20,
  pricing: 8,
  product_safety: 1,
  service_outage: 1,
  legal: 0.3,
  conduct: 0.2,
  boycott: 0.2,
  data_breach: 0.1,
};

export interface TriggerStreamOptions {
  workspaceId: WorkspaceId;
  brandId: string;
  /** First minute (epoch ms, a whole minute). */
  start: number;
  minutes: number;
  seed: number;
  /** Untriggered mentions per minute by day (07:00–23:00 UTC) and by night. */
  dayRate?: number;
  nightRate?: number;
  /** Share of triggered complaints echoed by 1 to 3 other authors within 15 minutes. */
  echoShare?: number;
  /** Share of triggered complaints their author repeats once or twice within 10 minutes. */
  repeatShare?: number;
  /** Optional burst of negative posts of one category from distinct authors, from `from` to `to`. */
  burst?: TriggerBurstPlan;
}

export interface TriggerBurstPlan {
  category: string;
  from: number;
  to: number;
  /** Posts per minute on average (Poisson)… */
  perMinute?: number;
  /** …or exactly these many posts per 5-minute bucket (cycled), one a minute from the bucket's start. */
  perBucket?: readonly number[];
  sentiment?: SentimentLabel;
  /** Who posts them (default customers). */
  stakeholder?: Stakeholder;
  /** The first post carries the category; the others reply to it without naming it ("get that burn checked"). */
  asReplies?: boolean;
}

/** One minute of the stream: its mentions and its series bucket. */
export interface StreamMinute {
  start: number;
  mentions: Mention[];
  bucket: SeriesBucket;
}

export function* triggerStream(o: TriggerStreamOptions): Generator<StreamMinute> {
  const rng = new Rng(o.seed);
  const dayRate = o.dayRate ?? 0.4;
  const nightRate = o.nightRate ?? 0.08;
  const echoShare = o.echoShare ?? 0.25;
  const repeatShare = o.repeatShare ?? 0.1;
  let n = 0;
  // Echoes and repeats scheduled for later minutes: minute → mentions.
  const later = new Map<number, Mention[]>();
  const make = (t: number, author: string, sentiment: SentimentLabel, categories: string[], replyTo: string | null = null, stakeholder: Stakeholder = 'customer'): Mention => {
    n++;
    return {
      id: `x:${o.seed}-${n}`,
      workspaceId: o.workspaceId,
      platform: 'x',
      url: null,
      author: { id: author, handle: author.slice(2), name: null, followers: 100 + ((n * 37) % 2000), verified: false, kind: 'person' },
      text: categories.length > 0 ? `complaint about ${categories.join(' and ')}` : replyTo !== null ? 'oh no, that is awful' : 'an ordinary post',
      lang: 'en',
      createdAt: t,
      receivedAt: t + 50,
      editedAt: null,
      deletedAt: null,
      relations: { replyTo, quoteOf: null, repostOf: null, conversationId: replyTo },
      engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null },
      brandIds: [o.brandId],
      matchingRules: [],
      enrichment: { sentiment: { label: sentiment, score: sentiment === 'negative' ? -0.6 : sentiment === 'positive' ? 0.6 : 0, model: 'fixture' }, categories, stakeholder, reach: 200 },
      raw: null,
    };
  };
  const schedule = (t: number, m: Mention): void => {
    const minute = Math.floor(t / MINUTE) * MINUTE;
    let list = later.get(minute);
    if (list === undefined) later.set(minute, (list = []));
    list.push(m);
  };
  const perDay = Object.entries(ORDINARY_TRIGGERS_PER_DAY);
  let burstRoot: string | null = null;
  for (let i = 0; i < o.minutes; i++) {
    const start = o.start + i * MINUTE;
    const hour = new Date(start).getUTCHours();
    const busy = hour >= 7 && hour < 23;
    // Triggered complaints follow the day's rhythm too (about 90% by day).
    const rhythm = busy ? 0.9 / (16 * 60) : 0.1 / (8 * 60);
    const mentions = later.get(start) ?? [];
    later.delete(start);
    const plain = rng.poisson(busy ? dayRate : nightRate);
    for (let k = 0; k < plain; k++) {
      const r = rng.next();
      mentions.push(make(start + rng.int(0, 59_999), `x:p${rng.int(0, 100_000)}`, r < 0.1 ? 'negative' : r < 0.6 ? 'neutral' : 'positive', []));
    }
    for (const [category, daily] of perDay) {
      const k = rng.poisson(daily * rhythm);
      for (let j = 0; j < k; j++) {
        const t = start + rng.int(0, 59_999);
        const author = `x:c${rng.int(0, 1_000_000)}`;
        const complaint = make(t, author, 'negative', [category]);
        mentions.push(complaint);
        if (rng.next() < echoShare) {
          // Replies from other authors: "same here" (the category in their own words) or "oh no" (none).
          const echoes = rng.int(1, 3);
          for (let e = 0; e < echoes; e++) {
            schedule(t + rng.int(1, 15) * MINUTE, make(t, `x:e${rng.int(0, 1_000_000)}`, 'negative', rng.next() < 0.5 ? [category] : [], complaint.id));
          }
        }
        if (rng.next() < repeatShare) {
          const repeats = rng.int(1, 2);
          for (let e = 0; e < repeats; e++) schedule(t + rng.int(1, 10) * MINUTE, make(t, author, 'negative', [category]));
        }
      }
    }
    const b = o.burst;
    if (b !== undefined && start >= b.from && start < b.to) {
      let k: number;
      if (b.perBucket !== undefined && b.perBucket.length > 0) {
        // Spread the bucket's posts over its first minutes, one a minute.
        const index = Math.floor((start - b.from) / (5 * MINUTE));
        const minuteOf = ((start - b.from) / MINUTE) % 5;
        k = minuteOf < (b.perBucket[index % b.perBucket.length] as number) ? 1 : 0;
      } else {
        k = rng.poisson(b.perMinute ?? 0);
      }
      for (let j = 0; j < k; j++) {
        const root = burstRoot;
        const reply = b.asReplies === true && root !== null;
        const m = make(start + rng.int(0, 59_999), `x:b${rng.int(0, 1_000_000)}`, b.sentiment ?? 'negative', reply ? [] : [b.category], reply ? root : null, b.stakeholder);
        if (burstRoot === null) burstRoot = m.id;
        mentions.push(m);
      }
    }
    // Scheduled mentions keep their minute's time.
    for (const m of mentions) if (m.createdAt < start || m.createdAt >= start + MINUTE) m.createdAt = start + rng.int(0, 59_999);
    mentions.sort((a, c) => a.createdAt - c.createdAt);
    const bucket: SeriesBucket = {
      workspaceId: o.workspaceId,
      brandId: o.brandId,
      start,
      bucketMs: MINUTE,
      count: mentions.length,
      negative: mentions.filter((m) => m.enrichment.sentiment?.label === 'negative').length,
      positive: mentions.filter((m) => m.enrichment.sentiment?.label === 'positive').length,
      reach: mentions.reduce((a, m) => a + m.enrichment.reach, 0),
      uniqueAuthors: new Set(mentions.map((m) => m.author.id)).size,
      influencer: 0,
      media: 0,
    };
    yield { start, mentions, bucket };
  }
}
