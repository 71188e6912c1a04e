import type { SentimentLabel } from '../../../domain/mention.ts';
import { abstain, type SentimentModel, type SentimentPrediction } from '../types.ts';
import { seededRandom } from './shuffle.ts';

/**
 * Test support (not a test): a small base model and texts about an invented airline, Lune Air,
 * for the adapter's tests. The base model knows general words ("great", "awful") but not the
 * airline's own ("delayed", "lost bag", "smooth landing"), which the adapter has to learn.
 */
const POSITIVE = new Set(['good', 'great', 'love', 'thanks', 'excellent']);
const NEGATIVE = new Set(['bad', 'awful', 'hate', 'worst', 'terrible']);

export const TEST_BASE: SentimentModel = {
  id: 'test-base-1',
  languages: ['en'],
  predict(text: string, lang: string | null): SentimentPrediction {
    if (lang !== null && lang !== 'en') return abstain('test-base-1', `unsupported-language:${lang}`);
    const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
    if (words.length === 0) return abstain('test-base-1', 'empty');
    const pos = words.filter((w) => POSITIVE.has(w)).length;
    const neg = words.filter((w) => NEGATIVE.has(w)).length;
    const z = [1.5 * neg, 0.8, 1.5 * pos];
    const e = z.map((x) => Math.exp(x));
    const sum = e[0]! + e[1]! + e[2]!;
    const probs: [number, number, number] = [e[0]! / sum, e[1]! / sum, e[2]! / sum];
    const k = probs[0] >= probs[1] && probs[0] >= probs[2] ? 0 : probs[1] >= probs[2] ? 1 : 2;
    const label: SentimentLabel = (['negative', 'neutral', 'positive'] as const)[k];
    return { label, probs, score: probs[2] - probs[0], confidence: probs[k], model: 'test-base-1' };
  },
};

const OPENINGS = ['@luneair', 'Lune Air', 'flight LA', 'my trip with Lune Air', 'hey @luneair'];
const BY_LABEL: Record<SentimentLabel, readonly string[]> = {
  negative: ['delayed again', 'lost bag at the gate', 'cancelled flight no refund', 'stuck on hold for hours', 'delayed and lost bag'],
  neutral: ['what time does boarding open', 'is the flight to Lyon on schedule', 'which terminal for departures', 'can I bring a stroller'],
  positive: ['smooth landing crew was kind', 'upgrade today so kind', 'smooth flight on time', 'kind crew and smooth boarding'],
};

export interface AirlineRow {
  text: string;
  lang: string;
  label: SentimentLabel;
}

/** n texts about Lune Air, mostly negative (as complaints are), in a seeded order. */
export function luneAirRows(n: number, seed = 7): AirlineRow[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const rows: AirlineRow[] = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    const label: SentimentLabel = r < 0.6 ? 'negative' : r < 0.85 ? 'neutral' : 'positive';
    rows.push({ text: `${pick(OPENINGS)} ${pick(BY_LABEL[label])} #${i}`, lang: 'en', label });
  }
  return rows;
}
