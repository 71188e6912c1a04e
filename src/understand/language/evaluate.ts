/**
 * Scores a language detector on texts with known languages: accuracy (a null answer counts as
 * wrong), coverage (share of non-null answers) and precision (accuracy of the non-null answers),
 * per gold language and per length bucket (< 30, 30–80, > 80 characters), the confusion between
 * languages (null included), the reasons for null, and texts/s (detection only).
 */
import { detectLanguage, type LanguageGuess } from './detect.ts';
import { loadLanguageModel } from './eld-backend.ts';

export interface LanguageEvalItem {
  text: string;
  /** Gold ISO 639-1 code. */
  lang: string;
}

export interface LanguageScore {
  n: number;
  correct: number;
  /** Answers that were not null. */
  covered: number;
  accuracy: number;
  coverage: number;
  /** correct / covered (1 when nothing was answered: no wrong answer). */
  precision: number;
}

export type LengthBucket = '<30' | '30-80' | '>80';
export const LENGTH_BUCKETS: readonly LengthBucket[] = ['<30', '30-80', '>80'];

export interface LanguageEvaluation extends LanguageScore {
  perLanguage: (LanguageScore & { lang: string })[];
  byLength: (LanguageScore & { bucket: LengthBucket })[];
  /** confusion[gold][predicted or 'null'] = count. */
  confusion: Record<string, Record<string, number>>;
  /** Null answers by reason. */
  reasons: Record<string, number>;
  /** Predicted code (or null) of every item, in order. */
  predictions: (string | null)[];
  seconds: number;
  textsPerSec: number;
}

export type LanguageDetector = (text: string) => LanguageGuess;

/** Length in characters (code points, so an emoji counts once). */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function lengthBucket(text: string): LengthBucket {
  const n = charLength(text);
  return n < 30 ? '<30' : n <= 80 ? '30-80' : '>80';
}

function score(n: number, correct: number, covered: number): LanguageScore {
  return {
    n,
    correct,
    covered,
    accuracy: n === 0 ? 0 : correct / n,
    coverage: n === 0 ? 0 : covered / n,
    precision: covered === 0 ? 1 : correct / covered,
  };
}

class Tally {
  n = 0;
  correct = 0;
  covered = 0;
  add(ok: boolean, answered: boolean): void {
    this.n++;
    if (ok) this.correct++;
    if (answered) this.covered++;
  }
}

/** Runs `detect` on every item (timed, once the model is loaded) and scores the answers. */
export function evaluateLanguage(items: readonly LanguageEvalItem[], detect: LanguageDetector = (t) => detectLanguage(t)): LanguageEvaluation {
  const guesses = new Array<LanguageGuess>(items.length);
  loadLanguageModel(); // before the clock starts: texts/s measures detection, not loading
  const t0 = performance.now();
  for (let i = 0; i < items.length; i++) guesses[i] = detect((items[i] as LanguageEvalItem).text);
  const seconds = (performance.now() - t0) / 1000;

  const all = new Tally();
  const perLanguage = new Map<string, Tally>();
  const byLength = new Map<LengthBucket, Tally>(LENGTH_BUCKETS.map((b) => [b, new Tally()]));
  const confusion: Record<string, Record<string, number>> = {};
  const reasons: Record<string, number> = {};
  items.forEach((item, i) => {
    const g = guesses[i] as LanguageGuess;
    const ok = g.lang === item.lang;
    const answered = g.lang !== null;
    all.add(ok, answered);
    let t = perLanguage.get(item.lang);
    if (t === undefined) perLanguage.set(item.lang, (t = new Tally()));
    t.add(ok, answered);
    (byLength.get(lengthBucket(item.text)) as Tally).add(ok, answered);
    const row = (confusion[item.lang] ??= {});
    const key = g.lang ?? 'null';
    row[key] = (row[key] ?? 0) + 1;
    if (g.reason !== undefined) reasons[g.reason] = (reasons[g.reason] ?? 0) + 1;
  });
  return {
    ...score(all.n, all.correct, all.covered),
    perLanguage: [...perLanguage].map(([lang, t]) => ({ lang, ...score(t.n, t.correct, t.covered) })),
    byLength: [...byLength].map(([bucket, t]) => ({ bucket, ...score(t.n, t.correct, t.covered) })),
    confusion,
    reasons,
    predictions: guesses.map((g) => g.lang),
    seconds,
    textsPerSec: seconds > 0 ? items.length / seconds : 0,
  };
}
