import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkspaceId } from '../../domain/ids.ts';
import type { Mention } from '../../domain/mention.ts';
import { severityRank, type Signal } from '../../domain/signal.ts';
import { DetectionEngine } from '../engine.ts';
import { ThreadTriggers } from './thread-triggers.ts';
import { DEFAULT_TRIGGER_BURST_SETTINGS, resolveTriggerBurstSettings, TriggerBurstDetector, TriggerBurstSettingsError } from './trigger-burst.ts';
import { triggerStream, type TriggerBurstPlan } from './trigger-fixtures.ts';

const WS = 'acme' as WorkspaceId;
const DAY = 86_400_000;
const MINUTE = 60_000;
const STEP = 5 * MINUTE;
const START = Date.UTC(2026, 2, 2); // a Monday
/** The burst starts on a bucket boundary, a week in, on a busy Monday morning. */
const ONSET = START + 7 * DAY + 10 * 3_600_000;

/** Feeds a synthetic stream to a real detection engine (one brand), as the pipeline would; returns its episodes. */
async function replay(seed: number, days: number, burst?: TriggerBurstPlan, into?: { engine: DetectionEngine; signals: Signal[] }): Promise<Signal[]> {
  const signals: Signal[] = into?.signals ?? [];
  const e = into?.engine ?? new DetectionEngine({ workspaceId: WS, explainer: null, sinks: [{ publish: (s) => void signals.push(s) }] });
  for (const m of triggerStream({ workspaceId: WS, brandId: 'kestrel', start: START, minutes: days * 1440, seed, burst })) {
    if (m.mentions.length > 0) await e.onEvent({ type: 'mentions.stored', workspaceId: WS, mentions: m.mentions });
    await e.onEvent({ type: 'bucket.closed', workspaceId: WS, bucket: m.bucket, late: false });
    await e.onEvent({ type: 'watermark', workspaceId: WS, at: m.start + MINUTE });
  }
  await e.flush();
  const episodes = new Map<string, Signal>();
  for (const s of signals) episodes.set(s.id, s);
  return [...episodes.values()];
}

/** Buckets from the onset's bucket to the end of the one that opened the signal (1 = the onset's own). */
const bucketsToOpen = (s: Signal): number => Math.round((s.startedAt + STEP - Math.floor(ONSET / STEP) * STEP) / STEP);

test('a product-safety burst of 2–3 posts per 5 minutes opens trigger_burst within 2 buckets, and says what and how many', async () => {
  const signals = await replay(3, 7.5, { category: 'product_safety', from: ONSET, to: ONSET + 3_600_000, perBucket: [2, 3] });
  const before = signals.filter((s) => s.kind === 'trigger_burst' && s.startedAt < ONSET);
  assert.deepEqual(before.map((s) => s.summary), [], 'no trigger_burst in the ordinary week');
  const opened = signals.filter((s) => s.kind === 'trigger_burst' && s.startedAt >= ONSET).sort((a, b) => a.startedAt - b.startedAt)[0];
  assert.ok(opened, 'trigger_burst opened');
  assert.ok(bucketsToOpen(opened) <= 2, `opened within 2 buckets (after ${bucketsToOpen(opened)})`);
  assert.match(opened.summary, /^\d+ negative mentions about product safety in \d+ min \(usually [\d.]+\)/);
  // The burst is negative and about safety: worth a look now.
  assert.ok(severityRank(opened.severity) <= 3, `at least SEV3 (got ${opened.severity}: ${opened.factors.map((f) => `${f.name} ${f.points}`).join(', ')})`);
  // No count test can see 2–3 more posts over a busy hour: trigger_burst is the first to speak.
  const first = signals.filter((s) => s.startedAt >= ONSET && s.kind !== 'feed_quiet').sort((a, b) => a.startedAt - b.startedAt)[0];
  assert.equal(first?.kind, 'trigger_burst');
});

test('replies that do not name the trigger carry their thread’s: a victim and the replies under her post open it', async () => {
  const signals = await replay(4, 7.5, { category: 'product_safety', from: ONSET, to: ONSET + 3_600_000, perBucket: [2, 3], asReplies: true });
  const opened = signals.filter((s) => s.kind === 'trigger_burst' && s.startedAt >= ONSET)[0];
  assert.ok(opened, 'trigger_burst opened');
  assert.ok(bucketsToOpen(opened) <= 2, `opened within 2 buckets (after ${bucketsToOpen(opened)})`);
  assert.match(opened.summary, /product safety/);
});

test('ordinary weeks with scattered triggered complaints (some answered, some repeated) open no trigger_burst', async () => {
  for (const seed of [1, 2, 3]) {
    const signals = await replay(seed, 8);
    const triggers = signals.filter((s) => s.kind === 'trigger_burst');
    assert.deepEqual(
      triggers.map((s) => `${new Date(s.startedAt).toISOString()} ${s.summary}`),
      [],
      `seed ${seed}: no trigger_burst on ordinary days`,
    );
  }
});

