import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { cliEnv, runCli, startCli, waitForJsonLine } from './run-cli.ts';

// The real `vigie` command as a child process, on a real SQLite file in a temp directory.

let dir: string;
let env: NodeJS.ProcessEnv;
const run = (...args: string[]) => runCli(args, { cwd: dir, env });

function xLine(id: number, text: string, opts: { user?: string; followers?: number; lang?: string; at?: string; tag?: string } = {}): string {
  const user = opts.user ?? `user${id % 7}`;
  return JSON.stringify({
    data: {
      id: String(1_900_000_000_000_000_000n + BigInt(id)),
      text,
      author_id: `u${user}`,
      created_at: opts.at ?? new Date(Date.now() - 3_600_000 + id * 1000).toISOString(),
      lang: opts.lang ?? 'fr',
      edit_history_tweet_ids: [String(1_900_000_000_000_000_000n + BigInt(id))],
      public_metrics: { like_count: 1, retweet_count: 0, reply_count: 0, quote_count: 0 },
    },
    includes: { users: [{ id: `u${user}`, username: user, name: user, verified: false, public_metrics: { followers_count: opts.followers ?? 120 } }] },
    matching_rules: [{ id: '1', tag: opts.tag ?? 'broad-rule' }],
  });
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-cli-'));
  env = cliEnv(join(dir, 'data'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('every command has --help', async () => {
  for (const args of [[], ['demo'], ['serve'], ['import'], ['replay'], ['brands'], ['brands', 'add'], ['brands', 'list'], ['brands', 'show'], ['search']]) {
    const r = await run(...args, '--help');
    assert.equal(r.code, 0, `${args.join(' ')} --help: ${r.stderr}`);
    assert.match(r.stdout, /Usage: vigie/);
  }
});

test('brands add / list / show, and a bad listening query is refused with its column', async () => {
  const add = await run('brands', 'add', 'brosse', '--name', 'Brosse & Fils', '--handle', '@brossefils', '--query', 'brosse OR @brossefils NOT "brosse à dents"', '--json');
  assert.equal(add.code, 0, add.stderr);
  assert.equal(JSON.parse(add.stdout).id, 'brosse');
  const list = await run('brands', 'list', '--json');
  assert.deepEqual(
    JSON.parse(list.stdout).brands.map((b: { id: string }) => b.id),
    ['brosse'],
  );
  const show = await run('brands', 'show', 'brosse');
  assert.match(show.stdout, /query q1: brosse OR @brossefils/);
  assert.match(show.stdout, /X filtered-stream rule: brosse OR \(@brossefils -"brosse à dents"\)/);
  const near = await run('brands', 'add', 'near', '--query', 'brosse NEAR/3 cassée', '--json');
  assert.equal(near.code, 0, near.stderr);
  const nearShow = await run('brands', 'show', 'near', '--json');
  assert.match(JSON.parse(nearShow.stdout).xRules[0].error, /NEAR/);
  const bad = await run('brands', 'add', 'other', '--query', 'a AND (b OR');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /query q1 "a AND \(b OR": column \d+: expected/);
  const missing = await run('brands', 'show', 'nope');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no brand "nope".*known brands: brosse/);
});

test('import keeps going past bad lines, reports them, and search finds mentions without accents', async () => {
  const file = join(dir, 'x.ndjson');
  const lines = [
    xLine(1, 'La brosse Brosse & Fils est géniale, merci !'),
    '{"data": {"id": "12"',
    xLine(2, 'Ma brosse est cassée après deux jours, très déçu'),
    xLine(3, 'Rien à voir avec la marque', { user: 'other' }),
    JSON.stringify({ data: { id: '5', created_at: '2026-01-01T00:00:00Z' } }),
    xLine(4, 'Old post', { at: '1970-01-02T00:00:00Z' }),
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
  const r = await run('import', file, '--format', 'x', '--json');
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '');
  assert.equal(summary.read, 6);
  assert.equal(summary.inserted, 2);
  assert.equal(summary.unmatched, 1);
  assert.equal(summary.rejected, 3);
  assert.deepEqual(
    summary.rejects.map((x: { line: number }) => x.line).sort(),
    [2, 5, 6],
  );
  const again = await run('import', file, '--format', 'x', '--json');
  const second = JSON.parse(again.stdout.trim().split('\n').at(-1) ?? '');
  assert.equal(second.inserted, 0);
  assert.equal(second.unchanged, 2);

  const found = await run('search', 'cassee', 'DECU', '--json');
  assert.equal(found.code, 0, found.stderr);
  const mentions = JSON.parse(found.stdout).mentions;
  assert.equal(mentions.length, 1);
  assert.match(mentions[0].text, /cassée/);
  assert.equal(mentions[0].enrichment.sentiment.label, 'negative');

  const badFormat = await run('import', file, '--format', 'tiktok');
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.stderr, /--format: expected one of x, jetstream, mastodon, csv/);
  const noFile = await run('import', join(dir, 'missing.ndjson'), '--format', 'x');
  assert.notEqual(noFile.code, 0);
  assert.match(noFile.stderr, /missing\.ndjson/);
});

