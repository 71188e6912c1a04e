/** Tokenisation, truncation (exact, even when only the start of a huge text is tokenised) and padding. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTokenEncoder, padBatch, type EncoderSources } from './encode.ts';
import { writeTinySentimentModel } from './testing/tiny-model.ts';

let root: string;
const sources = async (kind: 'unigram' | 'wordpiece'): Promise<EncoderSources> => {
  const dir = join(root, kind);
  await writeTinySentimentModel(dir, { tokenizer: kind });
  const read = async (f: string) => JSON.parse(await readFile(join(dir, f), 'utf8')) as Record<string, unknown>;
  return { tokenizerJson: await read('tokenizer.json'), tokenizerConfig: await read('tokenizer_config.json'), config: await read('config.json'), tokenizerPath: join(dir, 'tokenizer.json') };
};

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'vigie-onnx-encode-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('createTokenEncoder', () => {
  it('adds the special tokens and finds the pad id', async () => {
    const xlmr = createTokenEncoder(await sources('unigram'), 128);
    assert.deepEqual(xlmr.encode('great'), [0, 4, 2]);
    assert.equal(xlmr.specials, 2);
    assert.equal(xlmr.padId, 1);
    const bert = createTokenEncoder(await sources('wordpiece'), 128);
    assert.deepEqual(bert.encode('great'), [2, 4, 3]);
    assert.equal(bert.padId, 0);
  });

  it('truncates to maxLength, keeping the start and the closing special token', async () => {
    const src = await sources('unigram');
    const whole = createTokenEncoder(src, 512).encode('great love awful hate the');
    const cut = createTokenEncoder(src, 5).encode('great love awful hate the');
    assert.equal(whole.length, 7);
    assert.deepEqual(cut, [...whole.slice(0, 4), whole[6]]);
  });

  it('tokenises only the start of a huge text, with the same ids as the whole text', async () => {
    const src = await sources('unigram');
    const reference = createTokenEncoder(src, 512);
    const small = createTokenEncoder(src, 12);
    const words = ['great', 'phone', 'awful', 'xyz', 'génial', 'the', 'supercalifragilistic'];
    const huge = Array.from({ length: 300_000 }, (_, i) => words[i % words.length]).join(' ');
    const expected = reference.encode(huge.slice(0, 400));
    assert.deepEqual(small.encode(huge), [...expected.slice(0, 11), expected[expected.length - 1]]);
    const noSpace = 'ab'.repeat(1_000_000);
    assert.equal(small.encode(noSpace).length, 12);
  });

  it('does not cut a word in two when only the start of a text is tokenised', async () => {
    // WordPiece makes a whole word [UNK] when any part of it is unknown (€ here): cutting the word
    // before its € would turn it into x ##x ##x … instead.
    const src = await sources('wordpiece');
    const text = `great ${'x'.repeat(60)}€ ${'awful '.repeat(20)}`;
    const whole = createTokenEncoder(src, 512).encode(text);
    assert.deepEqual(whole.slice(0, 3), [2, 4, 1]);
    assert.deepEqual(createTokenEncoder(src, 4).encode(text), [2, 4, 1, 3]);
  });

  it('tokenises the whole text when the normaliser drops its start', async () => {
    // The BERT normaliser removes control characters: the cut text would hold no token.
    const bert = createTokenEncoder(await sources('wordpiece'), 8);
    const ids = bert.encode(`${'\u0001'.repeat(50_000)} great awful`);
    assert.deepEqual(ids, [2, 4, 9, 3]);
  });

  it('refuses a maxLength with no room for text, and a tokenizer that cannot be built', async () => {
    const src = await sources('unigram');
    assert.throws(() => createTokenEncoder(src, 2), /maxLength 2 leaves no room for text: this tokenizer adds 2 special tokens; use at least 3/);
    const broken = { ...src, tokenizerJson: { ...src.tokenizerJson, pre_tokenizer: { type: 'Nope' } } };
    assert.throws(() => createTokenEncoder(broken, 64), /unigram\/tokenizer\.json: cannot build the tokenizer: Unknown PreTokenizer type: Nope/);
  });
});

describe('padBatch', () => {
  it('right-pads with the pad id and masks the padding', () => {
    const b = padBatch([[0, 4, 2], [0, 4, 5, 6, 2]], 1, 'int64');
    assert.equal(b.rows, 2);
    assert.equal(b.columns, 5);
    assert.deepEqual([...b.inputIds], [0n, 4n, 2n, 1n, 1n, 0n, 4n, 5n, 6n, 2n]);
    assert.deepEqual([...b.attentionMask], [1n, 1n, 1n, 0n, 0n, 1n, 1n, 1n, 1n, 1n]);
    assert.deepEqual([...b.tokenTypeIds], new Array(10).fill(0n));
    const c = padBatch([[7], [8, 9]], 0, 'int32');
    assert.ok(c.inputIds instanceof Int32Array);
    assert.deepEqual([...c.inputIds], [7, 0, 8, 9]);
    assert.deepEqual([...c.attentionMask], [1, 0, 1, 1]);
  });
});
