/**
 * The language model: Nito-ELD (npm `eld`, Apache-2.0), byte n-grams over 60 languages, in its
 * "extrasmall" database. Chosen after comparing franc-min, franc, tinyld, cld3-asm and
 * languagedetect on tweets (figures in bench/language.ts): the most accurate on short French,
 * English, Spanish and German texts, and the fastest. The database costs ≈ 30 MB of heap and
 * ≈ 0.1 s to load, so it is loaded on first use, synchronously (Node 24 `require` of an ES
 * module), and processes that never need a language never pay for it.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

interface EldResult {
  language: string;
  getScores(): Record<string, number>;
}
interface Eld {
  detect(text: string): EldResult;
  info(): { Languages: Record<number, string> };
}

/** Names the model in evaluation reports. */
export const LANGUAGE_MODEL_ID = 'eld-2.1-extrasmall';

let eld: Eld | undefined;

function load(): Eld {
  if (eld === undefined) {
    // The package exports only an `import` condition; resolve the file, then require it (sync).
    const file = fileURLToPath(import.meta.resolve('eld/extrasmall'));
    const mod = createRequire(import.meta.url)(file) as { eld: Eld };
    eld = mod.eld;
  }
  return eld;
}

/** Loads the model now (e.g. when a server starts) rather than on the first text. */
export function loadLanguageModel(): void {
  load();
}

/** The ISO 639-1 codes the model can return. */
export function modelLanguages(): string[] {
  return Object.values(load().info().Languages).sort();
}

/**
 * Every language with a positive score for `text`, best first. Scores are the model's, in (0, 1):
 * a mean n-gram score, not a probability. Empty when no n-gram is known.
 */
export function rankLanguages(text: string): [string, number][] {
  const result = load().detect(text);
  if (result.language === '') return [];
  return Object.entries(result.getScores()).sort((a, b) => b[1] - a[1]);
}
