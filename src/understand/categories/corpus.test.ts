import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CorpusError, parseCategoryCorpus, readCategoryCorpus } from './corpus.ts';

const line = (o: Record<string, unknown>): string => JSON.stringify(o);
const ok = { id: 'a1', lang: 'fr', text: 'Appli en panne', categories: ['service_outage'], sentiment: 'negative', brand: 'Zorbix' };

test('reads records, sorts categories in taxonomy order, maps none to [] and skips blank lines', () => {
  const content = [
    line(ok),
    '',
    line({ id: 'a2', lang: 'en', text: 'Charged twice and nobody answers', categories: ['customer_service', 'pricing', 'product_defect'] }),
    line({ id: 'a3', lang: 'en', text: 'Nice shop', categories: ['none'] }),
    '',
  ].join('\n');
  const r = parseCategoryCorpus(content, 'c.jsonl');
  assert.equal(r.length, 3);
  assert.deepEqual(r[0], { ...ok, categories: ['service_outage'], where: 'c.jsonl:1' });
  assert.deepEqual(r[1]?.categories, ['product_defect', 'customer_service', 'pricing']);
  assert.equal(r[1]?.sentiment, null);
  assert.equal(r[1]?.brand, null);
  assert.equal(r[1]?.where, 'c.jsonl:3');
  assert.deepEqual(r[2]?.categories, []);
});

test('every problem is reported with file:line and field, all at once', () => {
  const content = [
    '{"id": "b1", "lang": "fr"',
    line({ ...ok, id: 'b2', categories: ['prodcut_defect'] }),
    line({ ...ok, id: 'b3', categories: ['none', 'pricing'] }),
    line({ ...ok, id: 'b4', text: '   ' }),
    line({ id: 'b5', lang: 'fr', categories: ['pricing'] }),
    line({ ...ok, id: 'b6', categories: [] }),
    line({ ...ok, id: 'b2' }),
    line({ ...ok, id: 'b8', lang: 'French' }),
    line({ ...ok, id: 'b9', sentiment: 'angry' }),
    line({ ...ok, id: 'b10', categories: ['pricing', 'pricing'] }),
    '[1, 2]',
  ].join('\n');
  assert.throws(
    () => parseCategoryCorpus(content, 'bad.jsonl'),
    (e: unknown) => {
      assert.ok(e instanceof CorpusError);
      const m = e.message;
      assert.match(m, /^bad\.jsonl: 11 problems:/);
      assert.match(m, /bad\.jsonl:1: invalid JSON/);
      assert.match(m, /bad\.jsonl:2: field "categories": unknown category "prodcut_defect" \(known: product_defect, .*none\)/);
      assert.match(m, /bad\.jsonl:3: field "categories": "none" cannot be mixed with other categories \(pricing\)/);
      assert.match(m, /bad\.jsonl:4: field "text" is empty/);
      assert.match(m, /bad\.jsonl:5: missing field "text"/);
      assert.match(m, /bad\.jsonl:6: field "categories" must be a non-empty list \(use \["none"\]/);
      assert.match(m, /bad\.jsonl:7: id "b2" already used on line 2/);
      assert.match(m, /bad\.jsonl:8: field "lang": "French" is not a language code/);
      assert.match(m, /bad\.jsonl:9: field "sentiment" must be "negative", "neutral" or "positive"/);
      assert.match(m, /bad\.jsonl:10: field "categories": "pricing" is listed twice/);
      assert.match(m, /bad\.jsonl:11: expected a JSON object/);
      return true;
    },
  );
});

test('at most 20 problems are listed, then a count of the rest', () => {
  const content = Array.from({ length: 25 }, (_, i) => line({ ...ok, id: `c${i}`, categories: ['nope'] })).join('\n');
  assert.throws(() => parseCategoryCorpus(content, 'many.jsonl'), /many\.jsonl: 25 problems:[\s\S]*many\.jsonl:20:[\s\S]*… and 5 more problems$/);
});

test('an empty file and a missing file are errors that name the file', () => {
  assert.throws(() => parseCategoryCorpus('\n\n', 'empty.jsonl'), /empty\.jsonl: no mention in the file/);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-corpus-'));
  try {
    assert.throws(() => readCategoryCorpus(join(dir, 'nope.jsonl')), (e: unknown) => e instanceof CorpusError && /nope\.jsonl: cannot read the corpus/.test(e.message));
    writeFileSync(join(dir, 'ok.jsonl'), `${line(ok)}\n`);
    assert.equal(readCategoryCorpus(join(dir, 'ok.jsonl'))[0]?.where, `${join(dir, 'ok.jsonl')}:1`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
