/**
 * Finds and reads the files of an exported Hugging Face sequence-classification model in a local
 * directory (config.json, tokenizer.json, tokenizer_config.json, the .onnx file), with errors that
 * say which file is missing or broken and how to get a good one. Nothing is ever downloaded.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

/** Where an optimum / transformers.js export puts the ONNX graph, in the order they are tried. */
export const MODEL_FILE_CANDIDATES = ['model.onnx', 'onnx/model.onnx', 'model_quantized.onnx', 'onnx/model_quantized.onnx'] as const;

const EXPORT_HINT =
  'export the model on a machine with internet access (optimum-cli export onnx --task text-classification --model <model> <dir>) ' +
  'and copy the whole directory; see docs/transformer-backend.md';

export interface ModelDirFiles {
  /** The directory, absolute. */
  dir: string;
  /** The ONNX file, absolute. */
  modelPath: string;
  /** The ONNX file relative to the directory (e.g. `model.onnx`). */
  modelFile: string;
  config: unknown;
  configPath: string;
  tokenizer: unknown;
  tokenizerPath: string;
  /** tokenizer_config.json, or `{}` when the export has none. */
  tokenizerConfig: Record<string, unknown>;
}

async function kindOf(path: string): Promise<'file' | 'dir' | 'other' | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw err;
  }
}

/** Parses a JSON file; a syntax error names the file and V8's line and column. */
export async function readJsonFile(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${path}: invalid JSON: ${(err as Error).message}; ${EXPORT_HINT}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks the directory and reads its JSON files. `modelFile`, when given, is the ONNX file to use
 * (relative to `dir`); otherwise the first of MODEL_FILE_CANDIDATES that exists.
 */
export async function readModelDir(dir: string, modelFile?: string): Promise<ModelDirFiles> {
  const abs = resolve(dir);
  const kind = await kindOf(abs);
  if (kind === null) throw new Error(`ONNX sentiment model directory not found: ${abs}; ${EXPORT_HINT}`);
  if (kind !== 'dir') throw new Error(`ONNX sentiment model path is not a directory: ${abs}; point the configuration at the exported directory`);

  let chosen: string | undefined;
  if (modelFile !== undefined) {
    if ((await kindOf(join(abs, modelFile))) !== 'file') throw new Error(`ONNX model file not found: ${join(abs, modelFile)} (modelFile option); ${EXPORT_HINT}`);
    chosen = modelFile;
  } else {
    for (const candidate of MODEL_FILE_CANDIDATES) {
      if ((await kindOf(join(abs, candidate))) === 'file') {
        chosen = candidate;
        break;
      }
    }
    if (chosen === undefined) throw new Error(`no ONNX model in ${abs}: looked for ${MODEL_FILE_CANDIDATES.join(', ')}; ${EXPORT_HINT}`);
  }

  const configPath = join(abs, 'config.json');
  if ((await kindOf(configPath)) !== 'file') throw new Error(`missing ${configPath} (the model's labels are read from its id2label); ${EXPORT_HINT}`);
  const config = await readJsonFile(configPath);
  if (!isObject(config)) throw new Error(`${configPath}: must hold a JSON object; ${EXPORT_HINT}`);

  const tokenizerPath = join(abs, 'tokenizer.json');
  if ((await kindOf(tokenizerPath)) !== 'file') {
    throw new Error(
      `missing ${tokenizerPath} (the model's fast tokenizer): save it beside the model with transformers, ` +
      `AutoTokenizer.from_pretrained("<model>").save_pretrained("<dir>"); see docs/transformer-backend.md`,
    );
  }
  const tokenizer = await readJsonFile(tokenizerPath);
  if (!isObject(tokenizer) || !isObject(tokenizer['model'])) {
    throw new Error(`${tokenizerPath}: not a Hugging Face tokenizer.json (no "model" object); ${EXPORT_HINT}`);
  }

  const tokenizerConfigPath = join(abs, 'tokenizer_config.json');
  let tokenizerConfig: Record<string, unknown> = {};
  if ((await kindOf(tokenizerConfigPath)) === 'file') {
    const tc = await readJsonFile(tokenizerConfigPath);
    if (!isObject(tc)) throw new Error(`${tokenizerConfigPath}: must hold a JSON object; ${EXPORT_HINT}`);
    tokenizerConfig = tc;
  }
  return { dir: abs, modelPath: join(abs, chosen), modelFile: chosen, config, configPath, tokenizer, tokenizerPath, tokenizerConfig };
}

/** The model id Vigie stores with each prediction: `onnx:<dir name>`, plus the file when it is not the plain model. */
export function modelIdFor(files: Pick<ModelDirFiles, 'dir' | 'modelFile'>): string {
  const base = `onnx:${basename(files.dir)}`;
  const plain = files.modelFile === 'model.onnx' || files.modelFile === 'onnx/model.onnx';
  return plain ? base : `${base}/${basename(files.modelFile).replace(/\.onnx$/, '')}`;
}