test('one customer posting about the same burn again and again is one voice', async () => {
  const detector = new TriggerBurstDetector(rateOptions(), DEFAULT_TRIGGER_BURST_SETTINGS);
  let t = START;
  // A day of ordinary quiet: a burn now and then.
  for (let i = 0; i < 288; i++, t += STEP) detector.update(t, new Map(i % 100 === 50 ? [['product_safety', [`x:someone${i}`]]] : []));
  let max = 0;
  for (let i = 0; i < 6; i++, t += STEP) {
    const r = detector.update(t, new Map([['product_safety', ['x:angry']]]));
    max = Math.max(max, r.score);
  }
  assert.equal(max, 0, 'the same author six times in 30 minutes does not score');
  // Six different authors in the same 30 minutes do.
  for (let i = 0; i < 288; i++, t += STEP) detector.update(t, new Map());
  let other = 0;
  for (let i = 0; i < 6; i++, t += STEP) other = Math.max(other, detector.update(t, new Map([['product_safety', [`x:victim${i}`, `x:witness${i}`]]])).score);
  assert.ok(other >= 0.5, `distinct authors score (${other})`);
});

test('per category: daily broken-product complaints do not hide the first burns, and unwatched categories are ignored', () => {
  const detector = new TriggerBurstDetector(rateOptions(), DEFAULT_TRIGGER_BURST_SETTINGS);
  let t = START;
  let n = 0;
  const complaints = (k: number): string[] => Array.from({ length: k }, () => `x:c${n++}`);
  // Three days of a busy defect line (about 3 an hour) and pricing complaints (unwatched).
  for (let i = 0; i < 3 * 288; i++, t += STEP) {
    detector.update(t, new Map([['product_defect', complaints(i % 4 === 0 ? 1 : 0)], ['pricing', complaints(5)]]));
  }
  const r = detector.update(t, new Map([['product_defect', complaints(1)], ['product_safety', complaints(4)]]));
  assert.ok(r.score >= 0.5, `four burns in 5 minutes score (${r.score})`);
  assert.equal(r.categories[0]?.category, 'product_safety');
  assert.ok(r.categories.every((c) => c.category !== 'pricing'));
});

test('a replay of stored series (no mentions, no categories) neither opens nor teaches trigger_burst: it starts from live data', async () => {
  const signals: Signal[] = [];
  const engine = new DetectionEngine({ workspaceId: WS, explainer: null, sinks: [{ publish: (s) => void signals.push(s) }] });
  // A week of the series alone, as DetectionEngine.prime replays it: buckets, no mentions.
  const monitor = engine.monitor('kestrel');
  for (const m of triggerStream({ workspaceId: WS, brandId: 'kestrel', start: START, minutes: 7 * 1440, seed: 5 })) {
    monitor.addBucket(m.bucket, false);
    monitor.advance(m.start + MINUTE);
  }
  await engine.flush();
  assert.equal(signals.length, 0);
  // Live data then comes. The detector learnt nothing from the replay: a burst 10 minutes in
  // finds it blind (its predictive is wide until live data has taught it), while the same burst
  // a day later opens a signal.
  const live = START + 7 * DAY;
  const later = live + DAY + 10 * 3_600_000;
  for (const [from, seed] of [[live + 10 * MINUTE, 6], [later, 7]] as const) {
    const burst = { category: 'data_breach', from, to: from + 3_600_000, perBucket: [3] };
    const start = from === later ? live + 130 * MINUTE : live;
    for (const m of triggerStream({ workspaceId: WS, brandId: 'kestrel', start, minutes: from === later ? (from - start) / MINUTE + 120 : 130, seed, burst })) {
      if (m.mentions.length > 0) await engine.onEvent({ type: 'mentions.stored', workspaceId: WS, mentions: m.mentions });
      await engine.onEvent({ type: 'bucket.closed', workspaceId: WS, bucket: m.bucket, late: false });
      await engine.onEvent({ type: 'watermark', workspaceId: WS, at: m.start + MINUTE });
    }
  }
  await engine.flush();
  const opened = signals.filter((s) => s.kind === 'trigger_burst');
  assert.deepEqual(opened.filter((s) => s.startedAt < later).map((s) => s.summary), [], 'blind to the burst in its first live hours');
  assert.ok(opened.some((s) => s.startedAt >= later && /data breach/.test(s.summary)), 'the burst a day later opens');
});

test('the brand’s own posts and positive mentions about a trigger do not count', async () => {
  for (const plan of [
    { sentiment: 'positive' as const }, // "thank you for the quick recall"
    { stakeholder: 'brand' as const }, // the brand's own recall notices
  ]) {
    const signals = await replay(6, 7.5, { category: 'product_safety', from: ONSET, to: ONSET + 3_600_000, perBucket: [3], ...plan });
    assert.deepEqual(signals.filter((s) => s.kind === 'trigger_burst').map((s) => s.summary), [], JSON.stringify(plan));
  }
  // The same posts, negative and from customers, open it.
  const signals = await replay(6, 7.5, { category: 'product_safety', from: ONSET, to: ONSET + 3_600_000, perBucket: [3] });
  assert.ok(signals.some((s) => s.kind === 'trigger_burst'));
});

