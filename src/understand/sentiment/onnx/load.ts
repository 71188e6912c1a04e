/**
 * The optional transformer sentiment backend: runs an exported Hugging Face sequence-classification
 * model (e.g. cardiffnlp/twitter-xlm-roberta-base-sentiment) with onnxruntime-node on the CPU, from a
 * local directory only: nothing is downloaded, at install or at run time. See
 * docs/transformer-backend.md for exporting a model and pointing Vigie at it.
 *
 * onnxruntime-node is imported lazily, so Vigie's built-in sentiment model never loads its native
 * library.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { abstain, type BatchSentimentModel, type LabelIndex, type SentimentPrediction } from '../types.ts';
import { createTokenEncoder, padBatch, type IdTensorType } from './encode.ts';
import { mapId2Label, predictionFromLogits } from './labels.ts';
import { modelIdFor, readModelDir } from './model-dir.ts';
import { preprocessTweet } from './preprocess.ts';

/** The languages cardiffnlp/twitter-xlm-roberta-base-sentiment's model card claims (UMSAB). */
export const XLM_T_SENTIMENT_LANGUAGES: readonly string[] = ['ar', 'de', 'en', 'es', 'fr', 'hi', 'it', 'pt'];

export const ONNX_SENTIMENT_DEFAULTS = { batchSize: 32, maxLength: 128 } as const;

export interface OnnxSentimentOptions {
  /** Texts per inference call (default 32). */
  batchSize?: number;
  /** Tokens per text, special tokens included; longer texts keep their start (default 128). */
  maxLength?: number;
  /**
   * ISO 639-1 codes the model was trained for (default XLM_T_SENTIMENT_LANGUAGES); texts in other
   * languages get an abstention. Texts whose language is unknown (null) are judged.
   */
  languages?: readonly string[];
  /** The ONNX file inside the directory (default: the first of model.onnx, onnx/model.onnx, model_quantized.onnx, onnx/model_quantized.onnx). */
  modelFile?: string;
  /** CPU threads for one inference (default: onnxruntime's, one per physical core). */
  threads?: number;
  /**
   * Mask user handles as `@user` and links as `http` before tokenising, as the Cardiff NLP models
   * were trained (default true).
   */
  tweetPreprocess?: boolean;
}

const INPUTS = new Set(['input_ids', 'attention_mask', 'token_type_ids']);

function checkInteger(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`ONNX sentiment option ${name} must be an integer from ${min} to ${max} (got ${String(value)})`);
  }
}

function checkLanguages(languages: readonly string[]): Set<string> {
  if (!Array.isArray(languages) || languages.length === 0) {
    throw new Error('ONNX sentiment option languages must be a non-empty list of ISO 639-1 codes, e.g. [en, fr]');
  }
  const out = new Set<string>();
  for (const l of languages) {
    if (typeof l !== 'string' || !/^[a-z]{2,3}$/i.test(l)) {
      throw new Error(`ONNX sentiment option languages: "${String(l)}" is not an ISO 639-1 code (two letters, e.g. en)`);
    }
    out.add(l.toLowerCase());
  }
  return out;
}

/** The primary subtag of a language tag, lower-cased: `pt-BR` → `pt`. */
function baseLanguage(lang: string): string {
  return (lang.split(/[-_]/)[0] ?? '').toLowerCase();
}

interface Session {
  session: InferenceSession;
  TensorCtor: typeof Tensor;
  idType: IdTensorType;
  outputName: string;
}

async function openSession(modelPath: string, threads: number | undefined): Promise<Session> {
  let ort: typeof import('onnxruntime-node');
  try {
    ort = await import('onnxruntime-node');
  } catch (err) {
    throw new Error(`the transformer backend needs the npm package onnxruntime-node, which did not load (${(err as Error).message}); run npm ci in Vigie's directory`);
  }
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
      interOpNumThreads: 1,
      ...(threads === undefined ? {} : { intraOpNumThreads: threads }),
    });
  } catch (err) {
    throw new Error(`${modelPath}: onnxruntime cannot load this model: ${(err as Error).message}; re-export it (docs/transformer-backend.md)`);
  }
  const fail = async (message: string): Promise<never> => {
    await session.release();
    throw new Error(`${modelPath}: ${message}; export a text-classification model (optimum-cli export onnx --task text-classification)`);
  };
  for (const name of session.inputNames) {
    if (!INPUTS.has(name)) await fail(`the model wants an input "${name}", but a text classifier takes only input_ids, attention_mask and token_type_ids`);
  }
  if (!session.inputNames.includes('input_ids')) await fail(`the model has no "input_ids" input (inputs: ${session.inputNames.join(', ')})`);
  const meta = session.inputMetadata.find((m) => m.name === 'input_ids');
  const idType = meta !== undefined && meta.isTensor && meta.type === 'int32' ? 'int32' : 'int64';
  for (const m of session.inputMetadata) {
    if (m.isTensor && m.type !== idType) await fail(`input "${m.name}" is ${m.type} while input_ids is ${idType}`);
    if (m.isTensor && m.shape.some((d) => typeof d === 'number' && d > 0)) {
      await fail(`input "${m.name}" has the fixed shape [${m.shape.join(', ')}]; Vigie needs dynamic batch and sequence axes (optimum's default)`);
    }
  }
  const outputName = session.outputNames.includes('logits') ? 'logits' : session.outputNames.length === 1 ? session.outputNames[0] : undefined;
  if (outputName === undefined) await fail(`no "logits" output among ${session.outputNames.join(', ')}`);
  return { session, TensorCtor: ort.Tensor, idType, outputName: outputName as string };
}

