import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ManualClock } from '../../domain/clock.ts';
import type { SourceItem } from '../source.ts';
import { FILE_FORMATS, openFileSource } from './file-source.ts';
import { RECEIVED_AT, jetstreamFrame, mastodonStatus, xLine, xPost } from './kerlann-fixtures.ts';
import { SourceError } from './source-error.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigie-import-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const clock = new ManualClock(RECEIVED_AT);

async function collect(iter: AsyncIterable<SourceItem>): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const item of iter) out.push(item);
  return out;
}

const post = (n: number, over: Record<string, unknown> = {}): string =>
  xLine(xPost({ id: String(2039632050385846372n + BigInt(n)), text: `Kerlann message ${n}`, ...over }));

const summary = (items: SourceItem[]): string[] =>
  items.map((i) => (i.kind === 'mention' ? `m:${i.mention.text}` : i.kind === 'delete' ? `d:${i.id}` : `r${i.reject.line}:${i.reject.reason}`));

test('an X file with mixed bad lines: right items, right line numbers, nothing lost', async () => {
  const path = join(dir, 'mixed.ndjson');
  const nulLine = post(9, { text: 'NUL\u0000inside' });
  const lines: (string | Buffer)[] = [
    post(1), // 1
    '{"data": {"id": "1"', // 2 invalid JSON
    xLine({ ...xPost(), text: undefined }), // 3 missing text
    Buffer.concat([Buffer.from(post(4).slice(0, 40)), Buffer.from([0xff, 0xfe]), Buffer.from(post(4).slice(40))]), // 4 invalid UTF-8
    nulLine, // 5 NUL
    post(6, { text: 'x'.repeat(150 * 1024) }), // 6 150 kB text
    post(7, { created_at: '1970-01-02T00:00:00.000Z' }), // 7
    post(8, { created_at: '2999-01-01T00:00:00.000Z' }), // 8
    '', // 9 keep-alive
    JSON.stringify({ errors: [{ title: 'operational-disconnect' }] }), // 10
    post(11), // 11
  ];
  await writeFile(path, Buffer.concat(lines.map((l) => Buffer.concat([typeof l === 'string' ? Buffer.from(l) : l, Buffer.from('\n')]))));
  const items = await collect(openFileSource(path, 'x', { clock }).read());
  assert.deepEqual(summary(items), [
    'm:Kerlann message 1',
    `r2:${items[1]?.kind === 'reject' ? items[1].reject.reason : ''}`,
    'r3:missing field data.text',
    'r4:invalid UTF-8 at byte 40 of the line',
    'm:NULinside',
    'r6:text is 153600 bytes, over the 100 kB limit',
    'r7:absurd timestamp: createdAt 1970-01-02T00:00:00.000Z is before 2006-01-01',
    `r8:absurd timestamp: createdAt 2999-01-01T00:00:00.000Z is more than 24 h after receipt (${new Date(RECEIVED_AT).toISOString()})`,
    'm:Kerlann message 11',
  ]);
  const r2 = items[1]!;
  assert.ok(r2.kind === 'reject' && r2.reject.reason.startsWith('invalid JSON') && r2.reject.source === path && r2.reject.excerpt === '{"data": {"id": "1"');
  const r4 = items[3]!;
  assert.ok(r4.kind === 'reject' && r4.reject.excerpt.includes('\ufffd'));
  const r6 = items[5]!;
  assert.ok(r6.kind === 'reject' && r6.reject.excerpt.length <= 2048);
  const nul = items[4]!;
  assert.ok(nul.kind === 'mention' && !JSON.stringify({ ...nul.mention, raw: null }).includes('\\u0000') && !nul.mention.raw?.includes('\u0000'));
});

test('CRLF lines, a last line without newline, and resume from every checkpoint', async () => {
  const path = join(dir, 'crlf.ndjson');
  await writeFile(path, `${post(1)}\r\n\r\n${post(2)}\r\nnot json\r\n${post(3)}`);
  const source = openFileSource(path, 'x', { clock });
  const all = await collect(source.read());
  assert.deepEqual(summary(all).map((s) => s.slice(0, 20)), ['m:Kerlann message 1', 'm:Kerlann message 2', 'r4:invalid JSON: Une', 'm:Kerlann message 3']);
  assert.equal(all[3]!.checkpoint.split(':')[0], String(Buffer.byteLength(`${post(1)}\r\n\r\n${post(2)}\r\nnot json\r\n${post(3)}`)));
  assert.deepEqual(source.progress?.(), { done: all.length > 0 ? Number(all[3]!.checkpoint.split(':')[0]) : 0, total: Number(all[3]!.checkpoint.split(':')[0]) });
  for (let k = 0; k < all.length; k++) {
    const rest = await collect(source.read({ from: all[k]!.checkpoint }));
    assert.deepEqual(summary(rest), summary(all.slice(k + 1)), `resume after item ${k}`);
  }
});

