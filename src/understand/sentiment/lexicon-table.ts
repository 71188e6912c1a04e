/**
 * What the sentiment features need to know about a word, looked up by the word's hash (so the
 * feature extractor never allocates the word as a string): its AFINN score (English, from the
 * `sentiment` package), its score in Vigie's French lexicon, and whether it negates ("not",
 * "pas", "jamais", "don't"…), announces a French negation ("ne", "n'") or intensifies ("very",
 * "très"…). Only words shipped in the repository are used (src/understand/baseline/).
 */
import { ENGLISH, FRENCH } from '../baseline/lexicon.ts';
import { EMOJI_SCORES, EMOTICON_SCORES } from '../baseline/emoji.ts';
import { FNV_OFFSET, fnvStep } from './hashing.ts';

/** Role bits of a word (the low byte of a packed entry). */
export const ROLE_NEGATOR = 1;
/** French "ne"/"n'": a negation follows. */
export const ROLE_NE = 2;
/** French "plus": negates only after "ne". */
export const ROLE_WEAK_NEGATOR = 4;
export const ROLE_INTENSIFIER = 8;

/** English negators as the tokenizer spells them (apostrophes dropped: "don't" → "dont"). */
const EN_NEGATORS = [
  'not', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'without', 'cannot', 'nowhere',
  'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'arent', 'werent', 'cant', 'couldnt', 'wont', 'wouldnt',
  'shouldnt', 'havent', 'hasnt', 'hadnt', 'aint', 'mustnt', 'neednt', 'dnt', 'cnt',
];
const FR_NEGATORS = ['pas', 'jamais', 'rien', 'aucun', 'aucune', 'sans', 'ni', 'guère'];
const EN_INTENSIFIERS = [
  'very', 'really', 'so', 'extremely', 'totally', 'absolutely', 'super', 'incredibly', 'completely', 'utterly',
  'truly', 'too', 'most', 'highly', 'soo', 'sooo', 'such', 'pretty', 'damn', 'fucking',
];
const FR_INTENSIFIERS = [
  'très', 'trop', 'vraiment', 'tellement', 'hyper', 'super', 'ultra', 'extrêmement', 'totalement',
  'complètement', 'absolument', 'particulièrement', 'franchement', 'carrément', 'si', 'grave', 'vachement',
];

/**
 * Frequent function words that tell languages apart in short posts, for a text that arrives
 * without a language tag (words shared by two of these languages are left out: "on", "me", "a",
 * "en", "son"…). Index in this list + 1 is the language's code in a packed entry.
 */
export const EVIDENCE_LANGS = ['en', 'fr', 'es', 'de', 'it', 'pt', 'nl'] as const;
const FUNCTION_WORDS: Record<(typeof EVIDENCE_LANGS)[number], string> = {
  en: 'the and is are was were of to for with this that it i you he she we they my your have has be not but just what at from will can if or all about by get like would there their our been dont im its',
  fr: 'le la les des du une et est pour dans sur pas que qui je il elle nous vous ils avec mais ce cette ces au aux sont c l d j n qu ne très tout mon ma mes sa ses leur été être avoir fait comme où moi toi ça un par sera ont aussi',
  es: 'el los las por con muy pero como del al lo está esta yo gracias hoy más también porque qué tengo hay ser fue todo',
  de: 'der die das und ist nicht ich mit auf ein eine zu den dem wir auch für sehr nur noch wie aber haben sind wird bei',
  it: 'che non sono della questo anche molto gli perché grazie sempre oggi cosa tutto della alla nel sei',
  pt: 'não com muito você obrigado isso mas os eu ele também hoje meu minha uma está tudo vai',
  nl: 'het een niet van ik zijn voor met maar ook wel nog heel deze wat naar',
};

/** Lowercase, accent-folding (optional) and digit table for the UTF-16 units below U+0250. */
function buildFoldTable(accentFold: boolean): Uint16Array {
  const table = new Uint16Array(0x250);
  for (let c = 0; c < 0x250; c++) {
    let out = String.fromCharCode(c).toLowerCase().charCodeAt(0);
    if (out >= 48 && out <= 57) out = 48; // every digit is "0": 3.39 and 4.50 look alike
    else if (accentFold && c >= 0xc0) {
      const base = String.fromCharCode(out).normalize('NFD').charCodeAt(0);
      if (base < 0x80) out = base;
    }
    table[c] = out;
  }
  return table;
}

export const FOLD_ACCENTS = buildFoldTable(true);
export const FOLD_PLAIN = buildFoldTable(false);

/** A lowercased code unit passed through the fold table (units past the table stay as they are). */
export function foldUnit(table: Uint16Array, c: number): number {
  return c < 0x250 ? table[c]! : c;
}

