import type { NearOperand, QueryNode } from './ast.ts';
import type { MatchDoc } from './doc.ts';
import { parseQuery } from './parser.ts';

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
      return (d) => d.wordSet.has(w);
    }
    case 'phrase': {
      const ws = node.words;
      const only = ws[0];
      if (ws.length === 1 && only !== undefined) return (d) => d.wordSet.has(only);
      return (d) => firstSpan(d, ws) >= 0;
    }
    case 'prefix': {
      const stem = node.stem;
      return (d) => d.hasPrefix(stem);
    }
    case 'near': {
      const { left, right, distance } = node;
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

/** Index of the first occurrence of consecutive words, or -1. */
function firstSpan(d: MatchDoc, ws: readonly string[]): number {
  for (const w of ws) if (!d.wordSet.has(w)) return -1;
  const spans = spansOf(d, ws);
  return spans.length > 0 ? (spans[0] as number) : -1;
}

/** Start positions where the words occur consecutively. */
function spansOf(d: MatchDoc, ws: readonly string[]): number[] {
  const out: number[] = [];
  const n = ws.length;
  const words = d.words;
  for (let i = 0; i + n <= words.length; i++) {
    let k = 0;
    while (k < n && words[i + k] === ws[k]) k++;
    if (k === n) out.push(i);
  }
  return out;
}

/** [start, end] word positions (inclusive) of each occurrence of a NEAR operand. */
function occurrences(d: MatchDoc, op: NearOperand): Array<[number, number]> {
  const words = d.words;
  if (op.kind === 'term') {
    if (!d.wordSet.has(op.word)) return [];
    const out: Array<[number, number]> = [];
    for (let i = 0; i < words.length; i++) if (words[i] === op.word) out.push([i, i]);
    return out;
  }
  if (op.kind === 'prefix') {
    if (!d.hasPrefix(op.stem)) return [];
    const out: Array<[number, number]> = [];
    for (let i = 0; i < words.length; i++) if ((words[i] as string).startsWith(op.stem)) out.push([i, i]);
    return out;
  }
  for (const w of op.words) if (!d.wordSet.has(w)) return [];
  const len = op.words.length;
  return spansOf(d, op.words).map((s): [number, number] => [s, s + len - 1]);
}

/**
 * NEAR/n: an occurrence of each operand, not overlapping, with the later one starting at most
 * n words after the end of the earlier one ("a b" are 1 apart, "a x b" 2 apart), in either order.
 */
function near(d: MatchDoc, left: NearOperand, right: NearOperand, n: number): boolean {
  const ls = occurrences(d, left);
  if (ls.length === 0) return false;
  const rs = occurrences(d, right);
  for (const [ls0, le] of ls) {
    for (const [rs0, re] of rs) {
      if (le < rs0 && rs0 - le <= n) return true;
      if (re < ls0 && ls0 - re <= n) return true;
    }
  }
  return false;
}