/**
 * Loads the model in `dir` (see OnnxSentimentOptions) and checks it end to end on a short text, so a
 * bad export fails here, at start-up, rather than in the middle of ingestion.
 */
export async function loadOnnxSentiment(dir: string, options: OnnxSentimentOptions = {}): Promise<BatchSentimentModel> {
  checkInteger('batchSize', options.batchSize, 1, 1024);
  checkInteger('maxLength', options.maxLength, 1, 8192);
  checkInteger('threads', options.threads, 1, 256);
  const batchSize = options.batchSize ?? ONNX_SENTIMENT_DEFAULTS.batchSize;
  const maxLength = options.maxLength ?? ONNX_SENTIMENT_DEFAULTS.maxLength;
  const languages = checkLanguages(options.languages ?? XLM_T_SENTIMENT_LANGUAGES);
  if (options.tweetPreprocess !== undefined && typeof options.tweetPreprocess !== 'boolean') {
    throw new Error(`ONNX sentiment option tweetPreprocess must be true or false (got ${String(options.tweetPreprocess)})`);
  }
  const tweetPreprocess = options.tweetPreprocess ?? true;

  const files = await readModelDir(dir, options.modelFile);
  const mapping = mapId2Label(files.config, files.configPath);
  const config = files.config as Record<string, unknown>;
  const modelMax = files.tokenizerConfig['model_max_length'];
  if (typeof modelMax === 'number' && modelMax < maxLength) {
    throw new Error(`maxLength ${maxLength} is more than the model accepts (model_max_length ${modelMax} in ${files.dir}/tokenizer_config.json); use at most ${modelMax}`);
  }
  const encoder = createTokenEncoder(
    { tokenizerJson: files.tokenizer as Record<string, unknown>, tokenizerConfig: files.tokenizerConfig, config, tokenizerPath: files.tokenizerPath },
    maxLength,
  );
  const id = modelIdFor(files);
  const ort = await openSession(files.modelPath, options.threads);

  const infer = async (sequences: readonly number[][]): Promise<SentimentPrediction[]> => {
    const batch = padBatch(sequences, encoder.padId, ort.idType);
    const dims = [batch.rows, batch.columns];
    const feeds: Record<string, Tensor> = {};
    for (const name of ort.session.inputNames) {
      const data = name === 'input_ids' ? batch.inputIds : name === 'attention_mask' ? batch.attentionMask : batch.tokenTypeIds;
      feeds[name] = new ort.TensorCtor(ort.idType, data, dims);
    }
    let output: Tensor;
    try {
      const result = await ort.session.run(feeds);
      output = result[ort.outputName] as Tensor;
    } catch (err) {
      throw new Error(`${files.modelPath}: inference failed on a batch of ${batch.rows} texts of ${batch.columns} tokens: ${(err as Error).message}`);
    }
    const shapeOk = output.dims.length === 2 && output.dims[0] === batch.rows && output.dims[1] === mapping.length;
    if (!shapeOk || !(output.data instanceof Float32Array || output.data instanceof Float64Array)) {
      throw new Error(
        `${files.modelPath}: output "${ort.outputName}" is ${output.type} [${output.dims.join(', ')}]; expected float [${batch.rows}, ${mapping.length}] ` +
        `(one logit per label of ${files.configPath} id2label); export a text-classification model with 3 labels`,
      );
    }
    const data = output.data;
    const width = mapping.length;
    return sequences.map((_, r) => predictionFromLogits(data.subarray(r * width, (r + 1) * width), mapping as readonly LabelIndex[], id));
  };

  try {
    await infer([encoder.encode('ok')]);
  } catch (err) {
    await ort.session.release();
    throw err;
  }

  // One inference at a time: onnxruntime already uses every core for one batch.
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    id,
    languages: [...languages],
    async predictBatch(items) {
      if (closed) throw new Error(`the ONNX sentiment model ${id} is closed`);
      if (!Array.isArray(items)) throw new TypeError('predictBatch needs an array of { text, lang }');
      const results: SentimentPrediction[] = new Array(items.length);
      const jobs: { index: number; ids: number[] }[] = [];
      items.forEach((item, index) => {
        const text: unknown = item?.text;
        const lang: unknown = item?.lang;
        if (typeof text !== 'string') throw new TypeError(`predictBatch: item ${index} has no text string (got ${typeof text})`);
        if (lang !== null && typeof lang !== 'string') throw new TypeError(`predictBatch: item ${index} has a lang that is neither a string nor null`);
        if (lang !== null && !languages.has(baseLanguage(lang))) {
          results[index] = abstain(id, `unsupported-language:${baseLanguage(lang) || lang}`);
          return;
        }
        if (text.trim() === '') {
          results[index] = abstain(id, 'empty-text');
          return;
        }
        const ids = encoder.encode(tweetPreprocess ? preprocessTweet(text) : text);
        if (ids.length <= encoder.specials) {
          results[index] = abstain(id, 'empty-text');
          return;
        }
        jobs.push({ index, ids });
      });
      if (jobs.length === 0) return results;
      // Texts of similar length share a batch, so little compute goes to padding.
      jobs.sort((a, b) => a.ids.length - b.ids.length);
      await serial(async () => {
        for (let start = 0; start < jobs.length; start += batchSize) {
          const chunk = jobs.slice(start, start + batchSize);
          const predictions = await infer(chunk.map((j) => j.ids));
          chunk.forEach((j, k) => {
            results[j.index] = predictions[k] as SentimentPrediction;
          });
        }
      });
      return results;
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await ort.session.release();
    },
  };
}
