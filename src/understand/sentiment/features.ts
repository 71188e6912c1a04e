/**
 * Feature extraction for the built-in sentiment model: one pass over a text turns it into hashed
 * feature indices (written into a reused Int32Array, no substring allocated per word or n-gram):
 *
 * - words, lowercased, digits as "0", a letter repeated more than twice kept twice ("soooo" →
 *   "soo"), accents optionally folded; URLs (and the "http" left by TweetEval/UMSAB
 *   preprocessing) become one URL token, @handles one USER token, '#' is dropped;
 * - word unigrams (marked when inside a negation scope: after "not", "never", "n't", "pas",
 *   "jamais", "ne"…, up to a punctuation mark or `negationWindow` words), word bigrams, character
 *   n-grams inside each word with boundary marks (`charMin`–`charMax`);
 * - emoji (each one, and their scores) and emoticons (":)", ":-(", "<3"…, on whitespace-delimited
 *   chunks of the text as written);
 * - lexicon features: the sums of positive and negative AFINN and French-lexicon scores, with
 *   negation (×−0.75) and intensifiers (×1.5), binned, and the polarity of the last scored word;
 * - "!", "!!", "?", "…", words in capitals, the length of the text in words, a bias.
 *
 * Texts longer than `maxChars` are cut there first, so a 100 kB text costs what a long post costs.
 */
import { FNV_OFFSET, fnvStep, fnvString, mix, pair } from './hashing.ts';
import {
  FOLD_ACCENTS, FOLD_PLAIN, ROLE_INTENSIFIER, ROLE_NE, ROLE_NEGATOR, ROLE_WEAK_NEGATOR,
  EVIDENCE_LANGS, enScore, evidenceLang, frScore, wordHash, wordTable, type WordTable,
} from './lexicon-table.ts';

/** The settings that decide which features a text gets (stored in the model file). */
export interface FeatureConfig {
  /** log2 of the number of hash buckets. */
  readonly bits: number;
  /** Character n-gram lengths inside words (with boundary marks); charMax 0 = none. */
  readonly charMin: number;
  readonly charMax: number;
  readonly wordBigrams: boolean;
  readonly accentFold: boolean;
  /** Words after a negator that are marked negated (a punctuation mark ends the scope first). */
  readonly negationWindow: number;
  /** Texts are cut to this many UTF-16 units. */
  readonly maxChars: number;
  /** Adds the language tag (en, fr) as a feature when the caller knows it. */
  readonly langTag: boolean;
  /** Adds a language-specific copy of word unigrams and bigrams when the language is known. */
  readonly langCopies: boolean;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  bits: 18,
  charMin: 3,
  charMax: 5,
  wordBigrams: true,
  accentFold: true,
  negationWindow: 3,
  maxChars: 2000,
  langTag: false,
  langCopies: false,
};

/** What the extractor saw in the last text: the model's grounds for abstaining. */
export interface TextStats {
  /** Word tokens (URLs and @handles not counted). */
  words: number;
  /** Emoji and emoticons. */
  emoji: number;
  /** Letters of Latin script (below U+0250) and of other scripts. */
  latinLetters: number;
  otherLetters: number;
  /** NUL, other control characters (not tab/newline), U+FFFD replacement characters. */
  binary: number;
  /** NUL characters alone (a text with one is binary). */
  nul: number;
  /** UTF-16 units looked at (after the cut). */
  length: number;
  /** The text was longer than maxChars and was cut. */
  truncated: boolean;
  /** Function words seen per language, indexed like EVIDENCE_LANGS (see lexicon-table.ts). */
  readonly evidence: Int32Array;
}

// Feature namespaces: each kind of feature hashes into the buckets with its own constant.
const NS_BIAS = 1;
const NS_UNI = 2;
const NS_NEG_UNI = 3;
const NS_BI = 4;
const NS_CHAR = 5;
const NS_EMOJI = 6;
const NS_EMOTICON = 7;
const NS_LEX = 8;
const NS_PUNCT = 9;
const NS_CAPS_WORD = 10;
const NS_LEN = 11;
const NS_LANG = 12;
const NS_SPECIAL = 13;
const NS_LANG_UNI = 14;
const NS_LANG_BI = 15;

