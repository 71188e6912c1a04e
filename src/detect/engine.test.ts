import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Rng } from '../demo/prng.ts';
import type { MentionDraft } from '../domain/mention.ts';
import { severityRank, type Signal } from '../domain/signal.ts';
import { silentLogger } from '../observe/logger.ts';
import { BRUMEO, draft, WS } from '../pipeline/fixtures.ts';
import { createPipeline } from '../pipeline/pipeline.ts';
import { GeneratedSource } from '../pipeline/test-source.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import type { Brand } from '../domain/brand.ts';
import { createBaselineEnricher } from '../understand/baseline/enricher.ts';
import { createLexiconBaseline } from '../understand/categories/lexicon-baseline.ts';
import type { Enricher } from '../understand/enricher.ts';
import { DetectionEngine, type SignalSink } from './engine.ts';
import { createBrandExplainer } from './explain/explainer.ts';

const ORDINARY = [
  "J'adore ma Brumeo citron, parfaite après le sport",
  'Brumeo pétillante au petit déjeuner, simple et bon',
  'Quelqu un a goûté la nouvelle Brumeo framboise ?',
  'Brumeo sparkling water is my go-to this summer',
  'Picked up a pack of Brumeo at the market today',
  'Brumeo ou eau plate, le débat continue au bureau',
];
const CRISIS = [
  'Brumeo bouteille explosée dans le frigo, verre partout, dangereux #rappelBrumeo',
  'Ma bouteille Brumeo a explosé, mon fils blessé à la main, scandale #rappelBrumeo',
  'Brumeo exploding bottles, glass everywhere, this is dangerous #rappelBrumeo',
];
const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 2); // a Monday

/**
 * Three quiet days (about 6 mentions an hour, a daily rhythm, ordinary tone), then a wave of
 * negative posts about exploding bottles: 40 an hour, from many authors, with near-duplicates.
 */
function scenario(): MentionDraft[] {
  const rng = new Rng(11);
  const out: MentionDraft[] = [];
  let n = 0;
  const crisisAt = START + 3 * DAY + 10 * 3_600_000;
  for (let minute = 0; minute < 3 * 24 * 60 + 12 * 60; minute++) {
    const t = START + minute * 60_000;
    const hour = (minute / 60) % 24;
    const rate = (hour >= 7 && hour < 23 ? 0.12 : 0.03) + (t >= crisisAt && t < crisisAt + 3 * 3_600_000 ? 0.7 : 0);
    const k = rng.poisson(rate);
    for (let i = 0; i < k; i++) {
      const crisis = t >= crisisAt && rng.next() < 0.7 / rate;
      const text = crisis ? rng.pick(CRISIS) : rng.pick(ORDINARY);
      out.push(
        draft(++n, {
          text,
          createdAt: t + i * 1000,
          receivedAt: t + i * 1000 + 50,
          author: { id: `x:a${rng.int(0, 5000)}`, handle: `a${n}`, name: null, followers: rng.int(10, 3000), verified: false, kind: 'person' },
        }),
      );
    }
  }
  return out;
}

interface DetectionRun {
  signals: Signal[];
  store: Store;
  brand: Brand;
}

/**
 * Pushes `drafts` through the real pipeline (a fresh SQLite file, the given enricher and batch
 * size) with a detection engine listening, then hands the signals, in the order published, to
 * `check`. With `storeSignals`, the signals are also stored, as the CLI does.
 */
