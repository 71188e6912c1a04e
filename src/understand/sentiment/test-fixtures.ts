/**
 * Test fixtures: a small, invented data root in the `/work/shared/data` layout (SemEval TSV,
 * UMSAB text/labels, DEFT TSV, TweetEval validation) with easy synthetic English and French
 * texts, so the trainer and the CLI are tested on real files without any shared data.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SeededRandom } from './rng.ts';

const WORDS = {
  en: [
    ['bad', 'awful', 'hate', 'terrible', 'worst', 'broken', 'angry', 'disappointed'],
    ['meeting', 'tomorrow', 'report', 'update', 'schedule', 'weather', 'train', 'news'],
    ['good', 'great', 'love', 'happy', 'excellent', 'awesome', 'thanks', 'perfect'],
  ],
  fr: [
    ['nul', 'horrible', 'déteste', 'pire', 'cassé', 'colère', 'déçu', 'honte'],
    ['réunion', 'demain', 'rapport', 'horaire', 'météo', 'train', 'nouvelles', 'agenda'],
    ['génial', 'super', 'adore', 'content', 'excellent', 'merci', 'parfait', 'bravo'],
  ],
} as const;
const FILLER = { en: ['the', 'this', 'is', 'my', 'and', 'it', 'was', 'so'], fr: ['le', 'la', 'est', 'mon', 'et', 'ce', 'une', 'très'] } as const;

/** `count` texts of one language with labels cycling 0, 1, 2. */
export function syntheticTexts(lang: 'en' | 'fr', count: number, seed: number): { text: string; label: 0 | 1 | 2 }[] {
  const rng = new SeededRandom(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rng.next() * a.length)]!;
  const out: { text: string; label: 0 | 1 | 2 }[] = [];
  for (let i = 0; i < count; i++) {
    const label = (i % 3) as 0 | 1 | 2;
    const words: string[] = [];
    const n = 4 + Math.floor(rng.next() * 5);
    for (let k = 0; k < n; k++) words.push(rng.next() < 0.45 ? pick(WORDS[lang][label]) : pick(FILLER[lang]));
    out.push({ text: `${words.join(' ')} ${i}`, label });
  }
  return out;
}

/**
 * Writes a data root under `dir` and returns it. `leak` copies that many TweetEval validation
 * texts into the SemEval file (the trainer must exclude them).
 */
export function writeDataRoot(dir: string, options: { leak?: number; size?: number } = {}): string {
  const size = options.size ?? 300;
  const s = join(dir, 'sentiment');
  for (const d of ['semeval-en-train', 'umsab/french', 'umsab/english', 'deft2017-fr', 'tweeteval-en']) mkdirSync(join(s, d), { recursive: true });
  const enTrain = syntheticTexts('en', size, 1);
  const enVal = syntheticTexts('en', 60, 2);
  const leaked = enVal.slice(0, options.leak ?? 0);
  const semeval = ['id\tlabel\tlabel_id\tsource\ttext\ttext_tweeteval_style'];
  [...enTrain, ...leaked].forEach((r, i) => semeval.push(`${i}\t${['negative', 'neutral', 'positive'][r.label]}\t${r.label}\ttest\t${r.text}\t${r.text}`));
  writeFileSync(join(s, 'semeval-en-train/train_dedup.tsv'), semeval.join('\n') + '\n');
  const pairs = (path: string, split: string, rows: { text: string; label: number }[]): void => {
    writeFileSync(join(path, `${split}_text.txt`), rows.map((r) => r.text).join('\n'));
    writeFileSync(join(path, `${split}_labels.txt`), rows.map((r) => String(r.label)).join('\n'));
  };
  pairs(join(s, 'tweeteval-en'), 'val', enVal);
  pairs(join(s, 'umsab/english'), 'val', syntheticTexts('en', 30, 3));
  pairs(join(s, 'umsab/french'), 'train', syntheticTexts('fr', Math.round(size / 2), 4));
  pairs(join(s, 'umsab/french'), 'val', syntheticTexts('fr', 45, 5));
  const deft = ['id\tlabel\ttext'];
  syntheticTexts('fr', Math.round(size / 2), 6).forEach((r, i) => deft.push(`${i}\t${['negative', 'objective', 'positive'][r.label]}\t${r.text}`));
  deft.push(`999\tmixed\tmitigé mais bon`);
  writeFileSync(join(s, 'deft2017-fr/train.tsv'), deft.join('\n') + '\n');
  return dir;
}

/**
 * Writes invented brand mentions (`train-{en,fr}.jsonl`, `eval-{en,fr}.jsonl`, the corpora/categories
 * format) under `dir` and returns it: `perBrand` synthetic texts for each of 4 training brands and
 * 2 evaluation brands per language.
 */
export function writeBrandCorpus(dir: string, perBrand = 24): string {
  mkdirSync(dir, { recursive: true });
  const names = ['negative', 'neutral', 'positive'] as const;
  let seed = 40;
  for (const lang of ['en', 'fr'] as const) {
    for (const split of ['train', 'eval'] as const) {
      const brands = split === 'train' ? ['Acme', 'Borel', 'Cordo', 'Dunix'] : ['Eltra', 'Fenwo'];
      const lines: string[] = [];
      for (const brand of brands) {
        for (const r of syntheticTexts(lang, perBrand, seed++)) {
          const id = `${lang}-${split}-${String(lines.length + 1).padStart(4, '0')}`;
          lines.push(JSON.stringify({ id, lang, brand, text: `${brand} ${r.text}`, categories: ['none'], sentiment: names[r.label] }));
        }
      }
      writeFileSync(join(dir, `${split}-${lang}.jsonl`), lines.join('\n') + '\n');
    }
  }
  return dir;
}
