import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Evidence, EvidencePost } from '../../domain/signal.ts';
import { EvidenceSchema } from '../../domain/signal.ts';
import { Rng } from '../../demo/prng.ts';
import type { ExplainableMention } from '../types.ts';
import { createBrandExplainer, type IncrementalExplainer } from './explainer.ts';
import type { ExplainerOptions } from './options.ts';
import { type CrisisTruth, HOUR_MS, mention, MINUTE_MS, ROOT_TEXT, STREAM_START, StreamBuilder } from './test-stream.ts';

/** Six hours of ordinary chatter, then 30 minutes of crisis (and chatter on), then more chatter. */
const CRISIS_AT = STREAM_START + 6 * HOUR_MS;
const WINDOW: [number, number] = [CRISIS_AT, CRISIS_AT + 30 * MINUTE_MS];
const ARTICLE = `Enquête. ${'Plusieurs autocuiseurs Kerlann auraient explosé en cuisine ces derniers jours, selon des témoignages recueillis par notre rédaction. '.repeat(10)}`;

interface Scenario {
  mentions: ExplainableMention[];
  truth: CrisisTruth;
}

function scenario(baselineHours = 6): Scenario {
  const b = new StreamBuilder(7);
  const start = CRISIS_AT - baselineHours * HOUR_MS;
  b.baseline(start, CRISIS_AT + 2 * HOUR_MS, 4);
  const truth = b.crisis(CRISIS_AT, 30, 15, 30, 25);
  b.out.push(mention({ id: 'x:article', text: ARTICLE, createdAt: CRISIS_AT + 20 * MINUTE_MS, handle: 'ouest_info', followers: 90_000, stakeholder: 'media', lang: 'fr' }));
  // A repost by a large account: its reach counts in the chain, but it is no top post.
  b.out.push(
    mention({ id: 'x:big-repost', text: `RT @cuisine_de_lea: ${ROOT_TEXT}`, createdAt: CRISIS_AT + 9 * MINUTE_MS, handle: 'grand_compte', followers: 300_000, repostOf: truth.rootId }),
  );
  // A bot: many mentions, little reach.
  for (let k = 0; k < 20; k++) {
    b.out.push(mention({ id: `x:bot${k}`, text: `Kerlann ${k} ${'zxq'.repeat(k % 3)}`, createdAt: CRISIS_AT + k * MINUTE_MS + 500, handle: 'bot', followers: 2, lang: 'fr' }));
  }
  return { mentions: b.sorted(), truth };
}

function fed(mentions: readonly ExplainableMention[], options?: ExplainerOptions): IncrementalExplainer {
  const ex = createBrandExplainer(options);
  for (const m of mentions) ex.observe(m);
  return ex;
}

const S = scenario();
const EX = fed(S.mentions);
const EV = EX.explain(...WINDOW);

const inWindow = (m: ExplainableMention): boolean => m.createdAt >= WINDOW[0] && m.createdAt < WINDOW[1];
const byReachThenTime = (a: ExplainableMention, b: ExplainableMention): number =>
  b.enrichment.reach - a.enrichment.reach || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);

test('the evidence is valid and covers the window asked', () => {
  assert.equal(EvidenceSchema.safeParse(EV).success, true);
  assert.deepEqual([EV.from, EV.to], WINDOW);
  assert.equal(EV.mentions, S.mentions.filter(inWindow).length);
});

test('bursting terms and hashtags come first; words common in the baseline do not burst', () => {
  const terms = EV.terms.map((t) => t.term);
  assert.equal(terms[0], 'explosion');
  assert.ok(terms.slice(0, 3).includes('couvercle'), terms.join(' '));
  assert.equal(EV.hashtags[0]?.term, '#rappel');
  for (const common of ['kerlann', 'recette', 'livraison', 'merci', 'commande', 'cooker']) assert.ok(!terms.includes(common), common);
  for (const tag of ['#recette', '#cuisine', '#recipe']) assert.ok(!EV.hashtags.some((t) => t.term === tag), tag);
  for (const list of [EV.terms, EV.hashtags]) {
    assert.ok(list.length > 0 && list.length <= 10);
    list.forEach((t, i) => {
      assert.ok(t.count >= 3 && t.count > t.expected, `${t.term} over-represented`);
      if (i > 0) assert.ok(t.llr <= (list[i - 1]?.llr ?? Infinity), 'ranked by G²');
    });
  }
  const couvercle = EV.terms.find((t) => t.term === 'couvercle');
  assert.ok(couvercle !== undefined && couvercle.expected > 0, 'the baseline knows "couvercle"');
  assert.equal(EV.terms[0]?.expected, 0, 'and has never seen "explosion"');
});