const NEGATED = 0x4e454721;
const MAX_WORD = 24; // characters of a word that make its n-grams
const CAPACITY = 1 << 15;
const BOUNDARY_START = 1;
const BOUNDARY_END = 2;

const H_HTTP = fnvString('http');
const H_HTTPS = fnvString('https');
const H_WWW = fnvString('www');
const URL_TOKEN = 0x55524c21;
const USER_TOKEN = 0x55534552;
const ELISIONS = new Set(['l', 'd', 'j', 'm', 't', 's', 'c', 'n', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu'].map(fnvString));

/** Letters and digits (any script), as src/understand/baseline/tokenize.ts decides. */
export function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c < 0x2000) return true;
  if (c < 0x2c00) return false; // punctuation, symbols, arrows, dingbats
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral: emoji
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xfe00 && c <= 0xfe0f) return false; // variation selectors
  if (c >= 0xfeff && c <= 0xff0f) return false;
  if (c === 0xfffd) return false;
  return true;
}

function bin(v: number): number {
  return v === 0 ? 0 : v <= 1.5 ? 1 : v <= 3 ? 2 : v <= 5 ? 3 : v <= 8 ? 4 : 5;
}

function diffBin(v: number): number {
  const s = v < 0 ? 8 : 0;
  const a = Math.abs(v);
  return s + (a === 0 ? 0 : a <= 1 ? 1 : a <= 2.5 ? 2 : a <= 4.5 ? 3 : a <= 7 ? 4 : 5);
}

/**
 * Turns texts into feature indices. Not re-entrant: one extractor per thread of work, its buffer
 * reused from text to text (`features` is valid until the next call).
 */
export class FeatureExtractor {
  readonly config: FeatureConfig;
  /** The indices of the last text's features, `count` of them (an index may repeat). */
  readonly features: Int32Array;
  count = 0;
  readonly stats: TextStats = { words: 0, emoji: 0, latinLetters: 0, otherLetters: 0, binary: 0, nul: 0, length: 0, truncated: false, evidence: new Int32Array(EVIDENCE_LANGS.length) };

  private readonly mask: number;
  private readonly fold: Uint16Array;
  private readonly table: WordTable;
  private readonly chars = new Int32Array(MAX_WORD + 2);
  private readonly langHashes = new Map<string, number>();

  // Per-text state (fields rather than locals because endWord and the main loop share it).
  private negLeft = 0;
  private neLeft = 0;
  private intensify = 0;
  private prevWord = 0;
  private enPos = 0;
  private enNeg = 0;
  private enLast = 0;
  private frPos = 0;
  private frNeg = 0;
  private frLast = 0;
  private capsWords = 0;
  private langNs = 0;

  constructor(config: FeatureConfig = DEFAULT_FEATURE_CONFIG) {
    validateFeatureConfig(config);
    this.config = config;
    this.mask = (1 << config.bits) - 1;
    this.fold = config.accentFold ? FOLD_ACCENTS : FOLD_PLAIN;
    this.table = wordTable(config.accentFold);
    this.features = new Int32Array(CAPACITY);
  }

  private add(h: number, ns: number): void {
    if (this.count < CAPACITY) this.features[this.count++] = mix(h, ns) & this.mask;
  }

