/**
 * The transformer backend end to end on tiny real models the tests write (tokenizer.json +
 * model.onnx built byte by byte): predictions, batching, languages, truncation and every refusal.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BatchSentimentModel } from '../types.ts';
import { loadOnnxSentiment } from './load.ts';
import { writeTinySentimentModel } from './testing/tiny-model.ts';

let root: string;
let counter = 0;
const freshDir = async (name = 'model'): Promise<string> => {
  const dir = join(root, `${counter++}`, name);
  await mkdir(dir, { recursive: true });
  return dir;
};

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'vigie-onnx-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

const close = (a: readonly number[], b: readonly number[], eps = 1e-6): boolean => a.every((v, i) => Math.abs(v - (b[i] as number)) < eps);

describe('loadOnnxSentiment with an XLM-R-like (Unigram) tiny model', () => {
  let model: BatchSentimentModel;
  before(async () => {
    const dir = await freshDir('tiny-xlmr');
    await writeTinySentimentModel(dir);
    model = await loadOnnxSentiment(dir);
  });
  after(async () => {
    await model.close();
  });

  it('predicts the labels the weights encode', async () => {
    const [pos, neg, neu, fr] = await model.predictBatch([
      { text: 'This phone is GREAT', lang: 'en' },
      { text: 'awful service today', lang: 'en' },
      { text: 'the phone', lang: 'en' },
      { text: 'génial', lang: 'fr' },
    ]);
    assert.equal(pos?.label, 'positive');
    assert.equal(neg?.label, 'negative');
    assert.equal(neu?.label, 'neutral');
    assert.equal(fr?.label, 'positive');
    assert.equal(model.id, 'onnx:tiny-xlmr');
    for (const p of [pos, neg, neu, fr]) {
      assert.ok(p !== undefined);
      assert.equal(p.model, 'onnx:tiny-xlmr');
      assert.equal(p.reason, undefined);
      assert.ok(Math.abs(p.probs[0] + p.probs[1] + p.probs[2] - 1) < 1e-9);
      assert.ok(Math.abs(p.score - (p.probs[2] - p.probs[0])) < 1e-12);
      assert.equal(p.confidence, Math.max(...p.probs));
    }
  });

  it('computes softmax probabilities of the logits', async () => {
    // "great": mean of <s>, ▁great, </s> = [0, 0, 1]; logits [0, 0.1, 1] (bias 0.1 on neutral).
    const [p] = await model.predictBatch([{ text: 'great', lang: 'en' }]);
    const e = [Math.exp(0), Math.exp(0.1), Math.exp(1)];
    const sum = e[0]! + e[1]! + e[2]!;
    assert.ok(close(p!.probs, [e[0]! / sum, e[1]! / sum, e[2]! / sum]), `probs ${p!.probs.join(', ')}`);
  });

  it('gives the same result for a text alone or padded in a batch, and keeps the order', async () => {
    const long = 'the phone is great and the service was awful today and it is broken';
    const [alone] = await model.predictBatch([{ text: 'great', lang: 'en' }]);
    const batch = await model.predictBatch([
      { text: long, lang: 'en' },
      { text: 'great', lang: 'en' },
      { text: '', lang: 'en' },
      { text: 'awful', lang: 'en' },
    ]);
    assert.equal(batch.length, 4);
    assert.ok(close(batch[1]!.probs, alone!.probs));
    assert.equal(batch[2]!.reason, 'empty-text');
    assert.equal(batch[3]!.label, 'negative');
    const [longAlone] = await model.predictBatch([{ text: long, lang: 'en' }]);
    assert.ok(close(batch[0]!.probs, longAlone!.probs));
  });

  it('splits big inputs into batches of batchSize with the same answers', async () => {
    const words = ['great', 'awful', 'the phone', 'love it', 'hate this', 'my service is broken', 'happy'];
    const items = Array.from({ length: 100 }, (_, i) => ({ text: words[i % words.length]!, lang: 'en' }));
    const dir = await freshDir('tiny-xlmr');
    await writeTinySentimentModel(dir);
    const small = await loadOnnxSentiment(dir, { batchSize: 3 });
    try {
      const a = await model.predictBatch(items);
      const b = await small.predictBatch(items);
      assert.equal(b.length, 100);
      a.forEach((p, i) => assert.ok(close(p.probs, b[i]!.probs), `item ${i}`));
    } finally {
      await small.close();
    }
  });

  it('answers an empty batch with an empty list', async () => {
    assert.deepEqual(await model.predictBatch([]), []);
  });

  it('abstains on empty texts and unsupported languages, and judges unknown ones', async () => {
    const [empty, blank, ja, ptBr, unknown] = await model.predictBatch([
      { text: '', lang: 'en' },
      { text: ' \n\t ', lang: 'en' },
      { text: 'great', lang: 'ja' },
      { text: 'great', lang: 'pt-BR' },
      { text: 'great', lang: null },
    ]);
    assert.equal(empty!.reason, 'empty-text');
    assert.equal(empty!.label, 'neutral');
    assert.equal(blank!.reason, 'empty-text');
    assert.equal(ja!.reason, 'unsupported-language:ja');
    assert.equal(ja!.confidence, 1 / 3);
    assert.equal(ptBr!.label, 'positive');
    assert.equal(unknown!.label, 'positive');
    assert.deepEqual([...model.languages].sort(), ['ar', 'de', 'en', 'es', 'fr', 'hi', 'it', 'pt']);
  });

  it('refuses items that are not { text, lang }', async () => {
    // @ts-expect-error a JavaScript caller can pass anything
    await assert.rejects(model.predictBatch([{ text: 'ok', lang: 'en' }, { lang: 'en' }]), /item 1 has no text string/);
    // @ts-expect-error a JavaScript caller can pass anything
    await assert.rejects(model.predictBatch([{ text: 'ok', lang: 3 }]), /item 0 has a lang/);
  });

  it('answers concurrent calls correctly', async () => {
    const calls = Array.from({ length: 6 }, (_, i) => model.predictBatch([{ text: i % 2 === 0 ? 'great' : 'awful', lang: 'en' }]));
    const answers = await Promise.all(calls);
    answers.forEach((a, i) => assert.equal(a[0]!.label, i % 2 === 0 ? 'positive' : 'negative'));
  });
});

describe('truncation at maxLength tokens', () => {
  it('keeps the start of a long text and the special tokens', async () => {
    const dir = await freshDir();
    await writeTinySentimentModel(dir);
    // <s> ▁great ▁great </s>: 4 tokens keep the two positive words; the whole text is mostly negative.
    const short = await loadOnnxSentiment(dir, { maxLength: 4 });
    const full = await loadOnnxSentiment(dir);
    try {
      const text = 'great great awful awful awful awful';
      assert.equal((await short.predictBatch([{ text, lang: 'en' }]))[0]!.label, 'positive');
      assert.equal((await full.predictBatch([{ text, lang: 'en' }]))[0]!.label, 'negative');
      const [truncated] = await short.predictBatch([{ text, lang: 'en' }]);
      const [twoGreats] = await full.predictBatch([{ text: 'great great', lang: 'en' }]);
      assert.ok(close(truncated!.probs, twoGreats!.probs));
    } finally {
      await short.close();
      await full.close();
    }
  });

  it('handles huge texts quickly', async () => {
    const dir = await freshDir();
    await writeTinySentimentModel(dir);
    const model = await loadOnnxSentiment(dir, { maxLength: 16 });
    try {
      const huge = `${'love '.repeat(20)}${'awful '.repeat(400_000)}`;
      const noSpaces = 'x'.repeat(2_000_000);
      const started = performance.now();
      const [a, b] = await model.predictBatch([{ text: huge, lang: 'en' }, { text: noSpaces, lang: 'en' }]);
      const ms = performance.now() - started;
      assert.equal(a!.label, 'positive');
      assert.equal(b!.reason, undefined);
      assert.ok(ms < 5000, `took ${ms} ms`);
    } finally {
      await model.close();
    }
  });
});

describe('other export shapes', () => {
  it('reads a BERT-like model: WordPiece, LABEL_0..2, token_type_ids, pad token from tokenizer_config.json', async () => {
    const dir = await freshDir('bert-like');
    await writeTinySentimentModel(dir, { tokenizer: 'wordpiece' });
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(config['pad_token_id'], undefined);
    const model = await loadOnnxSentiment(dir);
    try {
      const out = await model.predictBatch([
        { text: 'I LOVE this phone', lang: 'en' },
        { text: 'terrible', lang: 'en' },
        { text: 'the phone', lang: 'en' },
      ]);
      assert.deepEqual(out.map((p) => p.label), ['positive', 'negative', 'neutral']);
    } finally {
      await model.close();
    }
  });

  it('masks handles and links before tokenising, unless told not to', async () => {
    const dir = await freshDir('bert-like');
    await writeTinySentimentModel(dir, { tokenizer: 'wordpiece' });
    const masked = await loadOnnxSentiment(dir);
    const raw = await loadOnnxSentiment(dir, { tweetPreprocess: false });
    try {
      // The BERT pre-tokeniser splits "@awful" into "@" and "awful": unmasked, the handles weigh in.
      const text = '@awful @awful great';
      assert.equal((await masked.predictBatch([{ text, lang: 'en' }]))[0]!.label, 'positive');
      assert.equal((await raw.predictBatch([{ text, lang: 'en' }]))[0]!.label, 'negative');
    } finally {
      await masked.close();
      await raw.close();
    }
  });

  it('maps labels by name whatever the output order', async () => {
    const dir = await freshDir();
    await writeTinySentimentModel(dir, { outputOrder: ['positive', 'negative', 'neutral'] });
    const model = await loadOnnxSentiment(dir);
    try {
      const [pos, neg, neu] = await model.predictBatch([
        { text: 'great', lang: 'en' },
        { text: 'awful', lang: 'en' },
        { text: 'the phone', lang: 'en' },
      ]);
      assert.equal(pos!.label, 'positive');
      assert.equal(neg!.label, 'negative');
      assert.equal(neu!.label, 'neutral');
      assert.ok(pos!.score > 0 && neg!.score < 0);
    } finally {
      await model.close();
    }
  });

  it('runs a model whose ids are int32', async () => {
    const dir = await freshDir();
    await writeTinySentimentModel(dir, { inputType: 'int32' });
    const model = await loadOnnxSentiment(dir);
    try {
      assert.equal((await model.predictBatch([{ text: 'hate', lang: 'en' }]))[0]!.label, 'negative');
    } finally {
      await model.close();
    }
  });

  it('finds onnx/model.onnx and model_quantized.onnx, or the file named in modelFile', async () => {
    const a = await freshDir('nested');
    await writeTinySentimentModel(a, { modelFile: 'onnx/model.onnx' });
    const m1 = await loadOnnxSentiment(a);
    assert.equal(m1.id, 'onnx:nested');
    await m1.close();

    const b = await freshDir('quant');
    await writeTinySentimentModel(b, { modelFile: 'model_quantized.onnx' });
    const m2 = await loadOnnxSentiment(b);
    assert.equal(m2.id, 'onnx:quant/model_quantized');
    assert.equal((await m2.predictBatch([{ text: 'great', lang: 'en' }]))[0]!.model, 'onnx:quant/model_quantized');
    await m2.close();

    const c = await freshDir('custom');
    await writeTinySentimentModel(c, { modelFile: 'weights/sentiment.onnx' });
    await assert.rejects(loadOnnxSentiment(c), /no ONNX model in .*custom: looked for model\.onnx, onnx\/model\.onnx/);
    const m3 = await loadOnnxSentiment(c, { modelFile: 'weights/sentiment.onnx', languages: ['en'] });
    assert.equal(m3.id, 'onnx:custom/sentiment');
    assert.equal((await m3.predictBatch([{ text: 'great', lang: 'fr' }]))[0]!.reason, 'unsupported-language:fr');
    await m3.close();
  });

  it('refuses to work once closed, and closes twice without harm', async () => {
    const dir = await freshDir();
    await writeTinySentimentModel(dir);
    const model = await loadOnnxSentiment(dir);
    await model.close();
    await model.close();
    await assert.rejects(model.predictBatch([{ text: 'great', lang: 'en' }]), /is closed/);
  });
});

describe('refusals with a message that says what is wrong', () => {
  it('a missing directory, or a file instead of one', async () => {
    const missing = join(root, 'nowhere', 'model');
    await assert.rejects(loadOnnxSentiment(missing), (err: Error) => err.message.includes(`directory not found: ${missing}`) && err.message.includes('docs/transformer-backend.md'));
    const file = join(await freshDir(), 'config.json');
    await writeFile(file, '{}');
    await assert.rejects(loadOnnxSentiment(file), /is not a directory/);
  });

  it('no model.onnx, no config.json, no tokenizer.json', async () => {
    const dir = await freshDir();
    await writeTinySentimentModel(dir);
    await rm(join(dir, 'model.onnx'));
    await assert.rejects(loadOnnxSentiment(dir), /no ONNX model in .*looked for model\.onnx/);

    const dir2 = await freshDir();
    await writeTinySentimentModel(dir2);
    await rm(join(dir2, 'config.json'));
    await assert.rejects(loadOnnxSentiment(dir2), /missing .*config\.json/);

    const dir3 = await freshDir();
    await writeTinySentimentModel(dir3);
    await rm(join(dir3, 'tokenizer.json'));
    await assert.rejects(loadOnnxSentiment(dir3), /missing .*tokenizer\.json/);

    const dir4 = await freshDir();
    await writeTinySentimentModel(dir4, { modelFile: 'onnx/model.onnx' });
    await assert.rejects(loadOnnxSentiment(dir4, { modelFile: 'model.onnx' }), /ONNX model file not found: .*model\.onnx \(modelFile option\)/);
  });

  it('tokenizer.json that is not JSON, or not a tokenizer, or of an unknown kind', async () => {
    const dir = await freshDir();
    await writeTinySentimentModel(dir);
    await writeFile(join(dir, 'tokenizer.json'), '{\n  "model": {\n    "type": "Unigram",\n  }\n}');
    await assert.rejects(loadOnnxSentiment(dir), /tokenizer\.json: invalid JSON: .*line 4 column 3/);
    await writeFile(join(dir, 'tokenizer.json'), '["not", "a", "tokenizer"]');
    await assert.rejects(loadOnnxSentiment(dir), /tokenizer\.json: not a Hugging Face tokenizer\.json/);
    const good = JSON.parse(await readFile(join(await (async () => {
      const d = await freshDir();
      await writeTinySentimentModel(d);
      return d;
    })(), 'tokenizer.json'), 'utf8')) as { normalizer: unknown };
    good.normalizer = { type: 'MadeUp' };
    await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(good));
    await assert.rejects(loadOnnxSentiment(dir), /tokenizer\.json: cannot build the tokenizer: Unknown Normalizer type: MadeUp/);
  });

  it('config.json without id2label, or with labels that are not negative/neutral/positive', async () => {
    const dir = await freshDir();
    await writeTinySentimentModel(dir, { id2label: null });
    await assert.rejects(loadOnnxSentiment(dir), /config\.json: no "id2label" field; .*"0": "negative"/);

    const dir2 = await freshDir();
    await writeTinySentimentModel(dir2, { id2label: { 0: 'anger', 1: 'joy', 2: 'sadness' } });
    await assert.rejects(loadOnnxSentiment(dir2), /"id2label"\."0" is "anger", which is not a sentiment label/);

    const dir3 = await freshDir();
    await writeTinySentimentModel(dir3, { outputOrder: ['negative', 'positive'] });
    await assert.rejects(loadOnnxSentiment(dir3), /"id2label" has 2 labels \(negative, positive\); Vigie needs exactly 3/);

    const dir4 = await freshDir();
    await writeTinySentimentModel(dir4);
    await writeFile(join(dir4, 'config.json'), '{"id2label": {"0": "negative",}}');
    await assert.rejects(loadOnnxSentiment(dir4), /config\.json: invalid JSON: .*line 1 column 31/);
  });

  it('a model.onnx that is not a model, or whose output does not match the labels', async () => {
    const dir = await freshDir();
    await writeTinySentimentModel(dir);
    await writeFile(join(dir, 'model.onnx'), 'this is not protobuf at all');
    await assert.rejects(loadOnnxSentiment(dir), /model\.onnx: onnxruntime cannot load this model/);

    const fixed = await freshDir();
    await writeTinySentimentModel(fixed, { fixedShape: [1, 128] });
    await assert.rejects(loadOnnxSentiment(fixed), /input "input_ids" has the fixed shape \[1, 128\]; Vigie needs dynamic batch and sequence axes/);

    const dir2 = await freshDir();
    await writeTinySentimentModel(dir2, { classes: 2 });
    await assert.rejects(loadOnnxSentiment(dir2), /output "logits" is float32 \[1, 2\]; expected float \[1, 3\]/);
  });

  it('options out of range', async () => {
    const dir = await freshDir();
    await writeTinySentimentModel(dir);
    await assert.rejects(loadOnnxSentiment(dir, { batchSize: 0 }), /batchSize must be an integer from 1 to 1024 \(got 0\)/);
    await assert.rejects(loadOnnxSentiment(dir, { maxLength: 2 }), /maxLength 2 leaves no room for text: this tokenizer adds 2 special tokens/);
    await assert.rejects(loadOnnxSentiment(dir, { maxLength: 1000 }), /more than the model accepts \(model_max_length 512/);
    await assert.rejects(loadOnnxSentiment(dir, { languages: [] }), /languages must be a non-empty list/);
    await assert.rejects(loadOnnxSentiment(dir, { languages: ['english'] }), /"english" is not an ISO 639-1 code/);
    await assert.rejects(loadOnnxSentiment(dir, { threads: 1.5 }), /threads must be an integer/);
  });
});
