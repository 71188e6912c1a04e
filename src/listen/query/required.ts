import type { QueryNode } from './ast.ts';
import { words } from './tokenize.ts';

/**
 * The keys a post must contain at least one of for the query to be able to match: folded words
 * (looked up in the post's word set) and `from:<handle>` keys (looked up against the author).
 * Null when no such set exists (a query that can match without any particular word, such as
 * `NOT spam`, `lang:fr` or `lumo*`): that query is evaluated on every post.
 *
 * Sound by construction: a term needs its word; a phrase, a #tag or an @handle need each of
 * their words (the post's word list includes hashtag and handle bodies); AND needs what any one
 * child needs; OR needs what some child needs.
 */
export function requiredKeys(node: QueryNode): ReadonlySet<string> | null {
  switch (node.kind) {
    case 'term':
      return new Set([node.word]);
    case 'phrase':
      return new Set([longest(node.words)]);
    case 'hashtag':
      return new Set([node.tag]);
    case 'mention':
      return new Set([longest(words(node.handle))]);
    case 'from':
      return new Set([fromKey(node.handle)]);
    case 'near':
      return requiredKeys(node.left) ?? requiredKeys(node.right);
    case 'and': {
      let best: ReadonlySet<string> | null = null;
      for (const c of node.children) {
        const k = requiredKeys(c);
        if (k !== null && (best === null || k.size < best.size)) best = k;
      }
      return best;
    }
    case 'or': {
      const all = new Set<string>();
      for (const c of node.children) {
        const k = requiredKeys(c);
        if (k === null) return null;
        for (const key of k) all.add(key);
      }
      return all;
    }
    case 'prefix':
    case 'lang':
    case 'url':
    case 'not':
      return null;
  }
}

/** Words never contain ":", so these keys cannot collide with a word. */
export function fromKey(handle: string): string {
  return `from:${handle}`;
}

function longest(ws: readonly string[]): string {
  let best = '';
  for (const w of ws) if (w.length > best.length) best = w;
  return best;
}
