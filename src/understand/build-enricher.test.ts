import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../config/load.ts';
import { BRUMEO, mention } from '../pipeline/fixtures.ts';
import { buildEnricher } from './build-enricher.ts';

const understand = loadConfig({ file: null, env: {}, cwd: process.cwd() }).understand;
const enricher = await buildEnricher({ understand });
const author = { id: 'x:9', handle: 'someone', name: null, followers: 10, verified: false, kind: 'person' as const };
const run = (text: string, lang: string | null = null) => enricher.enrich({ mention: mention(1, { text, lang, author }), brands: [BRUMEO] });

test('the production enricher: language, calibrated sentiment, categories, stakeholder and reach', () => {
  const r = run('@brumeo ma bouteille a explosé dans mon sac et le SAV ne répond pas, je suis brûlée à la main 😡');
  assert.equal(r.lang, 'fr');
  assert.equal(r.enrichment.sentiment?.label, 'negative');
  assert.ok((r.enrichment.sentiment?.confidence ?? 0) > 0.5);
  assert.match(r.enrichment.sentiment?.model ?? '', /^vigie-sentiment-1/);
  assert.ok(r.enrichment.categories.includes('product_safety'), `categories ${r.enrichment.categories.join(',')}`);
  assert.equal(r.enrichment.stakeholder, 'customer');
  assert.ok(r.enrichment.reach >= 10);

  const praise = run('Love my new Brumeo bottle, best purchase this year!');
  assert.equal(praise.lang, 'en');
  assert.equal(praise.enrichment.sentiment?.label, 'positive');
  assert.deepEqual(praise.enrichment.categories, []);
});

test('bad input: empty, huge, binary, mixed-script and unsupported-language texts get a low-confidence neutral with a reason, never a crash', () => {
  const cases: [string, string | null, RegExp][] = [
    ['', null, /empty/],
    ['   \n\t ', null, /empty/],
    ['\u0000\u0001\u0002binary\u0000\u0003\u0004\uFFFD\uFFFD\uFFFD', null, /binary/],
    ['Die Flasche ist kaputt angekommen und niemand antwortet mir, das ist wirklich unglaublich schlecht', null, /unsupported-language:de/],
    ['La botella llegó rota y nadie me responde, es increíble lo mal que funciona este servicio', 'es', /unsupported-language:es/],
  ];
  for (const [text, lang, reason] of cases) {
    const s = run(text, lang).enrichment.sentiment;
    assert.equal(s?.label, 'neutral', JSON.stringify(text));
    assert.ok((s?.confidence ?? 1) <= 0.34, `confidence ${s?.confidence} for ${JSON.stringify(text)}`);
    assert.match(s?.reason ?? '', reason);
  }
  // A huge text is read up to a cap: it costs about what a tweet costs and still answers.
  const huge = 'Le service client Brumeo est une honte totale. '.repeat(2500);
  const t0 = performance.now();
  const h = run(huge, 'fr');
  assert.ok(performance.now() - t0 < 1000);
  assert.equal(h.enrichment.sentiment?.label, 'negative');
  // Mixed scripts: judged on what can be read, no crash.
  const mixed = run('Brumeo bouteille cassée 壊れた бутылка сломана 😡 nul', null);
  assert.ok(mixed.enrichment.sentiment !== null);
  assert.ok(['negative', 'neutral'].includes(mixed.enrichment.sentiment.label));
});