test('the near-copies and the repost chain are storylines of the right sizes', () => {
  const copies = S.mentions.filter((m) => m.author.id.startsWith('x:c'));
  const dup = EV.storylines.find((s) => s.kind === 'near_duplicate' && s.representative.text.includes('plusieurs clients blessés'));
  assert.ok(dup !== undefined, 'near-duplicate storyline found');
  assert.equal(dup.size, S.truth.copies);
  assert.equal(dup.authors, S.truth.copyAuthors);
  assert.equal(dup.firstAt, Math.min(...copies.map((m) => m.createdAt)));
  assert.equal(dup.lastAt, Math.max(...copies.map((m) => m.createdAt)));
  assert.equal(dup.representative.createdAt, dup.firstAt);
  assert.equal(dup.reach, copies.reduce((sum, m) => sum + m.enrichment.reach, 0));

  const chain = EV.storylines.find((s) => s.kind === 'repost_chain');
  assert.ok(chain !== undefined, 'repost chain found');
  assert.equal(chain.representative.mentionId, S.truth.rootId, 'the root post represents its chain');
  assert.equal(chain.size, S.truth.reposts + 2, 'the reposts, the large account’s and the root');
  assert.equal(chain.authors, S.truth.repostAuthors + 2);
  const chainReach = S.mentions.filter((m) => m.relations.repostOf === S.truth.rootId || m.id === S.truth.rootId).reduce((s, m) => s + m.enrichment.reach, 0);
  assert.equal(chain.reach, chainReach);

  assert.equal(new Set(EV.storylines.map((s) => s.id)).size, EV.storylines.length, 'ids unique');
  assert.deepEqual(EX.explain(...WINDOW), EV, 'the same window gives the same evidence, ids included');
  EV.storylines.forEach((s, i) => i > 0 && assert.ok(s.size <= (EV.storylines[i - 1]?.size ?? Infinity)));
});

test('top posts by reach (reposts aside), texts cut at 280 characters', () => {
  const expected = S.mentions
    .filter((m) => inWindow(m) && m.relations.repostOf === null)
    .sort(byReachThenTime)
    .slice(0, 10)
    .map((m) => m.id);
  assert.deepEqual(
    EV.topPosts.map((p) => p.mentionId),
    expected,
  );
  assert.equal(EV.topPosts[0]?.mentionId, S.truth.rootId);
  assert.ok(!EV.topPosts.some((p) => p.mentionId === 'x:big-repost'));
  const article = EV.topPosts.find((p) => p.mentionId === 'x:article') as EvidencePost;
  assert.equal(article.text.length, 280);
  assert.ok(article.text.endsWith('…') && ARTICLE.startsWith(article.text.slice(0, -1)));
});

test('top authors by reach, with their stakeholder and followers, and room for the most active', () => {
  const first = EV.topAuthors[0];
  assert.deepEqual(first, { authorId: 'x:influ', handle: 'cuisine_de_lea', followers: 480_000, stakeholder: 'influencer', mentions: 1, reach: 480_000 });
  assert.equal(EV.topAuthors[1]?.authorId, 'x:grand_compte', 'a repost counts for its author');
  assert.equal(EV.topAuthors.find((a) => a.authorId === 'x:ouest_info')?.stakeholder, 'media');
  const bot = EV.topAuthors.find((a) => a.authorId === 'x:bot');
  assert.equal(bot?.mentions, 20);
  assert.ok(EV.topAuthors.length <= 10);
});

test('samples: the most reached few of each language, the most frequent language first', () => {
  assert.deepEqual(
    EV.samples.map((s) => s.lang),
    ['fr', 'en'],
  );
  for (const s of EV.samples) {
    const expected = S.mentions
      .filter((m) => inWindow(m) && m.lang === s.lang && m.relations.repostOf === null)
      .sort(byReachThenTime)
      .slice(0, 3)
      .map((m) => m.id);
    assert.deepEqual(
      s.mentions.map((p) => p.mentionId),
      expected,
      s.lang,
    );
    for (const p of s.mentions) assert.ok(p.text.length <= 280);
  }
});

