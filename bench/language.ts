// `npm run bench -- language [--data <dir>] [--runs N] [--json] [--fit]`: Vigie's language
// identification (src/understand/language/) on labelled short texts from the shared data folder
// (default ../shared/data): UMSAB `all` val (8 languages in blocks), UMSAB english and french
// train, TweetEval val (en), DEFT 2017 train (fr); and the same texts cut to their first 1–6 words
// ("prefixes", the short-text stress test). Prints accuracy (null counts as wrong), coverage
// (share not null) and precision per language and per length bucket, the confusion on UMSAB,
// texts/s (median of --runs runs), and the franc-min baseline it replaces on the same texts.
//
// Data split: the confidence model and threshold were fitted on "dev" = UMSAB english and french
// train, DEFT 2017, and the even lines of UMSAB all val (Hindi left out: its texts are romanised
// and partly English); "held-out" = the odd lines of UMSAB all val and TweetEval val.
// `--fit` refits on dev, prints the constants for confidence.ts, the threshold, and how a hint
// (a brand's languages: fr, en) changes accuracy for texts in and out of the hinted languages.
//
// Package choice, measured before this module on the same texts (URLs, handles, hashtags removed;
// no threshold; accuracy % on UMSAB val es / de / pt / it, then TweetEval en and DEFT fr):
//   eld 2.1 extrasmall  99.7 / 90.1 / 95.1 / 97.8, 99.7, 99.0   ≈ 29k texts/s, 29 MB heap
//   eld 2.1 large       99.4 / 89.8 / 96.9 / 97.8, 99.8, 99.5   ≈ 28k texts/s, 135 MB heap
//   franc-min 6.2       82.1 / 81.5 / 70.7 / 87.7, 95.1, 95.0   ≈ 8.5k texts/s
//   franc-min, only 29  83.6 / 82.7 / 76.2 / 90.1, 96.4, 95.4   ≈ 15k texts/s
//   franc 6.2 (full)    66.7 / 72.5 / 53.4 / 80.9, 72.5, 92.1   ≈ 3.6k texts/s
//   cld3-asm 4.0        89.2 / 79.9 / 80.2 / 91.7, 94.9, 94.2   ≈ 7.6k texts/s
//   tinyld 1.3          95.7 / 83.3 / 83.3 / 89.8, 94.4, 93.2   ≈ 4.4k texts/s
//   languagedetect 2.0  82.1 / 83.6 / 82.1 / 93.5, 93.2, 95.3   ≈ 1.8k texts/s
// (2 shared cores, loaded; one run each, so the speeds are rough.)
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { detectLanguage as francMinDetect } from '../src/understand/baseline/language.ts';
import { readLines } from '../src/understand/eval/labelled-text.ts';
import { CONFIDENCE_MODEL, confidenceOf, MIN_CONFIDENCE } from '../src/understand/language/confidence.ts';
import { analyseLanguage, detectLanguage } from '../src/understand/language/detect.ts';
import { loadLanguageModel } from '../src/understand/language/eld-backend.ts';
import { evaluateLanguage, LENGTH_BUCKETS, type LanguageDetector, type LanguageEvalItem, type LanguageEvaluation } from '../src/understand/language/evaluate.ts';
import { chooseThreshold, fitConfidenceModel, fitTopFloors, type FitRow } from '../src/understand/language/fit.ts';
import { prepareForDetection } from '../src/understand/language/prepare.ts';
import { readUmsabLanguages } from '../src/understand/language/umsab.ts';

interface Sets {
  umsabVal: LanguageEvalItem[];
  umsabEnTrain: LanguageEvalItem[];
  umsabFrTrain: LanguageEvalItem[];
  tweeteval: LanguageEvalItem[];
  deft: LanguageEvalItem[];
}

function loadSets(data: string): Sets {
  const s = join(data, 'sentiment');
  const tag = (texts: string[], lang: string) => texts.map((text) => ({ text, lang }));
  return {
    umsabVal: readUmsabLanguages(join(s, 'umsab', 'all'), 'val').items,
    umsabEnTrain: tag(readLines(join(s, 'umsab', 'english', 'train_text.txt')), 'en'),
    umsabFrTrain: tag(readLines(join(s, 'umsab', 'french', 'train_text.txt')), 'fr'),
    tweeteval: tag(readLines(join(s, 'tweeteval-en', 'val_text.txt')), 'en'),
    // train.tsv: header `id label text`; the text is everything after the second tab.
    deft: tag(readLines(join(s, 'deft2017-fr', 'train.tsv')).slice(1).map((l) => l.split('\t').slice(2).join('\t')), 'fr'),
  };
}

/** Each text cut to its first k words (k = 1..6 in turn), after removing URLs, handles and hashtags. */
function prefixes(items: readonly LanguageEvalItem[]): LanguageEvalItem[] {
  const out: LanguageEvalItem[] = [];
  items.forEach((item, i) => {
    const words = prepareForDetection(item.text).text.split(' ');
    const k = 1 + (i % 6);
    if (words.length > k) out.push({ text: words.slice(0, k).join(' '), lang: item.lang });
  });
  return out;
}

