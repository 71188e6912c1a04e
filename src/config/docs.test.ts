import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ENV_OVERRIDES } from './env.ts';
import { loadConfig } from './load.ts';
import { ConfigFileSchema } from './schema.ts';
import { describeOf, leafPaths, schemaAt } from './schema-keys.ts';

const root = new URL('../../', import.meta.url);
const docs = readFileSync(new URL('docs/configuration.md', root), 'utf8');

test('every key has a description in the schema and a row in docs/configuration.md', () => {
  const paths = leafPaths(ConfigFileSchema).map((p) => p.join('.'));
  assert.ok(paths.length >= 13);
  for (const path of paths) {
    const schema = schemaAt(ConfigFileSchema, path.split('.'));
    assert.ok(schema !== null && describeOf(schema), `${path} has no .describe()`);
    assert.ok(docs.includes(`| \`${path}\` |`), `${path} is missing from docs/configuration.md`);
  }
  for (const v of ENV_OVERRIDES) assert.ok(docs.includes(`\`${v.name}\``), `${v.name} is missing from the docs`);
});

test('vigie.example.yaml is valid and equals the defaults apart from its brand', () => {
  const cwd = new URL('.', root).pathname;
  const example = loadConfig({ file: 'vigie.example.yaml', env: {}, cwd });
  const defaults = loadConfig({ file: null, env: {}, cwd });
  assert.equal(example.brands.length, 1);
  assert.deepEqual({ ...example, brands: [], configFile: null }, defaults);
});
