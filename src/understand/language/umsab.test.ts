import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readUmsabLanguages, UMSAB_LANGUAGES } from './umsab.ts';

const root = mkdtempSync(join(tmpdir(), 'vigie-umsab-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A UMSAB-like layout: all/ with 8 blocks of 2 lines, and some language folders beside it. */
function layout(name: string, opts: { english?: string[]; extraLine?: boolean } = {}): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'all'), { recursive: true });
  const blocks = UMSAB_LANGUAGES.map(([lang]) => [`${lang} one`, `${lang} two`]);
  const lines = blocks.flat();
  if (opts.extraLine) lines.push('one more');
  writeFileSync(join(dir, 'all', 'val_text.txt'), lines.join('\n')); // no final newline, as UMSAB
  mkdirSync(join(dir, 'english'));
  writeFileSync(join(dir, 'english', 'val_text.txt'), (opts.english ?? ['english one', 'english two']).join('\n'));
  mkdirSync(join(dir, 'french'));
  writeFileSync(join(dir, 'french', 'val_text.txt'), 'french one\r\nfrench two\r\n');
  return join(dir, 'all');
}

test('blocks get the languages in UMSAB order; the english and french folders are checked', () => {
  const { items, checked } = readUmsabLanguages(layout('ok'));
  assert.equal(items.length, 16);
  assert.deepEqual(items.slice(0, 4), [
    { text: 'arabic one', lang: 'ar' },
    { text: 'arabic two', lang: 'ar' },
    { text: 'english one', lang: 'en' },
    { text: 'english two', lang: 'en' },
  ]);
  assert.deepEqual([...new Set(items.map((i) => i.lang))], ['ar', 'en', 'fr', 'de', 'hi', 'it', 'pt', 'es']);
  assert.deepEqual(checked, ['english', 'french']);
});

test('a block that differs from its language folder, or a count not in 8 blocks, is an error', () => {
  assert.throws(() => readUmsabLanguages(layout('swapped', { english: ['french one', 'french two'] })), /lines 3–4 should be .*english.*val_text\.txt \(the english block\) but differ/);
  assert.throws(() => readUmsabLanguages(layout('extra', { extraLine: true })), /17 lines, not 8 equal blocks/);
});

test('the shuffled train split, other splits and missing folders are refused with what to do', () => {
  const dir = layout('splits');
  assert.throws(() => readUmsabLanguages(dir, 'train'), /shuffled .*use --split val or test/);
  assert.throws(() => readUmsabLanguages(dir, 'dev'), /--split dev: expected val or test/);
  assert.throws(() => readUmsabLanguages(dir, 'test'), /test_text\.txt: missing/);
  assert.throws(() => readUmsabLanguages(join(root, 'nowhere')), /--umsab .*nowhere: no such directory/);
});