test('a configuration error names the file line and the key', async () => {
  const cfg = join(dir, 'bad.yaml');
  writeFileSync(cfg, 'http:\n  port: abc\n');
  const r = await run('--config', cfg, 'brands', 'list');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad\.yaml line 2: http\.port: expected an integer/);
});

test('replay stops gracefully on SIGTERM: what was read is stored, and --resume continues', async () => {
  const file = join(dir, 'slow.ndjson');
  const base = Date.parse('2026-05-01T10:00:00Z');
  const lines = Array.from({ length: 60 }, (_, i) => xLine(100 + i, `brosse numéro ${i}`, { at: new Date(base + i * 60_000).toISOString() }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  // One post a minute at ×600: one every 100 ms, about 6 s in all.
  const started = startCli(['replay', file, '--speed', '600', '--json'], { cwd: dir, env });
  await new Promise((r) => setTimeout(r, 2500));
  started.child.kill('SIGTERM');
  const r = await started.done;
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '');
  assert.equal(summary.stopped, true);
  assert.ok(summary.read > 0 && summary.read < 60, `read ${summary.read}`);
  assert.equal(summary.inserted, summary.read);
  const resumed = await run('import', file, '--format', 'x', '--resume', '--json');
  const rest = JSON.parse(resumed.stdout.trim().split('\n').at(-1) ?? '');
  assert.equal(rest.read, 60 - summary.read);
  assert.equal(rest.inserted, 60 - summary.read);
});

interface DemoSummary {
  brandId: string;
  api: string;
  seriesUrl: string;
  onset: string;
}
const isDemoSummary = (v: unknown): v is DemoSummary => typeof v === 'object' && v !== null && 'seriesUrl' in v;

test('vigie demo replays the crisis and serves the spike on /api/brands/:id/series', async () => {
  const demoEnv = cliEnv(join(dir, 'demo-data'));
  const started = startCli(['demo', '--port', '0', '--seconds', '3', '--json'], { cwd: dir, env: demoEnv });
  try {
    const demo = await waitForJsonLine(started, isDemoSummary);
    const res = await fetch(demo.seriesUrl);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { points: { t: string; count: number; negative: number }[] };
    const onset = Date.parse(demo.onset);
    const before = body.points.filter((p) => Date.parse(p.t) < onset - 3_600_000).map((p) => p.count).sort((a, b) => a - b);
    const median = before[Math.floor(before.length / 2)] ?? 0;
    const peak = body.points.reduce((a, p) => (p.count > a.count ? p : a));
    assert.ok(Date.parse(peak.t) > onset, `peak ${peak.t} after onset ${demo.onset}`);
    assert.ok(peak.count >= 10 * Math.max(median, 1), `peak ${peak.count} vs baseline median ${median}`);
    assert.ok(peak.negative / peak.count > 0.5, 'the peak is mostly negative');
    const health = await fetch(`${demo.api}/healthz`);
    assert.deepEqual(await health.json(), { status: 'ok', store: 'sqlite' });
  } finally {
    started.child.kill('SIGINT');
  }
  const r = await started.done;
  assert.equal(r.code, 0, r.stderr);
});