  /** Extracts the features of `text` into `features[0…count)`; returns `count`. */
  extract(text: string, lang: string | null): number {
    const cfg = this.config;
    const truncated = text.length > cfg.maxChars;
    let src = truncated ? text.slice(0, cfg.maxChars) : text;
    // Never cut a surrogate pair in two.
    if (truncated && (src.charCodeAt(src.length - 1) & 0xfc00) === 0xd800) src = src.slice(0, -1);
    const lower = src.toLowerCase();
    const sameLength = lower.length === src.length; // "İ" lowercases to two units: then no caps detection
    const n = lower.length;
    const fold = this.fold;
    const chars = this.chars;
    const stats = this.stats;
    stats.words = stats.emoji = stats.latinLetters = stats.otherLetters = stats.binary = stats.nul = 0;
    stats.length = n;
    stats.truncated = truncated;
    stats.evidence.fill(0);
    this.count = 0;
    this.negLeft = this.neLeft = this.intensify = this.prevWord = 0;
    this.enPos = this.enNeg = this.enLast = this.frPos = this.frNeg = this.frLast = 0;
    this.capsWords = 0;
    this.add(0, NS_BIAS);
    if (cfg.langTag && lang !== null) this.add(this.langHash(lang), NS_LANG);
    this.langNs = cfg.langCopies && lang !== null ? this.langHash(lang) : 0;

    let emoPos = 0;
    let emoNeg = 0;
    let excl = 0;
    let exclRun = 0;
    let quest = 0;
    let ellipsis = 0;
    // The current word.
    let len = 0; // units kept in `chars` (after the boundary mark at 0)
    let h = FNV_OFFSET;
    let p1 = -1;
    let p2 = -1;
    let upper = 0;
    let letters = 0;
    let prevC = 0;

    for (let i = 0; i < n; i++) {
      const c = lower.charCodeAt(i);
      if (isWordUnit(c)) {
        if (c < 0x250) {
          if (c >= 97) stats.latinLetters++; // below 0x80 only letters and digits get here
        } else if (c < 0x300 || c > 0x36f) stats.otherLetters++; // combining accents are not letters
        const f = c < 0x250 ? fold[c]! : c;
        if (f === p1 && f === p2) continue;
        p2 = p1;
        p1 = f;
        h = fnvStep(h, f);
        if (len < MAX_WORD) chars[++len] = f;
        if (f !== 48) letters++;
        if (sameLength && src.charCodeAt(i) !== c) upper++;
        continue;
      }
      if ((c === 39 || c === 0x2019) && len > 0 && i + 1 < n && isWordUnit(lower.charCodeAt(i + 1))) {
        if (ELISIONS.has(h)) {
          this.endWord(h, len, upper, letters);
          len = 0; h = FNV_OFFSET; p1 = p2 = -1; upper = letters = 0;
        }
        continue; // "don't" → "dont"; "l'avion" → "l", "avion"
      }
      if (len > 0) {
        const word = h;
        this.endWord(h, len, upper, letters);
        len = 0; h = FNV_OFFSET; p1 = p2 = -1; upper = letters = 0;
        if ((word === H_HTTP || word === H_HTTPS || word === H_WWW) && (c === 58 || c === 46)) {
          while (i + 1 < n && !isSpace(lower.charCodeAt(i + 1))) i++; // the rest of the URL
          prevC = 0;
          continue;
        }
      }
      if (c === 64 && i + 1 < n && isWordUnit(lower.charCodeAt(i + 1))) {
        i++;
        while (i + 1 < n && (isWordUnit(lower.charCodeAt(i + 1)) || lower.charCodeAt(i + 1) === 95)) i++;
        this.add(USER_TOKEN, NS_SPECIAL);
        this.prevWord = USER_TOKEN;
        prevC = 0;
        continue;
      }
      if (c <= 32) {
        if (c === 10 || c === 13) this.breakClause();
        else if (c !== 32 && c !== 9) {
          stats.binary++;
          if (c === 0) stats.nul++;
        }
      } else if (c < 0x80) {
        if (c === 33) {
          excl++;
          if (prevC === 33) exclRun++;
          this.breakClause();
        } else if (c === 63) {
          quest++;
          this.breakClause();
        } else if (c === 46) {
          if (prevC === 46 && i + 1 < n && lower.charCodeAt(i + 1) === 46) ellipsis++;
          this.breakClause();
        } else if (c === 44 || c === 59 || c === 58) this.breakClause();
        else if (c === 127) stats.binary++;
      } else if ((c & 0xfc00) === 0xd800 && i + 1 < n) {
        const d = lower.charCodeAt(i + 1);
        if ((d & 0xfc00) === 0xdc00) {
          i++;
          const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          if (cp < 0x1f3fb || cp > 0x1f3ff) {
            stats.emoji++;
            this.add(cp, NS_EMOJI);
            const s = this.table.emoji.get(cp);
            if (s !== undefined) {
              if (s > 0) emoPos += s;
              else emoNeg -= s;
            }
          }
        }
      } else if (c >= 0x2190 && c <= 0x2bff) {
        stats.emoji++;
        this.add(c, NS_EMOJI);
        const s = this.table.emoji.get(c);
        if (s !== undefined) {
          if (s > 0) emoPos += s;
          else emoNeg -= s;
        }
      } else if (c === 0x2026) {
        ellipsis++;
        this.breakClause();
      } else if (c === 0xfffd || (c >= 0x80 && c < 0xa0)) stats.binary++;
      prevC = c;
    }
    if (len > 0) this.endWord(h, len, upper, letters);

    // Emoticons, on whitespace-delimited chunks of the text as written (":D" is not ":d").
    const emoticons = this.table.emoticons;
    let start = 0;
    for (let i = 0; i <= n; i++) {
      if (i < n && !isSpace(src.charCodeAt(i))) continue;
      let end = i;
      while (end - start > 2) {
        const t = src.charCodeAt(end - 1);
        if (t === 46 || t === 44 || t === 33 || t === 63) end--;
        else break;
      }
      const size = end - start;
      if (size >= 2 && size <= 6) {
        let raw = FNV_OFFSET;
        let squeezed = FNV_OFFSET;
        let last = -1;
        for (let j = start; j < end; j++) {
          const u = src.charCodeAt(j);
          raw = fnvStep(raw, u);
          if (u !== last) squeezed = fnvStep(squeezed, u);
          last = u;
        }
        const e = emoticons.get(raw) ?? emoticons.get(squeezed);
        if (e !== undefined) {
          stats.emoji++;
          this.add(e[0], NS_EMOTICON);
          if (e[1] > 0) emoPos += e[1];
          else emoNeg -= e[1];
        }
      }
      start = i + 1;
    }

    // Text-level features.
    this.add(0 * 16 + bin(this.enPos), NS_LEX);
    this.add(1 * 16 + bin(this.enNeg), NS_LEX);
    this.add(2 * 16 + diffBin(this.enPos - this.enNeg), NS_LEX);
    this.add(3 * 16 + this.enLast + 2, NS_LEX);
    this.add(4 * 16 + bin(this.frPos), NS_LEX);
    this.add(5 * 16 + bin(this.frNeg), NS_LEX);
    this.add(6 * 16 + diffBin(this.frPos - this.frNeg), NS_LEX);
    this.add(7 * 16 + this.frLast + 2, NS_LEX);
    if (emoPos + emoNeg > 0) {
      this.add(8 * 16 + bin(emoPos), NS_LEX);
      this.add(9 * 16 + bin(emoNeg), NS_LEX);
      this.add(10 * 16 + diffBin(emoPos - emoNeg), NS_LEX);
    }
    this.add(excl === 0 ? 0 : excl === 1 ? 1 : 2, NS_PUNCT);
    if (exclRun > 0) this.add(3, NS_PUNCT);
    if (quest > 0) this.add(quest === 1 ? 4 : 5, NS_PUNCT);
    if (ellipsis > 0) this.add(6, NS_PUNCT);
    if (this.capsWords > 0) this.add(this.capsWords === 1 ? 7 : 8, NS_PUNCT);
    const w = stats.words;
    this.add(w <= 3 ? 0 : w <= 8 ? 1 : w <= 15 ? 2 : w <= 25 ? 3 : 4, NS_LEN);
    return this.count;
  }

