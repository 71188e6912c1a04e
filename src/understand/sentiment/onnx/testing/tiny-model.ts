/**
 * Writes a tiny but real sentiment model directory, shaped like an optimum export of a Hugging Face
 * sequence-classification model (config.json, tokenizer.json, tokenizer_config.json, model.onnx),
 * so tests run the whole ONNX backend (tokenizer → onnxruntime → label mapping) without a download.
 *
 * The model is a masked mean of per-token embeddings followed by a linear layer: each known word
 * has a fixed polarity ("great" positive, "awful" negative, "phone" neutral), and padding does not
 * change a text's logits because padded positions are masked out of the mean.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { encodeOnnxModel, type OnnxElemType, type OnnxGraph, type OnnxNode, type OnnxTensor, type OnnxValueInfo } from './onnx-model.ts';

type Polarity = 'negative' | 'neutral' | 'positive';

export const TINY_POSITIVE_WORDS = ['great', 'love', 'excellent', 'happy', 'génial'] as const;
export const TINY_NEGATIVE_WORDS = ['awful', 'hate', 'terrible', 'broken', 'nul'] as const;
export const TINY_NEUTRAL_WORDS = ['the', 'is', 'it', 'this', 'my', 'phone', 'service', 'today', 'was', 'and'] as const;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');

export interface TinyModelOptions {
  /** `unigram`: XLM-R-like (Metaspace, `<s> … </s>`, pad id 1); `wordpiece`: BERT-like, with token_type_ids. */
  tokenizer?: 'unigram' | 'wordpiece';
  /** What each model output means, in output order (default negative, neutral, positive). */
  outputOrder?: readonly Polarity[];
  /**
   * config.json's id2label. Default: the names of `outputOrder` (unigram) or LABEL_0.. (wordpiece);
   * `null` leaves id2label out of config.json.
   */
  id2label?: Record<string, string> | null;
  /** Number of logits the model outputs (default: outputOrder's length); set 2 to build a wrong model. */
  classes?: number;
  /** Where the model goes, relative to the directory (default `model.onnx`). */
  modelFile?: string;
  /** Element type of the graph's input_ids / attention_mask (default int64, as exports use). */
  inputType?: OnnxElemType;
  /** Declare inputs of this fixed [batch, sequence] shape instead of dynamic axes (a wrong export). */
  fixedShape?: readonly [number, number];
}

/** The polarity a known word carries in the tiny model, or neutral for anything else. */
function polarityOf(word: string): Polarity | null {
  if ((TINY_POSITIVE_WORDS as readonly string[]).includes(word)) return 'positive';
  if ((TINY_NEGATIVE_WORDS as readonly string[]).includes(word)) return 'negative';
  if ((TINY_NEUTRAL_WORDS as readonly string[]).includes(word)) return 'neutral';
  return null;
}

const SEMANTIC: readonly Polarity[] = ['negative', 'neutral', 'positive'];

/** The embedding row of a token: 3 on its polarity's axis for polar words, 0.5 for neutral ones, 0 else. */
function embeddingRow(word: string | null): number[] {
  const p = word === null ? null : polarityOf(word);
  if (p === 'positive') return [0, 0, 3];
  if (p === 'negative') return [3, 0, 0];
  if (p === 'neutral') return [0, 0.5, 0];
  return [0, 0, 0];
}

interface TinyTokenizer {
  /** Vocabulary in id order, each with the bare word it stands for (null for specials and pieces). */
  vocab: { piece: string; word: string | null }[];
  tokenizerJson: unknown;
  tokenizerConfig: unknown;
  padId: number;
}

