import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ManualClock } from '../../domain/clock.ts';
import { openFileSource } from '../import/file-source.ts';
import { RECEIVED_AT } from '../import/kerlann-fixtures.ts';
import { SourceError } from '../import/source-error.ts';
import type { SourceItem } from '../source.ts';
import { parseCsvMapping } from './mapping.ts';
import { parseCsvTime } from './parse-csv-row.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigie-csv-'));
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

const CSV = [
  '\ufeffid,text,created_at,author_handle,author_followers,platform,likes,lang',
  '1,"Cocotte Kerlann, écaillée",2026-04-02T09:00:00Z,@chloe,812,,3,FR',
  '2,"Ligne un',
  'ligne deux ""citée""",1775120000,margaux,,x,,',
  '',
  '3,trop tôt,1970-01-02T00:00:00Z,a,,,,',
  '4,mauvais nombre,1775120000000,a,beaucoup,,,',
  '5,inconnue,2026-04-02T09:00:00Z,a,,myspace,,',
  '6,dernière,2026-04-02T09:05:00Z,a,,bluesky,,',
].join('\n');

test('a CSV with BOM, quoted multi-line field, platforms and bad rows', async () => {
  const path = join(dir, 'k.csv');
  await writeFile(path, `${CSV}\n`);
  const source = openFileSource(path, 'csv', { clock });
  const items = await collect(source.read());
  const view = items.map((i) => (i.kind === 'mention' ? `m:${i.mention.id}` : i.kind === 'reject' ? `r${i.reject.line}:${i.reject.reason}` : i.kind));
  assert.deepEqual(view, [
    'm:csv:1',
    'm:x:2',
    'r6:absurd timestamp: createdAt 1970-01-02T00:00:00.000Z is before 2006-01-01',
    'r7:author_followers (column "author_followers") must be a non-negative integer, not "beaucoup"',
    'r8:unknown platform "myspace" (column "platform"); known: x, bluesky, mastodon, reddit, rss, webhook, csv',
    'm:bluesky:6',
  ]);
  const first = items[0]!;
  assert.ok(first.kind === 'mention');
  assert.equal(first.mention.text, 'Cocotte Kerlann, écaillée');
  assert.equal(first.mention.author.handle, 'chloe');
  assert.equal(first.mention.author.followers, 812);
  assert.equal(first.mention.engagement.likes, 3);
  assert.equal(first.mention.lang, 'fr');
  assert.deepEqual(JSON.parse(first.mention.raw ?? 'null'), { id: '1', text: 'Cocotte Kerlann, écaillée', created_at: '2026-04-02T09:00:00Z', author_handle: '@chloe', author_followers: '812', platform: '', likes: '3', lang: 'FR' });
  const second = items[1]!;
  assert.ok(second.kind === 'mention');
  assert.equal(second.mention.text, 'Ligne un\nligne deux "citée"');
  assert.equal(second.mention.createdAt, 1775120000000);
  for (let k = 0; k < items.length; k++) {
    const rest = await collect(source.read({ from: items[k]!.checkpoint }));
    assert.deepEqual(
      rest.map((i) => (i.kind === 'reject' ? `r${i.reject.line}` : i.kind)),
      items.slice(k + 1).map((i) => (i.kind === 'reject' ? `r${i.reject.line}` : i.kind)),
      `resume after ${k}`,
    );
  }
});

test('a custom mapping, and missing columns fail before any row', async () => {
  const path = join(dir, 'custom.csv');
  await writeFile(path, 'ref;body;date\n'.replace(/;/g, ',') + 'k1,Poêle Kerlann,2026-04-02 09:00:00Z\n');
  const items = await collect(openFileSource(path, 'csv', { clock, csvMapping: parseCsvMapping('id=ref,text=body,created_at=date') }).read());
  assert.equal(items.length, 1, JSON.stringify(items));
  assert.ok(items[0]!.kind === 'mention' && items[0]!.mention.id === 'csv:k1' && items[0]!.mention.text === 'Poêle Kerlann');
  await assert.rejects(
    collect(openFileSource(path, 'csv', { clock }).read()),
    (e: unknown) =>
      e instanceof SourceError &&
      e.message.includes('lacks the column(s) "id" (for id), "text" (for text), "created_at" (for created_at)') &&
      e.message.includes('--map id=<column>,text=<column>,created_at=<column>'),
  );
  const empty = join(dir, 'empty.csv');
  await writeFile(empty, '');
  await assert.rejects(collect(openFileSource(empty, 'csv').read()), /is empty: a CSV import needs a header row/);
});

test('a malformed quote becomes a reject, not an exception', async () => {
  const path = join(dir, 'bad.csv');
  await writeFile(path, 'id,text,created_at\n1,"ok",1775120000\n2,"bad"x,1775120000\n');
  const items = await collect(openFileSource(path, 'csv', { clock }).read());
  assert.equal(items[0]!.kind, 'mention');
  assert.ok(items.slice(1).some((i) => i.kind === 'reject' && /malformed CSV/.test(i.reject.reason)));
});

test('created_at accepts ISO 8601 and epoch seconds or milliseconds', () => {
  assert.equal(parseCsvTime('2026-04-02T09:00:00Z'), Date.parse('2026-04-02T09:00:00Z'));
  assert.equal(parseCsvTime('1775120000'), 1775120000000);
  assert.equal(parseCsvTime('1775120000123'), 1775120000123);
  assert.equal(parseCsvTime('1775120000.5'), 1775120000500);
  assert.equal(parseCsvTime('hier'), undefined);
  assert.equal(parseCsvTime('12/04/2026'), undefined);
});
