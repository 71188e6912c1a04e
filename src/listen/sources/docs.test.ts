import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SOURCE_KINDS } from '../live/live-source.ts';
import { withKindSections } from './docs.ts';
import { SOURCE_REGISTRY } from './registry.ts';

const doc = readFileSync(new URL('../../../docs/sources.md', import.meta.url), 'utf8');

test('docs/sources.md holds the key tables the schemas make (run `node src/listen/sources/docs.ts --write` after a change)', () => {
  assert.equal(doc, withKindSections(doc));
  for (const kind of SOURCE_KINDS) if (SOURCE_REGISTRY[kind] !== undefined) assert.ok(doc.includes(`### ${kind}\n`), `${kind} has no section`);
});

test('every key of every kind has a description', () => {
  for (const line of doc.split('\n').filter((l) => /^\| `[^`]+` \| /.test(l))) assert.doesNotMatch(line, /\| {1,2}\|$|\|  \|/, line);
});
