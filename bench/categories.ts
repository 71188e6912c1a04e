// `npm run bench -- categories [--texts N] [--rounds R] [--json]`: classification speed of the
// crisis-trigger category classifier (src/understand/categories/classifier.ts) with the shipped
// model, on one core. Texts are built from the ingest benchmark's pieces (bench/x-texts.ts: French
// and English brand complaints and praise, 200–300 characters), each classified with its language;
// the lexicon-only baseline is timed too. Each round classifies every text once; the median round
// is reported. `--data <file.jsonl>` times a labelled corpus's texts instead (e.g.
// corpora/categories/train-fr.jsonl). `--json` prints `{"textsPerSec": x, …}` as its last line.
import { loadCategoryModel } from '../src/understand/categories/classifier.ts';
import { readCategoryCorpus } from '../src/understand/categories/corpus.ts';
import { createLexiconBaseline } from '../src/understand/categories/lexicon-baseline.ts';
import { EN_ENDINGS, EN_MIDDLES, EN_OPENERS, FR_ENDINGS, FR_MIDDLES, FR_OPENERS } from './x-texts.ts';

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} expects a positive integer (got ${args[i + 1]})`);
  return v;
}

/** Every opener × middle × ending combination, cycling brand names so words vary a little. */
function texts(count: number): { text: string; lang: string }[] {
  const brands = ['Kerlann', 'Télira', 'Northwind', 'Brosse & Fils', 'Aérolia', 'Halden'];
  const out: { text: string; lang: string }[] = [];
  const sets = [
    { lang: 'fr', o: FR_OPENERS, m: FR_MIDDLES, e: FR_ENDINGS },
    { lang: 'en', o: EN_OPENERS, m: EN_MIDDLES, e: EN_ENDINGS },
  ];
  for (let i = 0; out.length < count; i++) {
    const s = sets[i % 2] as (typeof sets)[number];
    const j = Math.floor(i / 2);
    const opener = s.o[j % s.o.length] as string;
    const middle = s.m[Math.floor(j / s.o.length) % s.m.length] as string;
    const ending = s.e[Math.floor(j / (s.o.length * s.m.length)) % s.e.length] as string;
    out.push({ lang: s.lang, text: (opener + middle + ending).replaceAll('{b}', brands[i % brands.length] as string) });
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

export async function main(args: string[]): Promise<void> {
  const n = arg(args, '--texts', 20_000);
  const rounds = arg(args, '--rounds', 7);
  const json = args.includes('--json');
  const d = args.indexOf('--data');
  const file = d >= 0 ? args[d + 1] : undefined;
  if (d >= 0 && file === undefined) throw new Error('--data expects a JSONL file');
  const corpus = file === undefined ? null : readCategoryCorpus(file).map((r) => ({ text: r.text, lang: r.lang }));
  const list = corpus === null ? texts(n) : Array.from({ length: Math.max(n, corpus.length) }, (_, i) => corpus[i % corpus.length] as { text: string; lang: string });
  const classifier = loadCategoryModel();
  const baseline = createLexiconBaseline();
  const time = (fn: (t: { text: string; lang: string }) => string[]): { perSec: number; found: number } => {
    let found = 0;
    for (const t of list.slice(0, 2000)) found += fn(t).length; // warm-up
    const rates: number[] = [];
    for (let r = 0; r < rounds; r++) {
      found = 0;
      const t0 = performance.now();
      for (const t of list) found += fn(t).length;
      rates.push(list.length / ((performance.now() - t0) / 1000));
    }
    return { perSec: median(rates), found };
  };
  const model = time((t) => classifier.classify(t.text, t.lang));
  const lexicon = time((t) => baseline(t.text, t.lang));
  const chars = list.reduce((s, t) => s + t.text.length, 0) / list.length;
  console.log(`categories: ${list.length} texts${file === undefined ? '' : ` from ${file}`} (mean ${chars.toFixed(0)} characters), ${rounds} rounds, median round`);
  console.log(`  classifier (${classifier.name}): ${Math.round(model.perSec).toLocaleString('en')} texts/s, ${(model.found / list.length).toFixed(2)} categories per text`);
  console.log(`  lexicon-only baseline:   ${Math.round(lexicon.perSec).toLocaleString('en')} texts/s, ${(lexicon.found / list.length).toFixed(2)} categories per text`);
  if (json) console.log(JSON.stringify({ textsPerSec: Math.round(model.perSec), lexiconTextsPerSec: Math.round(lexicon.perSec), texts: list.length, meanChars: Math.round(chars) }));
}
