/**
 * Turns a transformer's raw output into Vigie's sentiment: maps the model's labels (config.json's
 * id2label, by name) onto Vigie's order [negative, neutral, positive], and logits into calibrated
 * probabilities (softmax), a signed score and a confidence.
 */
import { abstain, SENTIMENT_LABELS, type LabelIndex, type SentimentPrediction } from '../types.ts';

const NAMES: Readonly<Record<string, LabelIndex>> = {
  negative: 0, neg: 0, label_0: 0,
  neutral: 1, neu: 1, label_1: 1,
  positive: 2, pos: 2, label_2: 2,
};

const HOW_TO_FIX =
  'a sentiment model\'s config.json must name its 3 labels, e.g. "id2label": {"0": "negative", "1": "neutral", "2": "positive"} ' +
  '(LABEL_0, LABEL_1, LABEL_2 are read in that order: negative, neutral, positive)';

/**
 * For each model output index, the index of the Vigie label it means. `where` names the file in
 * error messages. Throws when id2label is missing or does not name exactly negative, neutral and
 * positive.
 */
export function mapId2Label(config: unknown, where: string): LabelIndex[] {
  const id2label = typeof config === 'object' && config !== null ? (config as Record<string, unknown>)['id2label'] : undefined;
  if (id2label === undefined) throw new Error(`${where}: no "id2label" field; ${HOW_TO_FIX}`);
  if (typeof id2label !== 'object' || id2label === null || Array.isArray(id2label)) {
    throw new Error(`${where}: "id2label" must be an object of index → label name; ${HOW_TO_FIX}`);
  }
  const entries = Object.entries(id2label as Record<string, unknown>);
  if (entries.length !== 3) {
    const names = entries.map(([, v]) => String(v)).join(', ');
    throw new Error(`${where}: "id2label" has ${entries.length} labels (${names}); Vigie needs exactly 3: ${HOW_TO_FIX}`);
  }
  const mapping: (LabelIndex | undefined)[] = [undefined, undefined, undefined];
  const seen = new Map<LabelIndex, string>();
  for (const [key, value] of entries) {
    const index = /^[0-2]$/.test(key) ? Number(key) : NaN;
    if (Number.isNaN(index)) throw new Error(`${where}: "id2label" key "${key}" is not an output index 0, 1 or 2; ${HOW_TO_FIX}`);
    if (typeof value !== 'string') throw new Error(`${where}: "id2label"."${key}" must be a string label name; ${HOW_TO_FIX}`);
    const ours = NAMES[value.trim().toLowerCase()];
    if (ours === undefined) {
      throw new Error(`${where}: "id2label"."${key}" is "${value}", which is not a sentiment label Vigie knows; ${HOW_TO_FIX}`);
    }
    const before = seen.get(ours);
    if (before !== undefined) {
      throw new Error(`${where}: "id2label" maps both "${before}" and "${value}" to ${SENTIMENT_LABELS[ours]}; ${HOW_TO_FIX}`);
    }
    seen.set(ours, value);
    mapping[index] = ours;
  }
  return mapping as LabelIndex[];
}

/**
 * The prediction for one row of logits (in the model's output order). Non-finite logits (a broken
 * model or an overflow) give an abstention rather than NaN probabilities.
 */
export function predictionFromLogits(logits: ArrayLike<number>, mapping: readonly LabelIndex[], model: string): SentimentPrediction {
  let max = -Infinity;
  for (let i = 0; i < mapping.length; i++) {
    const v = logits[i] as number;
    if (!Number.isFinite(v)) return abstain(model, 'non-finite-logits');
    if (v > max) max = v;
  }
  const probs: [number, number, number] = [0, 0, 0];
  let sum = 0;
  for (let i = 0; i < mapping.length; i++) {
    const e = Math.exp((logits[i] as number) - max);
    probs[mapping[i] as LabelIndex] = e;
    sum += e;
  }
  probs[0] /= sum;
  probs[1] /= sum;
  probs[2] /= sum;
  // Ties go to neutral first, then to negative (the side a crisis desk would rather see).
  let best: LabelIndex = 1;
  if (probs[0] > probs[best]) best = 0;
  if (probs[2] > probs[best]) best = 2;
  return {
    label: SENTIMENT_LABELS[best] as SentimentPrediction['label'],
    probs,
    score: probs[2] - probs[0],
    confidence: probs[best],
    model,
  };
}
