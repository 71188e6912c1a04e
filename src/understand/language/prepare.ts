/**
 * Prepares a post's text for language identification: caps the work on huge inputs, spots binary
 * junk, normalises compatibility characters (NFKC: Arabic presentation forms, full-width Latin…)
 * and removes what carries no language — URLs, e-mail addresses, @handles, the `RT` marker, HTML
 * entities, and #hashtags (run-together words and brand names, #MasterChefBR, that fit no language
 * and made the detector refuse Portuguese tweets), unless they are the only words. It also counts
 * the letters left, which the detector uses to refuse texts too short to judge.
 */

/** Characters of input looked at; the detector itself reads only the first few hundred bytes. */
export const MAX_INPUT_CHARS = 4000;

/** With fewer letters outside hashtags, the hashtags' words are used. */
const MIN_WORD_LETTERS = 3;

/** Above this share of control / replacement characters among non-space ones, a text is binary junk. */
export const MAX_JUNK_SHARE = 0.1;

export interface PreparedText {
  /** The cleaned text given to the detector. */
  text: string;
  /** Unicode letters in `text`. */
  letters: number;
  /** True when the input looks like binary data rather than text. */
  binary: boolean;
}

// C0 and C1 controls except tab and line ends, U+FFFD (undecodable bytes), lone surrogates.
const JUNK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;
const NON_SPACE = /\S/gu;
const NOISE = new RegExp(
  [
    String.raw`\b(?:https?:\/\/|www\.)\S+`, // URLs
    String.raw`\bhttps?\b`, // URLs already replaced by a placeholder (TweetEval / UMSAB write "http")
    String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}`, // e-mail addresses
    String.raw`@[\p{L}\p{N}_]+`, // @handles
    String.raw`\bRT\b`, // retweet marker
    String.raw`&(?:[a-zA-Z]{2,8}|#\d{1,7}|#x[0-9a-fA-F]{1,6});`, // HTML entities (&amp; …)
  ].join('|'),
  'gu',
);
// Hashtags are dropped when the rest of the post has MIN_WORD_LETTERS letters, else kept without #.
const HASHTAG = /#([\p{L}\p{N}_]+)/gu;
const SPACES = /\s+/gu;
const LETTER = /\p{L}/gu;

function count(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

export function prepareForDetection(raw: string): PreparedText {
  let text = raw.length > MAX_INPUT_CHARS ? raw.slice(0, MAX_INPUT_CHARS) : raw;
  const junk = count(text, JUNK);
  if (junk > 0) {
    const binary = junk > MAX_JUNK_SHARE * Math.max(1, count(text, NON_SPACE));
    text = text.replace(JUNK, ' ');
    if (binary) return { text: '', letters: 0, binary: true };
  }
  text = text.normalize('NFKC').replace(NOISE, ' ');
  const withoutTags = text.replace(HASHTAG, ' ').replace(SPACES, ' ').trim();
  const letters = count(withoutTags, LETTER);
  if (letters >= MIN_WORD_LETTERS) return { text: withoutTags, letters, binary: false };
  text = text.replace(HASHTAG, ' $1').replace(/#/g, ' ').replace(SPACES, ' ').trim();
  return { text, letters: count(text, LETTER), binary: false };
}