test('mentions arriving up to five minutes late give the same evidence', () => {
  const rng = new Rng(99);
  const late = S.mentions.map((m) => ({ m, at: m.createdAt + rng.int(0, 5 * MINUTE_MS) })).sort((a, b) => a.at - b.at);
  const ex = fed(late.map((x) => x.m));
  const ev = ex.explain(...WINDOW);
  const comparable = (e: Evidence): unknown => ({ ...e, storylines: null });
  assert.deepEqual(comparable(ev), comparable(EV));
  const sizes = (e: Evidence): number[] => e.storylines.filter((s) => s.kind === 'repost_chain' || s.representative.text.includes('plusieurs clients')).map((s) => s.size);
  assert.deepEqual(sizes(ev).sort(), sizes(EV).sort());
  assert.equal(ex.stats().tooLate, 0);
});

test('late in a long crisis, its own first minutes are not its baseline', () => {
  const late = EX.explain(CRISIS_AT + 20 * MINUTE_MS, CRISIS_AT + 30 * MINUTE_MS);
  assert.equal(late.terms[0]?.term, 'explosion');
  assert.equal(late.terms[0]?.expected, 0);
});

test('a story is kept in a busy minute, however many other texts pass (Space-Saving clusters)', () => {
  const rng = new Rng(4);
  const ex = createBrandExplainer({ clustersPerSlot: 4 });
  const copy = 'Le couvercle de mon autocuiseur Kerlann a explosé pendant la cuisson du riz, heureusement personne de blessé';
  // Four unrelated texts fill the slot's clusters before the story starts.
  for (let k = 0; k < 4; k++) ex.observe(mention({ id: `x:f${k}`, text: `premier${k} texte${k} sans rapport${k} aucun${k}`, createdAt: CRISIS_AT, handle: `f${k}` }));
  for (let k = 0; k < 60; k++) {
    const t = CRISIS_AT + k * 900;
    const unique = Array.from({ length: 8 }, () => `mot${rng.int(0, 1e6).toString(36)}`).join(' ');
    ex.observe(mention({ id: `x:u${k}`, text: unique, createdAt: t, handle: `u${k}` }));
    if (k % 3 === 0) ex.observe(mention({ id: `x:c${k}`, text: k % 2 ? copy : copy.replace('riz', 'risotto'), createdAt: t + 1, handle: `c${k}` }));
  }
  const ev = ex.explain(CRISIS_AT, CRISIS_AT + MINUTE_MS);
  assert.equal(ev.mentions, 84);
  assert.equal(ev.storylines[0]?.size, 20);
  assert.equal(ev.storylines[0]?.representative.mentionId, 'x:c0');
});

test('"RT @x:" texts without a repost relation make a chain of their own; quotes join their root’s chain and stay top posts', () => {
  const ex = createBrandExplainer();
  const text = 'RT @lea: Le couvercle a sauté, incroyable';
  for (let k = 0; k < 5; k++) ex.observe(mention({ id: `x:rt${k}`, text: k === 4 ? text.toUpperCase() : text, createdAt: CRISIS_AT + k * 1000, handle: `r${k}`, followers: 10 }));
  ex.observe(mention({ id: 'x:root', text: 'Le couvercle a sauté', createdAt: CRISIS_AT - 1000, handle: 'lea', followers: 50 }));
  for (let k = 0; k < 3; k++) ex.observe(mention({ id: `x:q${k}`, text: `Mon avis numéro ${k}`, createdAt: CRISIS_AT + 5000 + k, handle: `q${k}`, followers: 1000 + k, quoteOf: 'x:root' }));
  const ev = ex.explain(CRISIS_AT, CRISIS_AT + MINUTE_MS);
  const rt = ev.storylines.find((s) => s.representative.mentionId === 'x:rt0');
  assert.equal(rt?.kind, 'repost_chain');
  assert.equal(rt?.size, 5);
  const quotes = ev.storylines.find((s) => s.representative.mentionId === 'x:root');
  assert.equal(quotes?.size, 3, 'the root, posted before the window, represents the chain without counting in it');
  assert.deepEqual(
    ev.topPosts.map((p) => p.mentionId),
    ['x:q2', 'x:q1', 'x:q0'],
  );
});

test('a brand watched for less than an hour compares with what it has', () => {
  const short = scenario(0.75);
  const ev = fed(short.mentions).explain(...WINDOW);
  assert.equal(ev.terms[0]?.term, 'explosion');
  assert.equal(ev.hashtags[0]?.term, '#rappel');
  assert.ok(!ev.terms.some((t) => t.term === 'kerlann'));
});