  private breakClause(): void {
    this.negLeft = 0;
    this.neLeft = 0;
    this.intensify = 0;
    this.prevWord = 0;
  }

  /** A word ends: its features, and its part in negation, intensity and lexicon scores. */
  private endWord(h: number, len: number, upper: number, letters: number): void {
    if (h === H_HTTP || h === H_HTTPS || h === H_WWW) {
      this.add(URL_TOKEN, NS_SPECIAL);
      this.prevWord = URL_TOKEN;
      return;
    }
    this.stats.words++;
    const negated = this.negLeft > 0 || this.neLeft > 0;
    if (negated) this.add(pair(h, NEGATED), NS_NEG_UNI);
    else this.add(h, NS_UNI);
    if (this.config.wordBigrams && this.prevWord !== 0) this.add(pair(this.prevWord, h), NS_BI);
    if (this.langNs !== 0) {
      this.add(pair(negated ? pair(h, NEGATED) : h, this.langNs), NS_LANG_UNI);
      if (this.config.wordBigrams && this.prevWord !== 0) this.add(pair(pair(this.prevWord, h), this.langNs), NS_LANG_BI);
    }
    const cmax = this.config.charMax;
    if (cmax > 0) {
      const cmin = this.config.charMin;
      const chars = this.chars;
      chars[0] = BOUNDARY_START;
      chars[len + 1] = BOUNDARY_END;
      const total = len + 2;
      for (let s = 0; s < total; s++) {
        let g = FNV_OFFSET;
        const stop = Math.min(total, s + cmax);
        for (let j = s; j < stop; j++) {
          g = fnvStep(g, chars[j]!);
          if (j - s + 1 >= cmin) this.add(g, NS_CHAR);
        }
      }
    }
    if (upper >= 2 && upper === letters) {
      this.capsWords++;
      this.add(h, NS_CAPS_WORD);
    }
    const entry = this.table.entries.get(h);
    let setNeg = false;
    let setNe = false;
    let setInt = false;
    if (entry !== undefined) {
      const roles = entry & 0xff;
      const ev = evidenceLang(entry);
      if (ev !== 0) this.stats.evidence[ev - 1]!++;
      if ((roles & ROLE_NEGATOR) !== 0 || ((roles & ROLE_WEAK_NEGATOR) !== 0 && this.neLeft > 0)) setNeg = true;
      else if ((roles & ROLE_NE) !== 0) setNe = true;
      if ((roles & ROLE_INTENSIFIER) !== 0) setInt = true;
      const en = enScore(entry);
      const fr = frScore(entry);
      if ((en !== 0 || fr !== 0) && !setNeg && !setNe) {
        const factor = (negated ? -0.75 : 1) * (this.intensify > 0 ? 1.5 : 1);
        if (en !== 0) {
          const s = en * factor;
          if (s > 0) this.enPos += s;
          else this.enNeg -= s;
          this.enLast = s > 0 ? 1 : -1;
        }
        if (fr !== 0) {
          const s = fr * factor;
          if (s > 0) this.frPos += s;
          else this.frNeg -= s;
          this.frLast = s > 0 ? 1 : -1;
        }
      }
    }
    const window = this.config.negationWindow;
    this.negLeft = setNeg ? window : this.negLeft > 0 ? this.negLeft - 1 : 0;
    this.neLeft = setNe ? window : this.neLeft > 0 ? this.neLeft - 1 : 0;
    this.intensify = setInt ? 1 : 0;
    this.prevWord = h;
  }

