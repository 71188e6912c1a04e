import type { NearOperand, QueryNode } from './ast.ts';
import { QueryParseError } from './errors.ts';
import { fold } from './fold.ts';
import { isHandle, isHashtag, words } from './tokenize.ts';

/** Operators are upper-case, as on X: a lower-case "or" is a word. */
export type Token =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus' | 'eof'; column: number; text: string }
  | { type: 'near'; column: number; text: string; distance: number }
  | { type: 'leaf'; column: number; text: string; node: QueryNode };

/** 1-based column of a UTF-16 index, counted in code points. */
export function columnAt(text: string, index: number): number {
  let column = 1;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) column++;
  }
  return column;
}

const SPACE = /\s/;
const ENDS_WORD = /[\s()"]/;
const FIELD = /^([A-Za-z_]+):/;

export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const col = (index: number): number => columnAt(text, index);
  while (i < text.length) {
    const c = text.charAt(i);
    if (SPACE.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: c === '(' ? 'lparen' : 'rparen', column: col(i), text: c });
      i++;
    } else if (c === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) throw unclosedQuote(text, i);
      tokens.push({ type: 'leaf', column: col(i), text: text.slice(i, close + 1), node: phrase(text.slice(i + 1, close), col(i), true) });
      i = close + 1;
    } else if (c === '-') {
      const next = text.charAt(i + 1);
      if (next === '' || SPACE.test(next) || next === ')') {
        throw new QueryParseError(col(i + 1), 'a term right after "-"', '(write "-word" to exclude a word)');
      }
      tokens.push({ type: 'minus', column: col(i), text: '-' });
      i++;
    } else {
      let end = i;
      while (end < text.length && !ENDS_WORD.test(text.charAt(end))) end++;
      const word = text.slice(i, end);
      // A field whose value is quoted: url:"example.com/path", from:"x".
      const field = FIELD.exec(word);
      if (field !== null && field[0].length === word.length && text.charAt(end) === '"') {
        const close = text.indexOf('"', end + 1);
        if (close < 0) throw unclosedQuote(text, end);
        const value = text.slice(end + 1, close);
        tokens.push({ type: 'leaf', column: col(i), text: text.slice(i, close + 1), node: fieldNode(field[1] ?? '', value, text, i, end + 1, true) });
        i = close + 1;
        continue;
      }
      tokens.push(classify(word, text, i));
      i = end;
    }
  }
  tokens.push({ type: 'eof', column: col(text.length), text: '' });
  return tokens;
}

function unclosedQuote(text: string, open: number): QueryParseError {
  return new QueryParseError(
    columnAt(text, text.length),
    'a closing quote (")',
    `for the phrase that opens at column ${columnAt(text, open)}`,
  );
}