async function withDetection(
  drafts: readonly MentionDraft[],
  o: { enricher: Enricher; batchSize: number; explainer: boolean; storeSignals?: boolean },
  check: (run: DetectionRun) => Promise<void> | void,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-engine-'));
  const store = await openStore({ sqlitePath: join(dir, 'v.db'), logger: silentLogger, threaded: false });
  try {
    await store.migrate();
    await store.upsertWorkspace({ id: WS, name: 'Acme', createdAt: 0 });
    const brand = await store.createBrand(WS, BRUMEO, 0);
    const signals: Signal[] = [];
    const sinks: SignalSink[] = [{ publish: (s) => void signals.push(s) }];
    if (o.storeSignals) sinks.push({ publish: (s) => store.upsertSignal(WS, s) });
    const engine = new DetectionEngine({ workspaceId: WS, explainer: o.explainer ? () => createBrandExplainer() : null, sinks });
    const pipeline = createPipeline({
      store,
      workspaceId: WS,
      brands: [brand],
      enricher: o.enricher,
      listeners: [engine],
      logger: silentLogger,
      influencerFollowers: 10_000,
      batchSize: o.batchSize,
    });
    await pipeline.run(new GeneratedSource('t', (i) => (i < drafts.length ? { kind: 'mention', mention: drafts[i] as MentionDraft } : null)));
    await engine.flush();
    await check({ signals, store, brand });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the engine stays quiet on ordinary days and signals the wave with severity and evidence, stored', async () => {
  await withDetection(scenario(), { enricher: createBaselineEnricher({ influencerFollowers: 10_000 }), batchSize: 200, explainer: true, storeSignals: true }, async ({ signals, store, brand }) => {
    const crisisAt = START + 3 * DAY + 10 * 3_600_000;
    const byId = new Map(signals.map((s) => [s.id, s]));
    const episodes = [...byId.values()];
    const before = episodes.filter((s) => s.startedAt < crisisAt);
    assert.ok(
      before.every((s) => severityRank(s.severity) >= 4),
      `only SEV4 watch signals before the wave: ${before.map((s) => `${s.kind} ${s.severity} ${s.summary}`).join('; ')}`,
    );
    const during = episodes.filter((s) => s.startedAt >= crisisAt && s.kind !== 'feed_quiet').sort((a, b) => a.startedAt - b.startedAt);
    assert.ok(during.length > 0, 'the wave is signalled');
    const first = during[0] as Signal;
    assert.ok(first.startedAt - crisisAt <= 30 * 60_000, `signalled within 30 minutes (after ${(first.startedAt - crisisAt) / 60_000} min)`);
    const worst = during.reduce((a, s) => (severityRank(s.severity) < severityRank(a.severity) ? s : a));
    assert.ok(severityRank(worst.severity) <= 3, `a negative wave is at least SEV3 (got ${worst.severity})`);
    assert.ok(worst.factors.length > 0 && worst.factors.some((f) => f.points > 0), 'the severity says why');
    const withEvidence = during.find((s) => s.evidence !== null && s.evidence.mentions > 0);
    assert.ok(withEvidence, 'signals carry evidence');
    const ev = withEvidence.evidence;
    assert.ok(ev !== null);
    const words = [...ev.terms.map((t) => t.term), ...ev.hashtags.map((t) => t.term)].join(' ');
    assert.match(words, /explos|rappelbrumeo|bouteille|dangereux|glass/i, `bursting terms name the story: ${words}`);
    assert.ok(ev.topPosts.length > 0 && ev.samples.length > 0);

    // Stored with their evidence, as the API and CLI read them.
    const page = await store.listSignals(WS, { brandId: brand.id, limit: 100 });
    assert.equal(page.items.length, byId.size);
    const stored = await store.getSignal(WS, first.id);
    assert.deepEqual(stored, byId.get(first.id));
  });
});

/** The baseline enricher plus crisis-trigger categories from the lexicons (no model file needed). */
function enricherWithCategories(): Enricher {
  const base = createBaselineEnricher({ influencerFollowers: 10_000 });
  const categories = createLexiconBaseline();
  return {
    name: `${base.name}+lexicon-categories`,
    enrich(input) {
      const r = base.enrich(input);
      return { lang: r.lang, enrichment: { ...r.enrichment, categories: categories(input.mention.text, r.lang === null ? null : r.lang.slice(0, 2)) } };
    },
  };
}

