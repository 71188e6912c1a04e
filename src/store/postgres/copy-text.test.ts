import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyLine, copyValue } from './copy-text.ts';

test('COPY text values escape what would break a line, NULL is \\N', () => {
  assert.equal(copyValue(null), '\\N');
  assert.equal(copyValue(12.5), '12.5');
  assert.equal(copyValue('a\tb\nc\rd\\e'), 'a\\tb\\nc\\rd\\\\e');
  assert.equal(copyValue('nul\0here'), 'nul\uFFFDhere');
  assert.equal(copyValue('\\N'), '\\\\N');
  assert.equal(copyLine(['x', null, 3]), 'x\t\\N\t3\n');
});

test('a non-finite number is refused rather than written as text PostgreSQL cannot parse', () => {
  assert.throws(() => copyValue(Number.NaN), /NaN/);
});
