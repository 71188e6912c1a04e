import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CSV_MAPPING, formatCsvMapping, parseCsvMapping } from './mapping.ts';

test('a mapping flag overrides the defaults', () => {
  const m = parseCsvMapping('text=body, created_at=date');
  assert.equal(m.text, 'body');
  assert.equal(m.created_at, 'date');
  assert.equal(m.id, 'id');
  assert.equal(formatCsvMapping(m), 'text=body,created_at=date');
  assert.deepEqual(parseCsvMapping(''), DEFAULT_CSV_MAPPING);
});

test('bad mapping flags get clear errors', () => {
  assert.throws(() => parseCsvMapping('txt=body'), /unknown field "txt"; the fields are id, text, created_at/);
  assert.throws(() => parseCsvMapping('text='), /the column name for "text" is empty/);
  assert.throws(() => parseCsvMapping('text'), /"text" is not field=column/);
  assert.throws(() => parseCsvMapping('text=a,text=b'), /mapped twice/);
});
