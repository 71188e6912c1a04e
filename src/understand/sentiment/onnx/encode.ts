/**
 * Text → token ids for the transformer backend, with Hugging Face's tokenizer.json read by
 * @huggingface/tokenizers (the tokenizer code transformers.js uses: XLM-R's Unigram, WordPiece, BPE),
 * truncation to `maxLength` tokens that keeps the special tokens (`<s> … </s>`), and padding of a
 * batch into the int tensors an exported model takes.
 */
import { Tokenizer } from '@huggingface/tokenizers';

export interface TokenEncoder {
  /** Token ids with the model's special tokens, at most `maxLength` of them. */
  encode(text: string): number[];
  /** How many ids of an encoding are special tokens (so `encode(t).length - specials` are the text's). */
  readonly specials: number;
  readonly padId: number;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The pad id: config.json's pad_token_id, else tokenizer_config.json's pad_token, else tokenizer.json's padding, else 0. */
function findPadId(tokenizer: Tokenizer, tokenizerJson: Record<string, unknown>, tokenizerConfig: Record<string, unknown>, config: Record<string, unknown>): number {
  const fromConfig = config['pad_token_id'];
  if (typeof fromConfig === 'number' && Number.isInteger(fromConfig) && fromConfig >= 0) return fromConfig;
  const padToken = tokenizerConfig['pad_token'];
  const padText = typeof padToken === 'string' ? padToken : isObject(padToken) && typeof padToken['content'] === 'string' ? padToken['content'] : undefined;
  if (padText !== undefined) {
    const id = tokenizer.token_to_id(padText);
    if (id !== undefined) return id;
  }
  const padding = tokenizerJson['padding'];
  if (isObject(padding) && typeof padding['pad_id'] === 'number') return padding['pad_id'];
  // Padded positions have attention_mask 0, so a model that names no pad token still reads them as absent.
  return 0;
}

export interface EncoderSources {
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  config: Record<string, unknown>;
  /** For error messages. */
  tokenizerPath: string;
}

/** Builds the encoder; throws, naming tokenizer.json, when the tokenizer cannot be built or used. */
export function createTokenEncoder(src: EncoderSources, maxLength: number): TokenEncoder {
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(src.tokenizerJson, src.tokenizerConfig);
  } catch (err) {
    throw new Error(`${src.tokenizerPath}: cannot build the tokenizer: ${(err as Error).message}; re-export the model's tokenizer.json`);
  }
  // Where the text's ids sit between the special tokens: found once on a probe text.
  let probeFull: number[];
  let probeCore: number[];
  try {
    probeFull = tokenizer.encode('hello world').ids;
    probeCore = tokenizer.encode('hello world', { add_special_tokens: false }).ids;
  } catch (err) {
    throw new Error(`${src.tokenizerPath}: the tokenizer fails on a plain text: ${(err as Error).message}; re-export the model's tokenizer.json`);
  }
  const specials = probeFull.length - probeCore.length;
  let prefix = -1;
  for (let p = 0; p + probeCore.length <= probeFull.length; p++) {
    if (probeCore.every((id, i) => probeFull[p + i] === id)) {
      prefix = p;
      break;
    }
  }
  if (specials < 0 || prefix < 0 || probeCore.length === 0) {
    throw new Error(`${src.tokenizerPath}: cannot tell the special tokens from the text's tokens (post_processor?); re-export the model's tokenizer.json`);
  }
  const suffix = specials - prefix;
  if (maxLength < specials + 1) {
    throw new Error(`maxLength ${maxLength} leaves no room for text: this tokenizer adds ${specials} special tokens; use at least ${specials + 1} (128 suits tweets)`);
  }
  const budget = maxLength - specials;

  // A text longer than this many characters surely has more than `budget` tokens (no token is
  // longer than the longest vocabulary entry), so only its start needs tokenising.
  let longestPiece = 1;
  for (const piece of tokenizer.get_vocab(true).keys()) if (piece.length > longestPiece) longestPiece = piece.length;
  const charCap = (maxLength + 1) * longestPiece;

  const cut = (text: string): string => {
    let end = charCap;
    // Cut at a whitespace so the last kept word is tokenised as in the full text.
    const limit = Math.min(text.length, charCap + 256);
    while (end < limit && !/\s/.test(text[end] as string)) end++;
    if (end >= text.length) return text;
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end--;
    return text.slice(0, end);
  };

  return {
    specials,
    padId: findPadId(tokenizer, src.tokenizerJson, src.tokenizerConfig, src.config),
    encode(text: string): number[] {
      const head = text.length > charCap ? cut(text) : text;
      let ids = tokenizer.encode(head).ids;
      // A normaliser that drops characters can leave the cut text short of the budget: redo on the whole text.
      if (head !== text && ids.length - specials <= budget) ids = tokenizer.encode(text).ids;
      if (ids.length <= maxLength) return ids;
      return [...ids.slice(0, prefix + budget), ...ids.slice(ids.length - suffix)];
    },
  };
}

export type IdTensorType = 'int64' | 'int32';

export interface PaddedBatch {
  inputIds: BigInt64Array | Int32Array;
  attentionMask: BigInt64Array | Int32Array;
  /** Zeros (one segment), for models that take token_type_ids. */
  tokenTypeIds: BigInt64Array | Int32Array;
  rows: number;
  columns: number;
}

/** Pads id sequences to the longest one, right-padding with `padId` and mask 0. */
export function padBatch(sequences: readonly (readonly number[])[], padId: number, type: IdTensorType): PaddedBatch {
  const rows = sequences.length;
  const columns = sequences.reduce((m, s) => Math.max(m, s.length), 0);
  const ids = new Int32Array(rows * columns).fill(padId);
  const mask = new Int32Array(rows * columns);
  sequences.forEach((seq, r) => {
    ids.set(seq, r * columns);
    mask.fill(1, r * columns, r * columns + seq.length);
  });
  const typed = (a: Int32Array): BigInt64Array | Int32Array => (type === 'int64' ? BigInt64Array.from(a, (v) => BigInt(v)) : a);
  return { inputIds: typed(ids), attentionMask: typed(mask), tokenTypeIds: typed(new Int32Array(rows * columns)), rows, columns };
}
