import type { Rng } from './prng.ts';
import type { Slots } from './vocab.ts';

/** How a text is roughed up to look typed by people: the probabilities of each alteration. */
export interface Roughness {
  noAccents: number;
  lower: number;
  caps: number;
  typo: number;
  extraEmoji: number;
  extraTag: number;
}

export const CALM: Roughness = { noAccents: 0.2, lower: 0.12, caps: 0.01, typo: 0.1, extraEmoji: 0.3, extraTag: 0.25 };
export const ANGRY: Roughness = { noAccents: 0.25, lower: 0.1, caps: 0.12, typo: 0.12, extraEmoji: 0.45, extraTag: 0.5 };

/** Replaces every `{slot}` in a template with a value drawn from `slots`; an unknown slot is a programming error. */
export function fill(template: string, slots: Slots, rng: Rng): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const values = slots[name];
    if (values === undefined) throw new Error(`template slot {${name}} has no values: "${template}"`);
    return rng.pick(values);
  });
}

export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/** Swaps, drops or doubles a letter in one ordinary word (never in a handle, a hashtag, the brand or its product). */
export function typo(text: string, rng: Rng): string {
  const words = text.split(' ');
  const candidates: number[] = [];
  words.forEach((w, i) => {
    if (/^[a-zà-ÿ]{5,}$/i.test(w) && !/kerl|vapeur/i.test(w)) candidates.push(i);
  });
  if (candidates.length === 0) return text;
  const i = rng.pick(candidates);
  const w = words[i] as string;
  const at = rng.int(1, w.length - 2);
  const kind = rng.int(0, 2);
  const changed =
    kind === 0
      ? w.slice(0, at) + (w[at + 1] ?? '') + (w[at] ?? '') + w.slice(at + 2)
      : kind === 1
        ? w.slice(0, at) + w.slice(at + 1)
        : w.slice(0, at) + (w[at] ?? '') + w.slice(at);
  words[i] = changed;
  return words.join(' ');
}

/** Capitals, except in @handles and URLs (X handles are case-insensitive, but we keep them readable). */
function shout(text: string): string {
  return text
    .split(' ')
    .map((w) => (w.startsWith('@') || w.startsWith('http') ? w : w.toUpperCase()))
    .join(' ');
}

/** Fills a template and roughs it up; `slots.posEmoji` / `negEmoji` / `tag` feed the extras. */
export function compose(
  template: string,
  slots: Slots,
  rng: Rng,
  rough: Roughness,
  extras: { emoji: 'posEmoji' | 'negEmoji'; tag: 'tag' | 'crisisTag' },
): string {
  let text = fill(template, slots, rng);
  if (rng.chance(rough.typo)) text = typo(text, rng);
  if (rng.chance(rough.noAccents)) text = stripAccents(text);
  if (rng.chance(rough.caps)) text = shout(text);
  else if (rng.chance(rough.lower)) text = text.replace(/(^|\s)([A-ZÀ-Ý])(?=[a-zà-ÿ])/g, (_m, s: string, c: string) => s + c.toLowerCase());
  if (rng.chance(rough.extraEmoji)) {
    const e = rng.pick(slots[extras.emoji] ?? ['']);
    text += ' ' + (rng.chance(0.3) ? e + e : e);
  }
  if (rng.chance(rough.extraTag)) {
    const t = rng.pick(slots[extras.tag] ?? ['']);
    if (!text.includes(t)) text += ' ' + t;
  }
  return text.replace(/\s+/g, ' ').trim();
}