test('thread memory: replies, quotes and reposts inherit, up the thread; memory is bounded', () => {
  const threads = new ThreadTriggers(['product_safety', 'data_breach'], { maxEntries: 3, horizonMs: DAY });
  assert.deepEqual(threads.observe(mention('x:1', { categories: ['product_safety', 'pricing'] })), ['product_safety'], 'unwatched categories dropped');
  assert.deepEqual(threads.observe(mention('x:2', { replyTo: 'x:1' })), ['product_safety']);
  assert.deepEqual(threads.observe(mention('x:3', { quoteOf: 'x:2', categories: ['data_breach'] })), ['data_breach', 'product_safety']);
  assert.deepEqual(threads.observe(mention('x:4', { repostOf: 'x:unknown' })), []);
  assert.deepEqual(threads.observe(mention('x:5', { repostOf: 'x:3' })), ['data_breach', 'product_safety']);
  assert.equal(threads.size, 3, 'at most maxEntries remembered');
  assert.deepEqual(threads.observe(mention('x:6', { replyTo: 'x:1' })), [], 'the oldest was forgotten');
  // Forgotten once older than the horizon (a day here).
  threads.observe(mention('x:10', { categories: ['data_breach'] }, START + 2 * DAY));
  assert.deepEqual(threads.observe(mention('x:11', { replyTo: 'x:5' }, START + 2 * DAY)), [], 'x:5 is two days old');
  assert.deepEqual(threads.observe(mention('x:12', { replyTo: 'x:10' }, START + 2 * DAY)), ['data_breach']);
});

test('settings are checked with their path and a way to fix them', () => {
  assert.deepEqual(resolveTriggerBurstSettings(undefined), { ...DEFAULT_TRIGGER_BURST_SETTINGS, categories: [...DEFAULT_TRIGGER_BURST_SETTINGS.categories] });
  assert.deepEqual(resolveTriggerBurstSettings({ categories: ['product_safety', 'product_safety', 'recall'] }).categories, ['product_safety', 'recall']);
  assert.throws(() => resolveTriggerBurstSettings({ categories: ['Product Safety'] }, 'brands.kerlann.detection.triggers'), (e: unknown) => {
    assert.ok(e instanceof TriggerBurstSettingsError);
    assert.match(e.message, /brands\.kerlann\.detection\.triggers\.categories\.0: expected a category id such as product_safety/);
    return true;
  });
  assert.throws(() => resolveTriggerBurstSettings({ window: [1] }), /unrecognized key.*"window"|Unrecognized key.*window/i);
  assert.throws(() => resolveTriggerBurstSettings({ minDecades: 5, fullDecades: 4 }), /triggers\.fullDecades \(4\) must exceed minDecades \(5\)/);
  assert.throws(() => resolveTriggerBurstSettings({ sentiments: ['angry'] }), /triggers\.sentiments\.0/);
  assert.throws(() => resolveTriggerBurstSettings(['product_safety']), /triggers: expected a mapping of settings/);
  // [] turns it off: nothing ever scores.
  const off = new TriggerBurstDetector(rateOptions(), resolveTriggerBurstSettings({ categories: [] }));
  for (let i = 0; i < 300; i++) assert.equal(off.update(START + i * STEP, new Map([['product_safety', [`x:${i}`, `y:${i}`, `z:${i}`]]])).score, 0);
});

function rateOptions() {
  return {
    bucketMs: STEP,
    binHalfLifeDays: 14,
    globalHalfLifeDays: 3,
    priorBuckets: 12,
    maxEvidenceBuckets: 48,
    utcOffsetMinutes: 60,
    minRate: 0.01,
    learnCapFactor: 3,
  };
}

function mention(id: string, o: { categories?: string[]; replyTo?: string; quoteOf?: string; repostOf?: string }, at = START): Mention {
  return {
    id,
    workspaceId: WS,
    platform: 'x',
    url: null,
    author: { id: `x:a-${id}`, handle: null, name: null, followers: 10, verified: false, kind: 'person' },
    text: '',
    lang: 'en',
    createdAt: at,
    receivedAt: at,
    editedAt: null,
    deletedAt: null,
    relations: { replyTo: o.replyTo ?? null, quoteOf: o.quoteOf ?? null, repostOf: o.repostOf ?? null, conversationId: null },
    engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null },
    brandIds: ['kestrel'],
    matchingRules: [],
    enrichment: { sentiment: { label: 'negative', score: -0.5, model: 'fixture' }, categories: o.categories ?? [], stakeholder: 'customer', reach: 10 },
    raw: null,
  };
}