function classify(word: string, text: string, start: number): Token {
  const column = columnAt(text, start);
  if (word === 'AND' || word === 'OR' || word === 'NOT') {
    return { type: word === 'AND' ? 'and' : word === 'OR' ? 'or' : 'not', column, text: word };
  }
  if (word === 'NEAR' || word.startsWith('NEAR/')) {
    const digits = word.slice(5);
    if (!/^[0-9]+$/.test(digits)) {
      const at = word === 'NEAR' ? start + 4 : start + 5;
      throw new QueryParseError(columnAt(text, at), 'a number after NEAR/', '(for instance NEAR/3)');
    }
    const distance = Number(digits);
    if (distance < 1 || distance > 1000) {
      throw new QueryParseError(columnAt(text, start + 5), 'a number from 1 to 1000 after NEAR/', `(got ${digits})`);
    }
    return { type: 'near', column, text: word, distance };
  }
  const field = FIELD.exec(word);
  if (field !== null && field[0].length < word.length) {
    return { type: 'leaf', column, text: word, node: fieldNode(field[1] ?? '', word.slice(field[0].length), text, start, start + field[0].length, false) };
  }
  if (field !== null && /^(lang|from|url)$/i.test(field[1] ?? '')) {
    // "lang:" with nothing after it.
    throw new QueryParseError(columnAt(text, start + word.length), fieldExpectation(field[1] ?? ''));
  }
  if (word.startsWith('#')) {
    const tag = fold(word.slice(1));
    if (!isHashtag(tag)) {
      throw new QueryParseError(columnAt(text, start + 1), 'a hashtag name (letters, digits or "_") after "#"');
    }
    return { type: 'leaf', column, text: word, node: { kind: 'hashtag', tag, raw: word, column } };
  }
  if (word.startsWith('@')) {
    const handle = fold(word.slice(1));
    if (!isHandle(handle)) {
      throw new QueryParseError(columnAt(text, start + 1), 'a handle (letters, digits, "_", "." or "-") after "@"');
    }
    return { type: 'leaf', column, text: word, node: { kind: 'mention', handle, raw: word, column } };
  }
  const star = word.indexOf('*');
  if (star >= 0) {
    if (star !== word.length - 1) {
      throw new QueryParseError(columnAt(text, start + star), 'a wildcard "*" only at the end of a word', '(as in lumo*)');
    }
    const raw = word.slice(0, -1);
    const stemWords = words(fold(raw));
    const stem = stemWords[0];
    // The stem must be one word ending with a letter or digit: "l'usi*" or "lumo'*" are refused
    // rather than silently widened.
    if (stem === undefined || stemWords.length !== 1 || !/[\p{L}\p{N}_\p{M}]$/u.test(raw)) {
      throw new QueryParseError(column, 'a single word before "*"', '(as in lumo*)');
    }
    return { type: 'leaf', column, text: word, node: { kind: 'prefix', stem, raw: word, column } };
  }
  return { type: 'leaf', column, text: word, node: bareTerm(word, column) };
}

function bareTerm(word: string, column: number): QueryNode {
  const ws = words(fold(word));
  const only = ws[0];
  if (only === undefined) {
    throw new QueryParseError(column, 'a term with letters, digits or emoji', `(got ${JSON.stringify(word)})`);
  }
  if (ws.length === 1) return { kind: 'term', word: only, raw: word, column };
  return { kind: 'phrase', words: ws, raw: word, quoted: false, column };
}

export function phrase(content: string, column: number, quoted: boolean): NearOperand {
  const ws = words(fold(content));
  if (ws.length === 0) {
    throw new QueryParseError(column + 1, 'a phrase with at least one word between the quotes');
  }
  return { kind: 'phrase', words: ws, raw: content, quoted, column };
}

function fieldExpectation(name: string): string {
  switch (name.toLowerCase()) {
    case 'lang':
      return 'a language code after "lang:" (for instance lang:fr)';
    case 'from':
      return 'a handle after "from:" (for instance from:lumora)';
    default:
      return 'a domain after "url:" (for instance url:example.com)';
  }
}

function fieldNode(name: string, value: string, text: string, start: number, valueStart: number, quoted: boolean): QueryNode {
  const column = columnAt(text, start);
  const lower = name.toLowerCase();
  const valueColumn = columnAt(text, valueStart);
  if (lower !== 'lang' && lower !== 'from' && lower !== 'url') {
    throw new QueryParseError(column, 'lang:, from: or url:', `(unknown operator "${name}:"; quote it to search the text: "${name}:${value}")`);
  }
  const v = value.trim();
  if (v === '') throw new QueryParseError(valueColumn, fieldExpectation(lower));
  if (lower === 'lang') {
    if (quoted || !/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(v)) {
      throw new QueryParseError(valueColumn, fieldExpectation('lang'), `(got ${JSON.stringify(value)})`);
    }
    return { kind: 'lang', code: v.toLowerCase(), column };
  }
  if (lower === 'from') {
    const handle = fold(v.startsWith('@') ? v.slice(1) : v);
    if (!isHandle(handle)) throw new QueryParseError(valueColumn, fieldExpectation('from'), `(got ${JSON.stringify(value)})`);
    return { kind: 'from', handle, raw: v, column };
  }
  if (/\s/.test(v)) throw new QueryParseError(valueColumn, fieldExpectation('url'), '(a URL has no spaces)');
  return { kind: 'url', fragment: fold(v), raw: v, column };
}