test('a line over 1 MB is rejected and the next line is read', async () => {
  const path = join(dir, 'huge.ndjson');
  await writeFile(path, `${'a'.repeat(1_200_000)}\n${post(2)}\n`);
  const items = await collect(openFileSource(path, 'x', { clock }).read());
  assert.deepEqual(summary(items), ['r1:line is 1200000 bytes, over the 1 MB limit', 'm:Kerlann message 2']);
  assert.ok(items[0]!.kind === 'reject' && items[0]!.reject.excerpt === 'a'.repeat(2048));
});

test('jetstream and mastodon NDJSON files', async () => {
  const js = join(dir, 'frames.ndjson');
  await writeFile(js, [jetstreamFrame(), jetstreamFrame({ collection: 'app.bsky.feed.like', record: {} }), jetstreamFrame({ operation: 'delete' })].join('\n'));
  const items = await collect(openFileSource(js, 'jetstream', { clock }).read());
  assert.deepEqual(items.map((i) => i.kind), ['mention', 'delete']);
  const md = join(dir, 'statuses.ndjson');
  await writeFile(md, `${JSON.stringify(mastodonStatus())}\n${JSON.stringify({ event: 'delete', payload: '5' })}\n`);
  assert.deepEqual((await collect(openFileSource(md, 'mastodon', { clock }).read())).map((i) => i.kind), ['mention', 'delete']);
});

test('a Mastodon JSON array is streamed element by element, with lines and resume', async () => {
  const path = join(dir, 'timeline.json');
  const a = mastodonStatus({ uri: 'https://piaille.example/users/m/statuses/1', content: '<p>un [crochet], "guillemets" \\ et }</p>' });
  const b = mastodonStatus({ uri: 'https://piaille.example/users/m/statuses/2' });
  await writeFile(path, `\ufeff[\n${JSON.stringify(a, null, 2)},\n{"broken": },\n${JSON.stringify(b)}\n]\n`);
  const source = openFileSource(path, 'mastodon', { clock });
  const items = await collect(source.read());
  assert.deepEqual(items.map((i) => i.kind), ['mention', 'reject', 'mention']);
  assert.ok(items[0]!.kind === 'mention' && items[0]!.mention.text === 'un [crochet], "guillemets" \\ et }');
  const linesOfA = JSON.stringify(a, null, 2).split('\n').length;
  assert.ok(items[1]!.kind === 'reject' && items[1]!.reject.line === 2 + linesOfA, JSON.stringify(items[1]));
  assert.ok(items[2]!.kind === 'mention' && items[2]!.mention.id.endsWith('/statuses/2'));
  for (let k = 0; k < items.length; k++) {
    const rest = await collect(source.read({ from: items[k]!.checkpoint }));
    assert.deepEqual(rest.map((i) => i.kind), items.slice(k + 1).map((i) => i.kind));
    if (rest[0]?.kind === 'reject') assert.equal(rest[0].reject.line, 2 + linesOfA);
  }
  const truncated = join(dir, 'truncated.json');
  await writeFile(truncated, `[${JSON.stringify(a)}, {"id": "x`);
  const t = await collect(openFileSource(truncated, 'mastodon', { clock }).read());
  assert.deepEqual(t.map((i) => (i.kind === 'reject' ? i.reject.reason : i.kind)), ['mention', 'the JSON array ends inside this element (truncated file?)']);
});

test('I/O errors and bad checkpoints are SourceErrors with clear messages', async () => {
  const missing = join(dir, 'nope.ndjson');
  await assert.rejects(collect(openFileSource(missing, 'x').read()), (e: unknown) => e instanceof SourceError && e.message === `file not found: ${missing} (check the path)`);
  await assert.rejects(collect(openFileSource(dir, 'x').read()), (e: unknown) => e instanceof SourceError && /is a directory/.test(e.message));
  const path = join(dir, 'small.ndjson');
  await writeFile(path, `${post(1)}\n`);
  await assert.rejects(collect(openFileSource(path, 'x').read({ from: 'garbage' })), /invalid checkpoint/);
  await assert.rejects(collect(openFileSource(path, 'x').read({ from: '999999:3' })), /past the end/);
  assert.deepEqual(FILE_FORMATS, ['x', 'jetstream', 'mastodon', 'csv']);
});

test('an aborted read stops quietly', async () => {
  const path = join(dir, 'abort.ndjson');
  await writeFile(path, [post(1), post(2), post(3)].join('\n'));
  const controller = new AbortController();
  const got: SourceItem[] = [];
  for await (const item of openFileSource(path, 'x', { clock }).read({ signal: controller.signal })) {
    got.push(item);
    controller.abort();
  }
  assert.equal(got.length, 1);
});
