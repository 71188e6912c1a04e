// `npm run bench -- sentiment [--data <root>] [--model <file.vsm>] [--runs N] [--json]`: texts/s
// of the built-in sentiment model's `predict` on one core (this process, one thread). Texts: the
// TweetEval validation tweets (<root>/sentiment/tweeteval-en/val_text.txt) when --data is given
// and present, else 2,000 generated English and French posts (seeded). Each run predicts the
// whole list as many times as fit in about a second of this process's CPU time; the rate is texts
// per CPU-second (process.cpuUsage), so that other work on a shared machine does not count as
// ours (the wall-clock rate is printed beside it); prints every run and the median; `--json`
// prints `{"textsPerSec": median, …}` as its last line.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../src/demo/prng.ts';
import { loadSentimentModel } from '../src/understand/sentiment/default-model.ts';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} expects a value`);
  return v;
}

const EN = ['the', 'delivery', 'was', 'late', 'again', 'love', 'this', 'app', 'worst', 'customer', 'service', 'ever', 'thanks', 'for', 'quick', 'reply', 'not', 'happy', 'with', 'my', 'order', 'great', 'job', 'team', 'refund', 'please', 'broken', 'after', 'two', 'days', 'amazing', 'update'];
const FR = ['la', 'livraison', 'est', 'encore', 'en', 'retard', "j'adore", 'cette', 'appli', 'pire', 'service', 'client', 'merci', 'pour', 'la', 'réponse', 'rapide', 'pas', 'content', 'de', 'ma', 'commande', 'super', 'équipe', 'remboursement', 'svp', 'cassé', 'après', 'deux', 'jours', 'génial', 'nul'];
const EXTRA = ['😡', '😍', '👍', '!!!', '?', ':)', ':(', '#fail', '@support', 'https://t.co/xyz', '...', '🙏'];

/** 2,000 posts of 6–30 words, half English, half French, with emoji, handles and links (seeded). */
export function generatedTexts(count = 2000): { text: string; lang: string }[] {
  const rng = new Rng(20261122);
  const out: { text: string; lang: string }[] = [];
  for (let i = 0; i < count; i++) {
    const words = i % 2 === 0 ? EN : FR;
    const n = rng.int(6, 30);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(rng.next() < 0.12 ? EXTRA[rng.int(0, EXTRA.length - 1)]! : words[rng.int(0, words.length - 1)]!);
    out.push({ text: parts.join(' '), lang: i % 2 === 0 ? 'en' : 'fr' });
  }
  return out;
}

export async function main(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const root = option(args, '--data');
  const modelPath = option(args, '--model');
  const runs = Number(option(args, '--runs') ?? 7);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs expects a positive integer`);
  const valPath = root === undefined ? undefined : join(root, 'sentiment/tweeteval-en/val_text.txt');
  let texts: { text: string; lang: string | null }[];
  let source: string;
  if (valPath !== undefined && existsSync(valPath)) {
    texts = readFileSync(valPath, 'utf8').split('\n').filter((t) => t.length > 0).map((text) => ({ text, lang: 'en' }));
    source = valPath;
  } else {
    texts = generatedTexts();
    source = `${texts.length} generated posts${valPath !== undefined ? ` (${valPath} is absent)` : ''}`;
  }
  const model = loadSentimentModel(modelPath);
  const chars = texts.reduce((a, t) => a + t.text.length, 0) / texts.length;
  let sink = 0;
  // Warm-up: the JIT compiles the hot loop.
  for (let r = 0; r < 3; r++) for (const t of texts) sink += model.predict(t.text, t.lang).score;
  const rates: number[] = [];
  const wallRates: number[] = [];
  for (let r = 0; r < runs; r++) {
    let done = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let cpuMs = 0;
    while (cpuMs < 1000) {
      for (const t of texts) sink += model.predict(t.text, t.lang).score;
      done += texts.length;
      const c = process.cpuUsage(c0);
      cpuMs = (c.user + c.system) / 1000;
    }
    const wall = performance.now() - t0;
    rates.push((done / cpuMs) * 1000);
    wallRates.push((done / wall) * 1000);
    if (!json) console.log(`run ${r + 1}: ${Math.round(rates[r]!).toLocaleString('en-US')} texts per CPU-second (${Math.round(wallRates[r]!).toLocaleString('en-US')} per wall-clock second)`);
  }
  const sorted = [...rates].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const result = {
    textsPerSec: Math.round(median),
    microsPerText: Math.round((1e6 / median) * 100) / 100,
    runs: rates.map(Math.round),
    wallClockTextsPerSec: Math.round([...wallRates].sort((a, b) => a - b)[Math.floor(wallRates.length / 2)]!),
    texts: texts.length,
    meanChars: Math.round(chars),
    model: model.id,
    source,
  };
  if (sink === Number.MIN_VALUE) console.log(''); // keeps the predictions observable
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`${model.id} on ${source}: median ${result.textsPerSec.toLocaleString('en-US')} texts per CPU-second on one core (${result.microsPerText} µs/text, ${result.meanChars} characters on average, ${runs} runs)`);
  }
}
