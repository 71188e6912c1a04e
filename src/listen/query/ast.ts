/**
 * The syntax tree of a listening query. Leaves keep the text as written (`raw`, used for X
 * rules) and the folded form used for matching. `column` is 1-based, in characters (code points).
 */

/** A single word (`lumora`). */
export interface TermNode {
  kind: 'term';
  word: string;
  raw: string;
  column: number;
}

/** Consecutive words: `"lumora coffee"`, or a bare term that spans several words (`l'usine`). */
export interface PhraseNode {
  kind: 'phrase';
  words: readonly string[];
  raw: string;
  /** True when written between quotes, false for a bare multi-word term such as `coca-cola`. */
  quoted: boolean;
  column: number;
}

/** `lumo*`: any word that starts with the stem. */
export interface PrefixNode {
  kind: 'prefix';
  stem: string;
  raw: string;
  column: number;
}

export type NearOperand = TermNode | PhraseNode | PrefixNode;

/** `a NEAR/n b`: the operands occur at most n words apart, in either order. */
export interface NearNode {
  kind: 'near';
  left: NearOperand;
  right: NearOperand;
  distance: number;
  column: number;
}

export interface LangNode {
  kind: 'lang';
  code: string;
  column: number;
}

export interface FromNode {
  kind: 'from';
  handle: string;
  raw: string;
  column: number;
}

export interface HashtagNode {
  kind: 'hashtag';
  tag: string;
  raw: string;
  column: number;
}

export interface MentionNode {
  kind: 'mention';
  handle: string;
  raw: string;
  column: number;
}

export interface UrlNode {
  kind: 'url';
  fragment: string;
  raw: string;
  column: number;
}

export interface NotNode {
  kind: 'not';
  child: QueryNode;
  column: number;
}

export interface AndNode {
  kind: 'and';
  children: readonly QueryNode[];
}

export interface OrNode {
  kind: 'or';
  children: readonly QueryNode[];
}

export type QueryNode =
  | TermNode
  | PhraseNode
  | PrefixNode
  | NearNode
  | LangNode
  | FromNode
  | HashtagNode
  | MentionNode
  | UrlNode
  | NotNode
  | AndNode
  | OrNode;