/**
 * The hash of a word as the feature extractor computes it: folded unit by unit, a letter
 * repeated more than twice kept twice ("soooo" → "soo"), apostrophes dropped.
 */
export function wordHash(word: string, fold: Uint16Array): number {
  const lower = word.toLowerCase();
  let h = FNV_OFFSET;
  let p1 = -1;
  let p2 = -1;
  for (let i = 0; i < lower.length; i++) {
    const raw = lower.charCodeAt(i);
    if (raw === 39 || raw === 0x2019) continue;
    const c = foldUnit(fold, raw);
    if (c === p1 && c === p2) continue;
    p2 = p1;
    p1 = c;
    h = fnvStep(h, c);
  }
  return h;
}

/**
 * A packed entry: bits 0–7 roles, bits 8–15 English score + 8, bits 16–23 French score + 8
 * (0 = no score), bits 24–27 the language a function word is evidence for (see
 * EVIDENCE_LANGS), so one Map lookup per token answers everything.
 */
export interface WordTable {
  readonly entries: ReadonlyMap<number, number>;
  /** Emoji code point → score (−5…+5). */
  readonly emoji: ReadonlyMap<number, number>;
  /** Emoticon (hash of its exact characters, see emoticonHash) → [id, score]. */
  readonly emoticons: ReadonlyMap<number, readonly [number, number]>;
}

const tables = new Map<boolean, WordTable>();

/** The table for an extractor folding accents or not (built once per setting). */
export function wordTable(accentFold: boolean): WordTable {
  let t = tables.get(accentFold);
  if (t === undefined) {
    t = buildWordTable(accentFold ? FOLD_ACCENTS : FOLD_PLAIN);
    tables.set(accentFold, t);
  }
  return t;
}

/** Hash of an emoticon's characters as written (case kept: ":D" is not ":d"). */
export function emoticonHash(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
}

function buildWordTable(fold: Uint16Array): WordTable {
  const entries = new Map<number, number>();
  const set = (word: string, update: (old: number) => number): void => {
    if (/[^\p{L}\p{N}'’]/u.test(word)) return; // expressions: left to the bigram features
    const h = wordHash(word, fold);
    entries.set(h, update(entries.get(h) ?? 0));
  };
  const seen = new Map<number, number>();
  for (const [i, lang] of EVIDENCE_LANGS.entries()) {
    for (const w of FUNCTION_WORDS[lang].split(' ')) {
      const h = wordHash(w, fold);
      const prev = seen.get(h);
      seen.set(h, prev === undefined || prev === i + 1 ? i + 1 : 0); // in two languages: no evidence
    }
  }
  for (const [h, code] of seen) if (code !== 0) entries.set(h, (entries.get(h) ?? 0) | (code << 24));
  const score = (shift: number) => (s: number) => (old: number) => (old & ~(0xff << shift)) | ((Math.max(-5, Math.min(5, Math.round(s))) + 8) << shift);
  for (const [w, s] of ENGLISH.words) set(w, score(8)(s));
  for (const [w, s] of FRENCH.words) set(w, score(16)(s));
  const role = (r: number) => (old: number) => old | r;
  for (const w of [...EN_NEGATORS, ...FR_NEGATORS]) set(w, role(ROLE_NEGATOR));
  for (const w of ['ne', 'n']) set(w, role(ROLE_NE));
  set('plus', role(ROLE_WEAK_NEGATOR));
  for (const w of [...EN_INTENSIFIERS, ...FR_INTENSIFIERS]) set(w, role(ROLE_INTENSIFIER));

  const emoji = new Map<number, number>();
  for (const [e, s] of EMOJI_SCORES) {
    const cp = e.codePointAt(0)!;
    if (String.fromCodePoint(cp).length === e.length) emoji.set(cp, s);
  }
  const emoticons = new Map<number, readonly [number, number]>();
  let id = 1;
  for (const [e, s] of EMOTICON_SCORES) emoticons.set(emoticonHash(e), [id++, s]);
  for (const [e, s] of [[':-))', 2], [':o', -1], [':O', -1], [':s', -1], [':S', -1], ['xd', 2], [':d', 3], ['=(', -2], [';(', -2], ['<33', 3], ['♥', 3]] as const) {
    emoticons.set(emoticonHash(e), [id++, s]);
  }
  return { entries, emoji, emoticons };
}

/** The language (1 + index in EVIDENCE_LANGS) a function word is evidence for, 0 if none. */
export function evidenceLang(entry: number): number {
  return (entry >>> 24) & 0xf;
}

/** The English score packed in an entry (0 when none). */
export function enScore(entry: number): number {
  const v = (entry >>> 8) & 0xff;
  return v === 0 ? 0 : v - 8;
}

/** The French score packed in an entry (0 when none). */
export function frScore(entry: number): number {
  const v = (entry >>> 16) & 0xff;
  return v === 0 ? 0 : v - 8;
}