test('what is older than the horizon is in the baseline only, and a window reaching past it says where it starts', () => {
  const ex = fed(S.mentions);
  const before = ex.stats();
  assert.ok(before.horizonStart !== null && before.horizonStart > STREAM_START);
  ex.observe(mention({ id: 'x:very-late', text: 'Un vieux message sur Kerlann', createdAt: STREAM_START + 5 * MINUTE_MS, handle: 'old' }));
  const after = ex.stats();
  assert.equal(after.tooLate, 1);
  assert.equal(after.mentionsHeld, before.mentionsHeld);
  const ev = ex.explain(STREAM_START, CRISIS_AT + 2 * HOUR_MS);
  assert.equal(ev.from, before.horizonStart);
  assert.equal(ev.mentions, S.mentions.filter((m) => m.createdAt >= (before.horizonStart as number)).length);
});

test('an empty window gives empty evidence; bad input is refused clearly or ignored', () => {
  const far = CRISIS_AT + 48 * HOUR_MS;
  const empty = EX.explain(far, far + 15 * MINUTE_MS);
  assert.deepEqual(empty, { from: far, to: far + 15 * MINUTE_MS, mentions: 0, terms: [], hashtags: [], topPosts: [], topAuthors: [], storylines: [], samples: [] });
  assert.equal(EX.explain(far, far).mentions, 0);
  assert.equal(createBrandExplainer().explain(...WINDOW).mentions, 0, 'a brand with no mention yet');
  assert.throws(() => EX.explain(Number.NaN, far), { name: 'RangeError', message: /finite times/ });
  const ex = createBrandExplainer();
  ex.observe(mention({ id: 'x:nan', text: 'x', createdAt: Number.NaN }));
  assert.equal(ex.stats().ignored, 1);
  assert.throws(() => createBrandExplainer({ horizonSlots: 0 }), { name: 'RangeError', message: /horizonSlots must be an integer of at least 1/ });
  assert.throws(() => createBrandExplainer({ maxHamming: 40 }), { name: 'RangeError', message: /maxHamming/ });
});

test('memory stays bounded on a long stream of ever new words, authors and chains', () => {
  const limits = { horizonSlots: 30, termsPerSlot: 40, baselineTerms: 500, authorsPerSlot: 8, clustersPerSlot: 6, chainsPerSlot: 5, postsPerSlot: 4, languagesPerSlot: 3, samplesPerLanguage: 2 };
  const ex = createBrandExplainer(limits);
  const rng = new Rng(1);
  const langs = ['fr', 'en', 'de', 'es', 'it', null];
  const end = STREAM_START + 12 * HOUR_MS;
  let id = 0;
  let last20 = 0;
  for (let minute = 0; minute < 12 * 60; minute++) {
    for (let k = 0; k < 30; k++) {
      const words = Array.from({ length: 8 }, () => `w${rng.int(0, 1e6).toString(36)}`).join(' ');
      const createdAt = STREAM_START + minute * MINUTE_MS + rng.int(0, MINUTE_MS - 1) - rng.int(0, 3) * MINUTE_MS;
      if (createdAt >= end - 20 * MINUTE_MS) last20++;
      ex.observe(
        mention({
          id: `x:${++id}`,
          text: `${words} #t${rng.int(0, 1e6)}`,
          createdAt,
          authorId: `x:a${rng.int(0, 1e6)}`,
          followers: rng.int(0, 1e5),
          lang: rng.pick(langs),
          repostOf: rng.chance(0.3) ? `x:${rng.int(1, id)}` : null,
        }),
      );
    }
  }
  const st = ex.stats();
  assert.equal(st.slots, limits.horizonSlots);
  assert.ok(st.largestSlot.terms < 2 * limits.termsPerSlot, `terms ${st.largestSlot.terms}`);
  assert.ok(st.largestSlot.authors < 2 * limits.authorsPerSlot, `authors ${st.largestSlot.authors}`);
  assert.ok(st.largestSlot.chains < 2 * limits.chainsPerSlot, `chains ${st.largestSlot.chains}`);
  assert.ok(st.largestSlot.clusters <= limits.clustersPerSlot, `clusters ${st.largestSlot.clusters}`);
  assert.ok(st.largestSlot.languages <= limits.languagesPerSlot);
  assert.ok(st.largestSlot.posts <= limits.postsPerSlot + limits.languagesPerSlot * limits.samplesPerLanguage);
  assert.ok(st.baselineTerms <= limits.baselineTerms * 1.5, `baseline ${st.baselineTerms}`);
  assert.ok(st.baselineTerms >= limits.baselineTerms, 'the baseline was fed');
  const ev = ex.explain(end - 20 * MINUTE_MS, end);
  assert.equal(EvidenceSchema.safeParse(ev).success, true);
  assert.equal(ev.mentions, last20, 'pruned structures still count every mention');
});
