import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CorrectionView } from '../../api/presenters/correction.ts';
import type { MentionView } from '../../api/presenters/mention.ts';
import { DEFAULT_WORKSPACE } from '../../domain/ids.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { makeMention } from '../../store/test-mentions.ts';
import { cliEnv, runCli } from '../run-cli.ts';

// The real `vigie corrections` as a child process, on mentions written beforehand into the SQLite
// file the command opens (<VIGIE_DATA_DIR>/vigie.db, default workspace).

let dir: string;
let data: string;
let env: NodeJS.ProcessEnv;
const run = (...args: string[]) => runCli(args, { cwd: dir, env });
const WS = DEFAULT_WORKSPACE;
const one = makeMention(WS, 0); // negative by the model, brand brioche-lune
const two = makeMention(WS, 1, { brandIds: ['brioche-lune', 'aube'] }); // positive by the model

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-cli-corrections-'));
  data = join(dir, 'data');
  env = cliEnv(data);
  mkdirSync(data);
  const store = new SqliteStore(join(data, 'vigie.db'));
  await store.migrate();
  await store.upsertWorkspace({ id: WS, name: 'Default', createdAt: 0 });
  await store.createBrand(WS, { id: 'brioche-lune', name: 'Brioche Lune' }, 0);
  await store.createBrand(WS, { id: 'aube', name: 'Aube' }, 0);
  await store.upsertMentions(WS, [one, two]);
  await store.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('corrections add stores the correction and the mention reads corrected', async () => {
  const text = await run('corrections', 'add', one.id, 'POSITIVE', '--by', 'ana@brioche-lune.fr', '--note', 'they love it');
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`^Corrected ${one.id} for brand brioche-lune: positive \\(the model said negative \\(afinn\\)\\); by ana@brioche-lune\\.fr; note: they love it\\. Correction [0-9a-f-]{36}\\.\\n$`));
  const json = await run('corrections', 'add', two.id, 'neutral', '--brand', 'aube', '--json');
  assert.equal(json.code, 0, json.stderr);
  const out = JSON.parse(json.stdout) as { correction: CorrectionView; mention: MentionView };
  assert.deepEqual([out.correction.brandId, out.correction.label, out.correction.modelLabel, out.correction.current], ['aube', 'neutral', 'positive', true]);
  assert.ok(out.correction.by.length > 0, 'by defaults to the user running the command');
  assert.deepEqual(out.mention.enrichment.sentiment, { label: 'neutral', score: 0.4, model: 'afinn', corrected: true, modelLabel: 'positive' });

  const store = new SqliteStore(join(data, 'vigie.db'));
  try {
    assert.deepEqual((await store.getMention(WS, one.id))?.enrichment.sentiment, { label: 'positive', score: -0.6, model: 'afinn', corrected: true, modelLabel: 'negative' });
  } finally {
    await store.close();
  }

  const again = await run('corrections', 'add', one.id, 'neutral', '--by', 'bob');
  assert.equal(again.code, 0, again.stderr);
  const listed = await run('corrections', 'list', '--json', '--brand', 'brioche-lune');
  assert.equal(listed.code, 0, listed.stderr);
  const page = JSON.parse(listed.stdout) as { corrections: CorrectionView[]; nextCursor: string | null };
  assert.deepEqual(page.corrections.map((c) => [c.mentionId, c.label, c.by, c.current]), [[one.id, 'neutral', 'bob', true], [one.id, 'positive', 'ana@brioche-lune.fr', false]]);
  const current = JSON.parse((await run('corrections', 'list', '--json', '--current')).stdout) as { corrections: CorrectionView[] };
  assert.deepEqual(current.corrections.map((c) => [c.brandId, c.label]), [['brioche-lune', 'neutral'], ['aube', 'neutral']]);

  const table = await run('corrections', 'list', '--limit', '2');
  assert.equal(table.code, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^made\s+brand\s+mention\s+label\s+model said\s+by\s+in force\s+text$/);
  assert.match(lines[2]!, new RegExp(`brioche-lune\\s+${one.id}\\s+neutral\\s+negative\\s+bob\\s+yes\\s+Le nouveau croissant`));
  assert.match(table.stdout, /More: add --cursor \S+/);
  assert.equal((await run('corrections', 'list', '--since', '2000-01-01T00:00:00Z', '--brand', 'aube', '--current')).stdout.split('\n').length, 4);
  assert.equal((await run('corrections', 'list', '--since', '1m', '--brand', 'aube')).code, 0);
});

test('corrections refuses bad input, saying what is expected', async () => {
  const cases: [string[], RegExp][] = [
    [['corrections', 'add', one.id, 'great'], /<label>: expected negative, neutral or positive, got "great"/],
    [['corrections', 'add', 'x:404', 'neutral'], /no mention "x:404" in workspace "default".*find mentions with `vigie search`/],
    [['corrections', 'add', two.id, 'neutral'], /is about brands brioche-lune, aube: say which one/],
    [['corrections', 'add', one.id, 'neutral', '--brand', 'aube'], /brand "aube" is not one of mention/],
    [['corrections', 'add', one.id, 'neutral', '--note', 'n'.repeat(2001)], /note must be at most 2000 characters/],
    [['corrections', 'list', '--brand', 'ghost'], /no brand "ghost".*known brands: aube, brioche-lune/],
    [['corrections', 'list', '--limit', '0'], /--limit: expected an integer from 1 to 1000/],
    [['corrections', 'list', '--since', 'soon'], /--since: expected a duration/],
    [['corrections', 'list', '--cursor', 'nope!'], /malformed cursor/],
  ];
  for (const [args, message] of cases) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
  }
  const help = await run('corrections', '--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /add .*<mentionId> <label>/);
});
