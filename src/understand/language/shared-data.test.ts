import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { detectLanguage as francMinDetect } from '../baseline/language.ts';
import { evaluateLanguage } from './evaluate.ts';
import { readUmsabLanguages } from './umsab.ts';

// On the real UMSAB `all` val split when the shared data folder sits beside the repository
// (../shared/data); skipped in a clone without it.
const umsab = fileURLToPath(new URL('../../../../shared/data/sentiment/umsab/all', import.meta.url));
const missing = existsSync(umsab) ? false : `no shared data at ${umsab}`;

test('UMSAB val: French, English, Spanish ≥ 95 % right, German ≥ 85 %, and better than franc-min', { skip: missing }, () => {
  const { items, checked } = readUmsabLanguages(umsab, 'val');
  assert.deepEqual(checked, ['english', 'french']);
  const e = evaluateLanguage(items);
  const acc = Object.fromEntries(e.perLanguage.map((l) => [l.lang, l.accuracy]));
  for (const lang of ['fr', 'en', 'es']) assert.ok((acc[lang] as number) >= 0.95, `${lang}: ${acc[lang]}`);
  assert.ok((acc.de as number) >= 0.85, `de: ${acc.de}`);
  const baseline = evaluateLanguage(items, (t) => ({ lang: francMinDetect(t), confidence: 0 }));
  assert.ok(e.accuracy > baseline.accuracy + 0.05, `${e.accuracy} vs franc-min ${baseline.accuracy}`);
  // Romanised Hindi: mostly refused rather than answered wrongly.
  const hi = e.perLanguage.find((l) => l.lang === 'hi');
  assert.ok(hi !== undefined && hi.coverage < 0.6, `hi coverage ${hi?.coverage}`);
});