function unigramTokenizer(): TinyTokenizer {
  const vocab: { piece: string; word: string | null; score: number }[] = [
    { piece: '<s>', word: null, score: 0 },
    { piece: '<pad>', word: null, score: 0 },
    { piece: '</s>', word: null, score: 0 },
    { piece: '<unk>', word: null, score: 0 },
    ...[...TINY_POSITIVE_WORDS, ...TINY_NEGATIVE_WORDS, ...TINY_NEUTRAL_WORDS].map((w) => ({ piece: `▁${w}`, word: w, score: -5 })),
    { piece: '▁', word: null, score: -8 },
    ...LETTERS.map((l) => ({ piece: l, word: null, score: -10 })),
  ];
  const special = (id: number, content: string) => ({
    id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
  });
  return {
    vocab,
    padId: 1,
    tokenizerJson: {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [special(0, '<s>'), special(1, '<pad>'), special(2, '</s>'), special(3, '<unk>')],
      normalizer: { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Lowercase' }] },
      pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
      post_processor: { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0], trim_offsets: true, add_prefix_space: true },
      decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
      model: { type: 'Unigram', unk_id: 3, vocab: vocab.map((v) => [v.piece, v.score]), byte_fallback: false },
    },
    tokenizerConfig: {
      tokenizer_class: 'XLMRobertaTokenizer',
      model_max_length: 512,
      bos_token: '<s>', eos_token: '</s>', cls_token: '<s>', sep_token: '</s>', pad_token: '<pad>', unk_token: '<unk>',
    },
  };
}

function wordpieceTokenizer(): TinyTokenizer {
  const vocab: { piece: string; word: string | null }[] = [
    { piece: '[PAD]', word: null },
    { piece: '[UNK]', word: null },
    { piece: '[CLS]', word: null },
    { piece: '[SEP]', word: null },
    ...[...TINY_POSITIVE_WORDS, ...TINY_NEGATIVE_WORDS, ...TINY_NEUTRAL_WORDS].map((w) => ({ piece: w, word: w })),
    ...LETTERS.map((l) => ({ piece: l, word: null })),
    ...LETTERS.map((l) => ({ piece: `##${l}`, word: null })),
  ];
  const special = (id: number, content: string) => ({
    id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
  });
  return {
    vocab,
    padId: 0,
    tokenizerJson: {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [special(0, '[PAD]'), special(1, '[UNK]'), special(2, '[CLS]'), special(3, '[SEP]')],
      normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: { type: 'BertProcessing', sep: ['[SEP]', 3], cls: ['[CLS]', 2] },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: {
        type: 'WordPiece',
        unk_token: '[UNK]',
        continuing_subword_prefix: '##',
        max_input_chars_per_word: 100,
        vocab: Object.fromEntries(vocab.map((v, i) => [v.piece, i])),
      },
    },
    tokenizerConfig: {
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 512,
      cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]',
    },
  };
}

