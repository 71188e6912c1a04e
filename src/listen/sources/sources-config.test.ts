import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../config/index.ts';

function load(t: { after: (f: () => void) => void }, yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-sources-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'vigie.yaml'), yaml);
  return () => loadConfig({ file: 'vigie.yaml', env: {}, cwd: dir });
}

test('a valid sources: list keeps each entry with enabled defaulting to true', (t) => {
  const c = load(t, 'sources:\n  - id: brioche-x\n    kind: x\n    bearerToken: env:BRIOCHE_X_TOKEN\n  - id: brioche-sky\n    kind: bluesky\n    enabled: false\n')();
  assert.deepEqual(c.sources, [
    { id: 'brioche-x', kind: 'x', enabled: true, settings: { bearerToken: 'env:BRIOCHE_X_TOKEN' } },
    { id: 'brioche-sky', kind: 'bluesky', enabled: false, settings: {} },
  ]);
  assert.deepEqual(load(t, 'workspace:\n  id: default\n')().sources, []);
});

test('bad entries are errors naming sources[i].<key> and their line', (t) => {
  const bad = load(
    t,
    [
      'sources:',
      '  - id: brioche-x',
      '    kind: x',
      '    bearerToken: AAAAplain',
      '    stalSeconds: 3',
      '  - id: brioche-x',
      '    kind: telegram',
      '  - id: Bad Id',
      '    kind: bluesky',
      '    reposts: "yes"',
      '',
    ].join('\n'),
  );
  assert.throws(bad, (e: Error) => {
    const m = e.message;
    assert.match(m, /vigie\.yaml line 4: sources\[0\]\.bearerToken: a secret must not be written in plain text: encrypt it with `vigie secrets encrypt/);
    assert.match(m, /line 5: sources\[0\]\.stalSeconds: unknown key for kind x/);
    assert.match(m, /line 6: sources\[1\]\.id: duplicate source id "brioche-x"/);
    assert.match(m, /line 7: sources\[1\]\.kind: expected one of x, bluesky, mastodon, reddit, rss, webhook/);
    assert.match(m, /line 8: sources\[2\]\.id: expected a source id/);
    assert.match(m, /line 10: sources\[2\]\.reposts: /);
    return true;
  });
});
