import type { NearOperand, QueryNode } from './ast.ts';
import type { MatchDoc } from './doc.ts';
import { parseQuery } from './parser.ts';
import { hashWord } from './tokenize.ts';

export type Predicate = (doc: MatchDoc) => boolean;

/** A parsed query turned into a function of a prepared post. */
export interface CompiledQuery {
  readonly source: string;
  readonly ast: QueryNode;
  matches(doc: MatchDoc): boolean;
}

export function compileQuery(text: string): CompiledQuery {
  const ast = parseQuery(text);
  const predicate = compileNode(ast);
  return { source: text, ast, matches: predicate };
}

/** Turns a syntax tree into nested closures (no tree walking per post). */
export function compileNode(node: QueryNode): Predicate {
  switch (node.kind) {
    case 'term': {
      const w = node.word;
      const h = hashWord(w);
      return (d) => d.indexOfWord(w, h, 0) >= 0;
    }
    case 'phrase': {
      const ws = node.words;
      const hs = ws.map(hashWord);
      return (d) => nextSpan(d, ws, hs, 0) >= 0;
    }
    case 'prefix': {
      const stem = node.stem;
      return (d) => d.hasPrefix(stem);
    }
    case 'near': {
      const left = operand(node.left);
      const right = operand(node.right);
      const distance = node.distance;
      return (d) => near(d, left, right, distance);
    }
    case 'lang': {
      const code = node.code;
      const dashed = `${code}-`;
      return (d) => d.lang !== null && (d.lang === code || d.lang.startsWith(dashed));
    }
    case 'from': {
      const h = node.handle;
      return (d) => d.author === h || d.authorLocal === h;
    }
    case 'hashtag': {
      const tag = node.tag;
      return (d) => d.hashtags.has(tag);
    }
    case 'mention': {
      const h = node.handle;
      return (d) => d.mentions.has(h);
    }
    case 'url': {
      // X's url: matches a substring of the expanded URL, so "url:lumora.com" also matches
      // "shop.lumora.com/recall" (a subdomain) — and, like X, "notlumora.com".
      const f = node.fragment;
      return (d) => {
        for (const u of d.urls) if (u.includes(f)) return true;
        return false;
      };
    }
    case 'not': {
      const child = compileNode(node.child);
      return (d) => !child(d);
    }
    case 'and': {
      const cs = node.children.map(compileNode);
      return (d) => {
        for (const c of cs) if (!c(d)) return false;
        return true;
      };
    }
    case 'or': {
      const cs = node.children.map(compileNode);
      return (d) => {
        for (const c of cs) if (c(d)) return true;
        return false;
      };
    }
  }
}

/**
 * Start of the first occurrence, at or after `from`, of consecutive words (`hs` their hashes), or
 * -1. Compares the hashes computed by the scan; no word string is built.
 */
function nextSpan(d: MatchDoc, ws: readonly string[], hs: readonly number[], from: number): number {
  const n = ws.length;
  if (n === 0) return from <= d.size ? from : -1; // not produced by the parser
  const first = ws[0] as string;
  const h0 = hs[0] as number;
  for (let i = d.indexOfWord(first, h0, from); i >= 0 && i + n <= d.size; i = d.indexOfWord(first, h0, i + 1)) {
    let k = 1;
    while (k < n && d.isWordAt(i + k, ws[k] as string, hs[k] as number)) k++;
    if (k === n) return i;
  }
  return -1;
}

/** A NEAR operand ready for matching: a prefix, or words with their hashes. */
type Operand = { stem: string } | { ws: readonly string[]; hs: readonly number[] };

function operand(op: NearOperand): Operand {
  if (op.kind === 'prefix') return { stem: op.stem };
  const ws = op.kind === 'term' ? [op.word] : op.words;
  return { ws, hs: ws.map(hashWord) };
}

/** [start, end] word positions (inclusive) of each occurrence of a NEAR operand. */
function occurrences(d: MatchDoc, op: Operand): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if ('stem' in op) {
    if (!d.hasPrefix(op.stem)) return out;
    const words = d.words;
    for (let i = 0; i < words.length; i++) if ((words[i] as string).startsWith(op.stem)) out.push([i, i]);
    return out;
  }
  const { ws, hs } = op;
  for (let i = nextSpan(d, ws, hs, 0); i >= 0; i = nextSpan(d, ws, hs, i + 1)) out.push([i, i + ws.length - 1]);
  return out;
}

/**
 * NEAR/n: an occurrence of each operand, not overlapping, with the later one starting at most
 * n words after the end of the earlier one ("a b" are 1 apart, "a x b" 2 apart), in either order.
 */
function near(d: MatchDoc, left: Operand, right: Operand, n: number): boolean {
  const ls = occurrences(d, left);
  if (ls.length === 0) return false;
  const rs = occurrences(d, right);
  if (rs.length === 0) return false;
  for (const [ls0, le] of ls) {
    for (const [rs0, re] of rs) {
      if (le < rs0 && rs0 - le <= n) return true;
      if (re < ls0 && ls0 - re <= n) return true;
    }
  }
  return false;
}