  private langHash(lang: string): number {
    let v = this.langHashes.get(lang);
    if (v === undefined) {
      v = fnvString(lang.toLowerCase());
      this.langHashes.set(lang, v);
    }
    return v;
  }
}

/**
 * The language the function words of the last text point to (an ISO 639-1 code), or null when
 * they do not tell (none, or a tie). Two words at least for a language other than en/fr.
 */
export function guessLanguage(stats: TextStats): string | null {
  const ev = stats.evidence;
  let best = -1;
  let bestCount = 0;
  let tie = false;
  for (let i = 0; i < ev.length; i++) {
    const c = ev[i]!;
    if (c > bestCount) {
      best = i;
      bestCount = c;
      tie = false;
    } else if (c === bestCount && c > 0) tie = true;
  }
  if (best < 0 || tie) return null;
  const lang = EVIDENCE_LANGS[best]!;
  if (lang !== 'en' && lang !== 'fr' && bestCount < 2) return null;
  return lang;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b);
}

/** Throws a clear error for settings the extractor cannot work with. */
export function validateFeatureConfig(c: FeatureConfig): void {
  const int = (name: keyof FeatureConfig, lo: number, hi: number): void => {
    const v = c[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
      throw new Error(`feature setting ${name} must be an integer from ${lo} to ${hi} (got ${String(v)})`);
    }
  };
  int('bits', 10, 24);
  int('charMin', 1, 8);
  int('charMax', 0, 8);
  int('negationWindow', 0, 50);
  int('maxChars', 16, 1_000_000);
  if (c.charMax > 0 && c.charMin > c.charMax) throw new Error(`feature setting charMin (${c.charMin}) must not exceed charMax (${c.charMax})`);
  for (const k of ['wordBigrams', 'accentFold', 'langTag', 'langCopies'] as const) {
    if (typeof c[k] !== 'boolean') throw new Error(`feature setting ${k} must be true or false (got ${String(c[k])})`);
  }
}

/** The hash a word gets as a unigram feature (for tests and tools that inspect the model). */
export function unigramIndex(word: string, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): number {
  return mix(wordHash(word, config.accentFold ? FOLD_ACCENTS : FOLD_PLAIN), NS_UNI) & ((1 << config.bits) - 1);
}