const pct = (x: number): string => (100 * x).toFixed(1);
const francMin: LanguageDetector = (t) => ({ lang: francMinDetect(t), confidence: 0 });

function row(label: string, e: { n: number; accuracy: number; coverage: number; precision: number }): string {
  return `${label.padEnd(22)} n=${String(e.n).padStart(5)}  acc ${pct(e.accuracy).padStart(5)}  cov ${pct(e.coverage).padStart(5)}  prec ${pct(e.precision).padStart(5)}`;
}

function printEvaluation(title: string, e: LanguageEvaluation): void {
  console.log(`\n${title}`);
  console.log(row('all', e));
  for (const l of [...e.perLanguage].sort((a, b) => b.n - a.n)) console.log(row(`  ${l.lang}`, l));
  for (const b of e.byLength) console.log(row(`  length ${b.bucket}`, b));
  if (Object.keys(e.reasons).length > 0) console.log(`  null answers: ${Object.entries(e.reasons).map(([r, n]) => `${r} ${n}`).join(', ')}`);
}

function printConfusion(e: LanguageEvaluation): void {
  const golds = Object.keys(e.confusion);
  const preds = [...new Set(golds.flatMap((g) => Object.keys(e.confusion[g] as object)))].sort((a, b) => (a === 'null' ? 1 : b === 'null' ? -1 : a.localeCompare(b)));
  console.log(`\nconfusion (rows gold, columns predicted)\n${'gold'.padEnd(5)}${preds.map((p) => p.padStart(5)).join('')}`);
  for (const g of golds) console.log(`${g.padEnd(5)}${preds.map((p) => String(e.confusion[g]?.[p] ?? '').padStart(5)).join('')}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function speed(items: readonly LanguageEvalItem[], detect: LanguageDetector, runs: number): number {
  evaluateLanguage(items.slice(0, 500), detect); // warm-up (JIT, model load)
  return median(Array.from({ length: runs }, () => evaluateLanguage(items, detect).textsPerSec));
}

function fitRows(items: readonly LanguageEvalItem[], hint?: readonly string[]): FitRow[] {
  const rows: FitRow[] = [];
  for (const item of items) {
    const a = analyseLanguage(item.text, hint);
    if (a.features !== null) rows.push({ features: a.features, correct: a.best === item.lang });
  }
  return rows;
}

function fit(dev: LanguageEvalItem[], heldOut: LanguageEvalItem[]): void {
  const devRows = [...fitRows(dev), ...fitRows(prefixes(dev))];
  const model = fitConfidenceModel(devRows);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  console.log(`\nfit on dev: ${devRows.length} rows (texts and their prefixes that the hard rules do not refuse)`);
  console.log(`CONFIDENCE_MODEL = { intercept: ${round(model.intercept)}, margin: ${round(model.margin)}, top: ${round(model.top)}, logLetters: ${round(model.logLetters)} }`);
  const choice = chooseThreshold(devRows, model, 2);
  console.log(`MIN_CONFIDENCE = ${choice.threshold} (right − 2 × wrong on dev: coverage ${pct(choice.coverage)}%, precision ${pct(choice.precision)}%)`);
  for (const cost of [1, 3, 5]) {
    const c = chooseThreshold(devRows, model, cost);
    console.log(`  (with a wrong answer costing ${cost}: threshold ${c.threshold}, coverage ${pct(c.coverage)}%, precision ${pct(c.precision)}%)`);
  }
  const floors = fitTopFloors(devRows);
  console.log(`TOP_FLOORS = [${floors.map((f) => `{ minLetters: ${f.minLetters}, floor: ${round(f.floor)} }`).join(', ')}]`);
  for (const [i, f] of floors.entries()) {
    const max = floors[i + 1]?.minLetters ?? Infinity;
    const inBucket = devRows.filter((r) => r.features.letters >= f.minLetters && r.features.letters < max);
    const below = inBucket.filter((r) => r.features.top < f.floor);
    console.log(`  ${f.minLetters}–${max} letters: ${inBucket.length} dev rows, ${below.length} below the floor (${below.filter((r) => r.correct).length} of them right)`);
  }
  // Calibration of the shipped constants on held-out texts and prefixes.
  const heldNoHi = heldOut.filter((x) => x.lang !== 'hi');
  const held = [...fitRows(heldNoHi), ...fitRows(prefixes(heldNoHi))];
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, ok: 0 }));
  for (const r of held) {
    const c = confidenceOf(r.features, CONFIDENCE_MODEL);
    const b = bins[Math.min(9, Math.floor(c * 10))] as { n: number; conf: number; ok: number };
    b.n++;
    b.conf += c;
    if (r.correct) b.ok++;
  }
  const ece = bins.reduce((s, b) => s + Math.abs(b.ok - b.conf), 0) / held.length;
  console.log(`\ncalibration of the shipped CONFIDENCE_MODEL on held-out texts + prefixes, Hindi left out (${held.length} rows): ECE ${ece.toFixed(4)}`);
  for (const [i, b] of bins.entries()) if (b.n > 0) console.log(`  ${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}: n=${String(b.n).padStart(5)} mean confidence ${(b.conf / b.n).toFixed(3)} accuracy ${(b.ok / b.n).toFixed(3)}`);

  // Hint: a brand configured for fr and en. Texts in fr/en gain, texts in other languages may lose.
  for (const [name, items] of [['dev', dev], ['held-out', heldNoHi]] as const) {
    console.log(`\nhint = [fr, en] with the shipped threshold (accuracy, null counts as wrong), ${name} texts + prefixes:`);
    const all = [...items, ...prefixes(items)].filter((x) => x.lang !== 'hi');
    const inHint = all.filter((x) => x.lang === 'fr' || x.lang === 'en');
    const outHint = all.filter((x) => x.lang !== 'fr' && x.lang !== 'en');
    for (const bonus of [0, 0.01, 0.02, 0.03, 0.05, 0.08]) {
      const acc = (xs: LanguageEvalItem[]) => xs.filter((x) => analyseLanguage(x.text, ['fr', 'en'], bonus).lang === x.lang).length / xs.length;
      console.log(`  bonus ${bonus.toFixed(2)}: fr/en texts ${pct(acc(inHint))}% (n=${inHint.length}), other languages ${pct(acc(outHint))}% (n=${outHint.length})`);
    }
  }
}

export async function main(args: string[]): Promise<void> {
  const i = args.indexOf('--data');
  const data = resolve(i >= 0 ? (args[i + 1] as string) : '../shared/data');
  const r = args.indexOf('--runs');
  const runs = r >= 0 ? Number(args[r + 1]) : 5;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs expects a positive integer (got ${args[r + 1]})`);
  if (!existsSync(join(data, 'sentiment', 'umsab'))) {
    console.error(`bench language: no data under ${data}/sentiment (give --data <the shared data folder>)`);
    process.exitCode = 2;
    return;
  }
  const sets = loadSets(data);
  const dev = [...sets.umsabEnTrain, ...sets.umsabFrTrain, ...sets.deft, ...sets.umsabVal.filter((_, k) => k % 2 === 0)].filter((x) => x.lang !== 'hi');
  const heldOut = [...sets.umsabVal.filter((_, k) => k % 2 === 1), ...sets.tweeteval];
  if (args.includes('--fit')) {
    fit(dev, heldOut);
    return;
  }
  const t0 = performance.now();
  loadLanguageModel();
  console.log(`model load: ${(performance.now() - t0).toFixed(0)} ms; confidence threshold ${MIN_CONFIDENCE}`);
  const natural = [...sets.umsabVal, ...sets.umsabEnTrain, ...sets.umsabFrTrain, ...sets.tweeteval, ...sets.deft];
  const results: Record<string, unknown> = {};
  for (const [name, items] of [
    ['UMSAB all val (8 languages)', sets.umsabVal],
    ['UMSAB all val, held-out half (odd lines)', sets.umsabVal.filter((_, k) => k % 2 === 1)],
    ['UMSAB english train', sets.umsabEnTrain],
    ['UMSAB french train', sets.umsabFrTrain],
    ['TweetEval val (en)', sets.tweeteval],
    ['DEFT 2017 train (fr)', sets.deft],
    ['all natural texts', natural],
    ['prefixes of 1-6 words of all texts', prefixes(natural)],
  ] as const) {
    const e = evaluateLanguage(items);
    printEvaluation(`${name} — vigie (eld)`, e);
    const b = evaluateLanguage(items, francMin);
    console.log(row('  franc-min baseline', b));
    if (name.startsWith('UMSAB all val (')) {
      printConfusion(e);
      console.log('franc-min baseline per language:');
      for (const l of b.perLanguage) console.log(row(`  ${l.lang}`, l));
    }
    results[name] = { n: e.n, accuracy: e.accuracy, coverage: e.coverage, perLanguage: e.perLanguage, byLength: e.byLength, francMin: { accuracy: b.accuracy, coverage: b.coverage } };
  }
  const vigieSpeed = speed(natural, (t) => detectLanguage(t), runs);
  const francSpeed = speed(natural, francMin, runs);
  console.log(`\nspeed on ${natural.length} texts, median of ${runs} runs: vigie ${Math.round(vigieSpeed)} texts/s, franc-min baseline ${Math.round(francSpeed)} texts/s`);
  console.log(`length buckets: ${LENGTH_BUCKETS.join(', ')} characters`);
  if (args.includes('--json')) console.log(JSON.stringify({ textsPerSec: Math.round(vigieSpeed), francMinTextsPerSec: Math.round(francSpeed), sets: results }));
}