function graphFor(
  tok: TinyTokenizer, outputOrder: readonly Polarity[], classes: number, withTypeIds: boolean, inputType: OnnxElemType,
  shape: readonly (number | string)[],
): OnnxGraph {
  const embeddings: OnnxTensor = {
    name: 'embeddings', type: 'float', dims: [tok.vocab.length, 3], values: tok.vocab.flatMap((v) => embeddingRow(v.word)),
  };
  // W[d][j] = 1 when output j means the polarity of embedding axis d.
  const weights: OnnxTensor = {
    name: 'classifier.weight', type: 'float', dims: [3, classes],
    values: SEMANTIC.flatMap((axis) => Array.from({ length: classes }, (_, j) => (outputOrder[j] === axis ? 1 : 0))),
  };
  const bias: OnnxTensor = {
    name: 'classifier.bias', type: 'float', dims: [classes],
    values: Array.from({ length: classes }, (_, j) => (outputOrder[j] === 'neutral' ? 0.1 : 0)),
  };
  const axisLast: OnnxTensor = { name: 'axis_last', type: 'int64', dims: [1], values: [-1] };
  const axisSeq: OnnxTensor = { name: 'axis_seq', type: 'int64', dims: [1], values: [1] };
  const initializers = [embeddings, weights, bias, axisLast, axisSeq];
  const ids = inputType === 'int64' ? 'input_ids' : 'input_ids_64';
  const mask = inputType === 'int64' ? 'attention_mask' : 'attention_mask_64';
  const nodes: OnnxNode[] = [];
  if (inputType !== 'int64') {
    nodes.push({ op: 'Cast', inputs: ['input_ids'], outputs: [ids], attributes: { to: { int: 7 } } });
    nodes.push({ op: 'Cast', inputs: ['attention_mask'], outputs: [mask], attributes: { to: { int: 7 } } });
  }
  nodes.push({ op: 'Gather', inputs: ['embeddings', ids], outputs: ['tok'], attributes: { axis: { int: 0 } } });
  let tokens = 'tok';
  if (withTypeIds) {
    initializers.push({ name: 'type_embeddings', type: 'float', dims: [2, 3], values: [0, 0, 0, 0, 0, 0] });
    nodes.push({ op: 'Gather', inputs: ['type_embeddings', 'token_type_ids'], outputs: ['typ'], attributes: { axis: { int: 0 } } });
    nodes.push({ op: 'Add', inputs: ['tok', 'typ'], outputs: ['tok_typ'] });
    tokens = 'tok_typ';
  }
  nodes.push(
    { op: 'Cast', inputs: [mask], outputs: ['mask_f'], attributes: { to: { int: 1 } } },
    { op: 'Unsqueeze', inputs: ['mask_f', 'axis_last'], outputs: ['mask_3d'] },
    { op: 'Mul', inputs: [tokens, 'mask_3d'], outputs: ['masked'] },
    { op: 'ReduceSum', inputs: ['masked', 'axis_seq'], outputs: ['summed'], attributes: { keepdims: { int: 0 } } },
    { op: 'ReduceSum', inputs: ['mask_f', 'axis_seq'], outputs: ['count'], attributes: { keepdims: { int: 1 } } },
    { op: 'Div', inputs: ['summed', 'count'], outputs: ['mean'] },
    { op: 'MatMul', inputs: ['mean', 'classifier.weight'], outputs: ['projected'] },
    { op: 'Add', inputs: ['projected', 'classifier.bias'], outputs: ['logits'] },
  );
  const inputs: OnnxValueInfo[] = [
    { name: 'input_ids', type: inputType, shape },
    { name: 'attention_mask', type: inputType, shape },
  ];
  if (withTypeIds) inputs.push({ name: 'token_type_ids', type: 'int64', shape });
  return { name: 'tiny-sentiment', nodes, initializers, inputs, outputs: [{ name: 'logits', type: 'float', shape: ['batch_size', classes] }] };
}

/** Writes the tiny model's files into `dir` (created if needed). */
export async function writeTinySentimentModel(dir: string, options: TinyModelOptions = {}): Promise<void> {
  const kind = options.tokenizer ?? 'unigram';
  const tok = kind === 'unigram' ? unigramTokenizer() : wordpieceTokenizer();
  const outputOrder = options.outputOrder ?? SEMANTIC;
  const classes = options.classes ?? outputOrder.length;
  const id2label = options.id2label === undefined
    ? Object.fromEntries(outputOrder.map((p, i) => [String(i), kind === 'unigram' ? p : `LABEL_${i}`]))
    : options.id2label;
  const config: Record<string, unknown> = {
    architectures: [kind === 'unigram' ? 'XLMRobertaForSequenceClassification' : 'BertForSequenceClassification'],
    model_type: kind === 'unigram' ? 'xlm-roberta' : 'bert',
    max_position_embeddings: 514,
  };
  // The BERT-like variant leaves pad_token_id out, so the loader must find it in tokenizer_config.json.
  if (kind === 'unigram') config['pad_token_id'] = tok.padId;
  if (id2label !== null) {
    config['id2label'] = id2label;
    config['label2id'] = Object.fromEntries(Object.entries(id2label).map(([k, v]) => [v, Number(k)]));
  }
  const modelPath = join(dir, options.modelFile ?? 'model.onnx');
  await mkdir(dirname(modelPath), { recursive: true });
  await writeFile(join(dir, 'config.json'), JSON.stringify(config, null, 2));
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tok.tokenizerJson, null, 2));
  await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(tok.tokenizerConfig, null, 2));
  await writeFile(modelPath, encodeOnnxModel(graphFor(tok, outputOrder, classes, kind === 'wordpiece', options.inputType ?? 'int64', options.fixedShape ?? ['batch_size', 'sequence_length'])));
}
