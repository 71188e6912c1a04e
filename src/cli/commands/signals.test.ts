import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { presentSignal } from '../../api/presenters/signal.ts';
import { DEFAULT_WORKSPACE } from '../../domain/ids.ts';
import type { Signal } from '../../domain/signal.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { makeSignal } from '../../store/test-signals.ts';
import { cliEnv, runCli } from '../run-cli.ts';
import { parseSince } from './signals.ts';

// The real `vigie signals` as a child process, on signals written beforehand into the SQLite file
// the command opens (<VIGIE_DATA_DIR>/vigie.db, default workspace).

let dir: string;
let env: NodeJS.ProcessEnv;
const run = (...args: string[]) => runCli(args, { cwd: dir, env });
const WS = DEFAULT_WORKSPACE;
/** 0…5 of brioche-lune (5 is a drill), 6 of aube; `recent` started an hour ago. */
const stored: Signal[] = [];
let recent: Signal;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-cli-signals-'));
  const data = join(dir, 'data');
  env = cliEnv(data);
  mkdirSync(data);
  const store = new SqliteStore(join(data, 'vigie.db'));
  await store.migrate();
  await store.upsertWorkspace({ id: WS, name: 'Default', createdAt: 0 });
  await store.createBrand(WS, { id: 'brioche-lune', name: 'Brioche Lune' }, 0);
  await store.createBrand(WS, { id: 'aube', name: 'Aube' }, 0);
  for (let i = 0; i < 6; i++) stored.push(makeSignal(WS, i, { drill: i === 5 }));
  stored.push(makeSignal(WS, 6, { brandId: 'aube', id: 'aube:volume:6' }));
  const startedAt = Date.now() - 3_600_000;
  recent = makeSignal(WS, 7, { id: 'brioche-lune:recent', startedAt, updatedAt: startedAt, summary: 'Negative mentions 5× the usual level' });
  for (const s of [...stored, recent]) await store.upsertSignal(WS, s);
  await store.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

const listed = (stdout: string): string[] => (JSON.parse(stdout) as { signals: { id: string }[] }).signals.map((s) => s.id);

test('signals lists newest first in a table, and as the API JSON with filters', async () => {
  const table = await run('signals', '--brand', 'brioche-lune');
  assert.equal(table.code, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^started\s+brand\s+kind\s+severity\s+score\s+id\s+summary$/);
  assert.equal(lines.length, 2 + 6, table.stdout);
  assert.match(lines[2]!, /brioche-lune\s+negative_volume\s+SEV1\s+0\.\d\d\s+brioche-lune:recent\s+Negative mentions 5× the usual level$/);
  assert.ok(lines[3]!.startsWith(new Date(stored[4]!.startedAt).toISOString()), lines[3]);

  const all = await run('signals', '--json', '--drill', '--limit', '500');
  assert.equal(all.code, 0, all.stderr);
  assert.deepEqual(listed(all.stdout), [recent.id, ...[...stored].reverse().map((s) => s.id)]);
  assert.deepEqual(JSON.parse(all.stdout).signals[1], presentSignal(stored[6]!));

  const filtered = await run('signals', '--json', '--brand', 'brioche-lune', '--status', 'open', '--min-severity', 'sev2', '--limit', '1');
  assert.equal(filtered.code, 0, filtered.stderr);
  const page = JSON.parse(filtered.stdout) as { signals: { id: string }[]; nextCursor: string | null };
  assert.deepEqual(page.signals.map((s) => s.id), [stored[2]!.id]);
  assert.equal(page.nextCursor, null);
  const since = await run('signals', '--json', '--since', '24h');
  assert.deepEqual(listed(since.stdout), [recent.id]);
  const none = await run('signals', '--kind', 'feed_quiet', '--since', '2026-01-01T00:00:00Z', '--brand', 'aube');
  assert.equal(none.stdout, 'No signal found.\n');
});

test('signals show prints everything, evidence included, and --json is the API view', async () => {
  const s = stored[1]!;
  const text = await run('signals', 'show', s.id);
  assert.equal(text.code, 0, text.stderr);
  const out = text.stdout;
  for (const expected of [
    s.id, s.summary, `brand brioche-lune · negative_volume · SEV3 · score ${s.score.toFixed(2)} · closed`, `ended ${new Date(s.endedAt!).toISOString()}`,
    '42% negative (usual 9%)', 'Evidence: 313 mentions', 'rassis', '#rappel', '@client1 (1234 followers)',
    s.evidence!.topPosts[2]!.text, s.evidence!.topPosts[0]!.url!, 'journalist', 'near_duplicate nd-1: 42 posts by 39 authors',
    'repost_chain rc-1', '@client5', '    en:', '@client7',
  ]) {
    assert.ok(out.includes(expected), `missing ${JSON.stringify(expected)} in:\n${out}`);
  }
  const json = await run('signals', 'show', s.id, '--json');
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout), presentSignal(s));
});

test('signals refuses bad options and unknown ids, saying what is expected', async () => {
  const cases: [string[], RegExp][] = [
    [['signals', 'show', 'ghost'], /no signal "ghost" in workspace default; list them with `vigie signals`/],
    [['signals', '--status', 'ajar'], /--status: expected open or closed, got "ajar"/],
    [['signals', '--min-severity', 'SEV9'], /--min-severity: expected SEV1, SEV2, SEV3 or SEV4/],
    [['signals', '--since', 'yesterday'], /--since: expected a duration back from now \(30m, 24h, 7d, 2w\)/],
    [['signals', '--kind', 'loud'], /--kind: expected one of volume, negative_volume/],
    [['signals', '--limit', '0'], /--limit: expected an integer from 1 to 500/],
    [['signals', '--brand', 'ghost'], /no brand "ghost".*known brands: aube, brioche-lune/],
    [['signals', '--cursor', 'nope!'], /malformed cursor/],
  ];
  for (const [args, message] of cases) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
  }
  for (const args of [['signals'], ['signals', 'show']]) {
    const r = await run(...args, '--help');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Usage: vigie signals/);
  }
});

test('--since takes a duration back from now, an ISO date or epoch ms', () => {
  const now = Date.UTC(2026, 2, 9, 14);
  assert.equal(parseSince('24h', now), now - 86_400_000);
  assert.equal(parseSince('30m', now), now - 1_800_000);
  assert.equal(parseSince('2W', now), now - 14 * 86_400_000);
  assert.equal(parseSince('2026-03-01T00:00:00Z', now), Date.UTC(2026, 2, 1));
  assert.equal(parseSince('1700000000000', now), 1_700_000_000_000);
  assert.throws(() => parseSince('soon', now), /--since: expected a duration/);
});
