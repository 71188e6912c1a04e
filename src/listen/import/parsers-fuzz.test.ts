import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJetstreamFrame } from '../bluesky/parse-jetstream.ts';
import { parseMastodonRecord } from '../mastodon/parse-status.ts';
import type { RecordParser } from '../source.ts';
import { parseXLine } from '../x/parse-x-line.ts';
import { RECEIVED_AT, jetstreamFrame, mastodonStatus, xLine, xPost } from './kerlann-fixtures.ts';
import { Rng } from '../../demo/prng.ts';

/** The project's seeded generator, so that a failure can be replayed. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

const decoder = new TextDecoder();
const INSERTS = ['"', '{', '}', '[', ']', ',', ':', '\\', '\\u0000', 'null', '-1', '1e999', '"x"', '\u0000', '\ud800', '9007199254740993'];

function corrupt(line: string, random: () => number): string {
  const bytes = Buffer.from(line);
  const pick = random();
  const at = Math.floor(random() * bytes.length);
  if (pick < 0.35) {
    const out = Buffer.from(bytes);
    for (let k = 0; k < 1 + Math.floor(random() * 4); k++) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
    return decoder.decode(out);
  }
  if (pick < 0.6) return decoder.decode(bytes.subarray(0, at));
  const s = line;
  const i = Math.floor(random() * s.length);
  const insert = INSERTS[Math.floor(random() * INSERTS.length)]!;
  return pick < 0.85 ? s.slice(0, i) + insert + s.slice(i) : s.slice(0, i) + insert + s.slice(i + 1 + Math.floor(random() * 20));
}

const cases: [string, RecordParser, string[]][] = [
  ['x', parseXLine, [xLine(), xLine(xPost({ referenced_tweets: [{ type: 'retweeted', id: '1' }], note_tweet: { text: 'long' } }))]],
  ['jetstream', parseJetstreamFrame, [jetstreamFrame(), jetstreamFrame({ operation: 'update' }), jetstreamFrame({ operation: 'delete' })]],
  [
    'mastodon',
    parseMastodonRecord,
    [JSON.stringify(mastodonStatus()), JSON.stringify({ stream: ['public'], event: 'update', payload: JSON.stringify(mastodonStatus({ reblog: mastodonStatus() })) })],
  ],
];

for (const [name, parser, seeds] of cases) {
  test(`${name}: 5,000 corrupted records never throw and always give a known outcome`, () => {
    const random = rng(name.length * 7919);
    const kinds = new Map<string, number>();
    for (let k = 0; k < 5000; k++) {
      const input = corrupt(seeds[k % seeds.length]!, random);
      let kind: string;
      try {
        const o = parser(input, RECEIVED_AT);
        kind = o.kind;
        if (o.kind === 'mention') {
          assert.ok(!JSON.stringify({ ...o.mention, raw: null }).includes('\\u0000'), 'no NUL survives');
          assert.ok(!o.mention.raw?.includes('\u0000'), 'no NUL in the raw record');
        }
        if (o.kind === 'reject') assert.ok(o.reason.length > 0);
      } catch (e) {
        assert.fail(`parser threw on ${JSON.stringify(input).slice(0, 300)}: ${String(e)}`);
      }
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    assert.ok((kinds.get('reject') ?? 0) > 100, `rejects seen: ${JSON.stringify([...kinds])}`);
  });
}