test('categories flow from the enricher to trigger_burst: the wave about exploding bottles opens it, named', async () => {
  await withDetection(scenario(), { enricher: enricherWithCategories(), batchSize: 200, explainer: false }, ({ signals }) => {
    const crisisAt = START + 3 * DAY + 10 * 3_600_000;
    const triggers = [...new Map(signals.filter((s) => s.kind === 'trigger_burst').map((s) => [s.id, s])).values()];
    assert.deepEqual(triggers.filter((s) => s.startedAt < crisisAt).map((s) => s.summary), [], 'none before the wave');
    const opened = triggers.find((s) => s.startedAt >= crisisAt);
    assert.ok(opened, 'trigger_burst opened');
    assert.ok(opened.startedAt - crisisAt <= 30 * 60_000, `within 30 minutes (after ${(opened.startedAt - crisisAt) / 60_000} min)`);
    assert.match(opened.summary, /negative mentions about product safety/);
    assert.ok(opened.factors.some((f) => f.name === 'category' && /product safety/i.test(f.detail)), 'severity names the trigger');
  });
});

test('a brand whose feed dies is told apart from a calm one: feed_quiet, then it closes when mentions come back', async () => {
  const signals: Signal[] = [];
  const engine = new DetectionEngine({ workspaceId: WS, explainer: null, sinks: [{ publish: (s) => void signals.push(s) }] });
  const rng = new Rng(5);
  const bucket = (start: number, count: number) => ({
    workspaceId: WS, brandId: 'brumeo', start, bucketMs: 60_000, count, negative: 0, positive: 0, reach: count * 100, uniqueAuthors: count, influencer: 0, media: 0,
  });
  // Two days at ~20 a minute, then 3 hours of nothing (the connector died), then back.
  const dead = START + 2 * DAY;
  for (let t = START; t < dead + 4 * 3_600_000; t += 60_000) {
    const silent = t >= dead && t < dead + 3 * 3_600_000;
    if (!silent) await engine.onEvent({ type: 'bucket.closed', workspaceId: WS, bucket: bucket(t, rng.poisson(20)), late: false });
    await engine.onEvent({ type: 'watermark', workspaceId: WS, at: t + 60_000 });
  }
  const quiet = signals.filter((s) => s.kind === 'feed_quiet');
  assert.ok(quiet.length > 0, 'feed_quiet raised');
  const opened = quiet[0] as Signal;
  assert.ok(opened.startedAt >= dead && opened.startedAt - dead <= 10 * 60_000, `within 10 minutes of the silence (${(opened.startedAt - dead) / 60_000} min)`);
  assert.ok(quiet.some((s) => s.status === 'closed' && (s.endedAt ?? 0) >= dead + 3 * 3_600_000), 'closed once mentions are back');
  assert.ok(signals.filter((s) => s.startedAt < dead && s.kind !== 'volume').length === 0, 'nothing else before');
});

test('detection options are validated with their path', () => {
  assert.throws(() => new DetectionEngine({ workspaceId: WS, sinks: [], detection: { openScore: 2 } }), /detection\.openScore/);
  assert.throws(
    () => new DetectionEngine({ workspaceId: WS, sinks: [], perBrand: { brumeo: { closeScore: 0.9, openScore: 0.5 } } }),
    /brands\.brumeo\.detection\.closeScore/,
  );
});

test('a pipeline batch spanning days of a quiet brand still gives every signal its evidence (mentions are read as their bucket is judged)', async () => {
  const drafts = scenario();
  // Two ordinary days after the wave, in the same batch: far more minutes than the explainer's
  // recent horizon lie after the wave's buckets when they are judged.
  const end = drafts[drafts.length - 1]!.createdAt;
  for (let minute = 1; minute < 2 * 24 * 60; minute += 7) {
    const t = end + minute * 60_000;
    drafts.push(draft(100_000 + minute, { text: ORDINARY[minute % ORDINARY.length]!, createdAt: t, receivedAt: t + 50, author: { id: `x:t${minute}`, handle: `t${minute}`, name: null, followers: 100, verified: false, kind: 'person' } }));
  }
  await withDetection(drafts, { enricher: createBaselineEnricher({ influencerFollowers: 10_000 }), batchSize: 100_000, explainer: true }, ({ signals }) => {
    const opened = [...new Map(signals.map((s) => [s.id, s])).values()].filter((s) => s.kind !== 'feed_quiet');
    assert.ok(opened.length > 0);
    for (const s of opened) assert.ok((s.evidence?.mentions ?? 0) > 0, `${s.id} has evidence (${s.evidence?.mentions} mentions)`);
  });
});
