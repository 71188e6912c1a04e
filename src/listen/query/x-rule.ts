import type { QueryNode } from './ast.ts';
import { XRuleError } from './errors.ts';
import { parseQuery } from './parser.ts';

/** X's rule length limit for filtered-stream rules at the Pro level. */
export const X_RULE_MAX_LENGTH = 1024;

export interface XRuleOptions {
  /** Longest rule accepted (X's limit depends on the access level). */
  maxLength?: number;
}

/**
 * Compiles a listening query to an X API v2 filtered-stream rule: space is AND, `OR`, `-` for
 * negation, `"phrases"`, parentheses, `lang:`, `from:`, `#tag`, `@handle`, `url:"…"`.
 *
 * Accents: X does not fold accents the way the in-process matcher does, and its documentation
 * does not say how it treats them, so nothing is guessed: every term is emitted exactly as the
 * user wrote it. A user who wants "café" and "cafe" on X writes `(café OR cafe)`; the in-process
 * matcher, which folds, then behaves the same.
 *
 * Refused with an XRuleError: prefix wildcards and NEAR (X has neither; its proximity operator
 * is Enterprise-only), rules with no positive term (X refuses rules made only of negations, and
 * `lang:` cannot stand alone), and rules longer than the limit.
 */
export function toXRule(text: string, options: XRuleOptions = {}): string {
  const max = options.maxLength ?? X_RULE_MAX_LENGTH;
  const ast = parseQuery(text);
  refuseUnsupported(ast);
  if (!positive(ast)) {
    throw new XRuleError(
      'an X rule needs a positive term (a word, "phrase", #tag, @handle, from: or url:) in every OR branch: ' +
        'X refuses rules made only of negations, and lang: cannot stand alone',
    );
  }
  const rule = emit(ast);
  const length = [...rule].length;
  if (length > max) {
    throw new XRuleError(
      `the X rule is ${length.toLocaleString('en')} characters long and X accepts at most ${max.toLocaleString('en')}: split the query into several rules`,
    );
  }
  return rule;
}

function refuseUnsupported(node: QueryNode): void {
  switch (node.kind) {
    case 'prefix':
      throw new XRuleError(
        `X rules have no prefix wildcard: "${node.raw}" at column ${node.column} cannot be compiled (list the words instead, joined with OR)`,
      );
    case 'near':
      throw new XRuleError(
        `X rules do not support NEAR (X's proximity operator is Enterprise-only): "NEAR/${node.distance}" at column ${node.column} cannot be compiled (use a phrase or plain AND)`,
      );
    case 'not':
      refuseUnsupported(node.child);
      return;
    case 'and':
    case 'or':
      for (const c of node.children) refuseUnsupported(c);
      return;
    default:
      return;
  }
}

/** True when the node can match on its own on X (it contains a standalone, non-negated operator). */
function positive(node: QueryNode): boolean {
  node = unwrap(node);
  switch (node.kind) {
    case 'not':
      return false;
    case 'lang':
      return false;
    case 'and':
      return node.children.some(positive);
    case 'or':
      return node.children.every(positive);
    default:
      return true;
  }
}

const PLAIN = /^[\p{L}\p{N}\p{M}_\p{Extended_Pictographic}\u200d]+$/u;

function emit(node: QueryNode): string {
  node = unwrap(node);
  switch (node.kind) {
    case 'term':
      return PLAIN.test(node.raw) ? node.raw : `"${node.raw}"`;
    case 'phrase':
      return `"${node.raw.trim()}"`;
    case 'lang':
      return `lang:${node.code}`;
    case 'from':
      return `from:${node.raw.startsWith('@') ? node.raw.slice(1) : node.raw}`;
    case 'hashtag':
    case 'mention':
      return node.raw;
    case 'url':
      return `url:"${node.raw}"`;
    case 'not':
      return `-${grouped(node.child, 'not')}`;
    case 'and':
      return node.children.map((c) => grouped(c, 'and')).join(' ');
    case 'or':
      return node.children.map((c) => grouped(c, 'or')).join(' OR ');
    case 'prefix':
    case 'near':
      // Refused before emitting (refuseUnsupported).
      throw new XRuleError(`unsupported operator at column ${node.column}`);
  }
}

/** NOT NOT x is x. */
function unwrap(node: QueryNode): QueryNode {
  while (node.kind === 'not' && node.child.kind === 'not') node = node.child.child;
  return node;
}

/** Emits a child, in parentheses when its parent binds tighter than it. */
function grouped(node: QueryNode, parent: 'and' | 'or' | 'not'): string {
  node = unwrap(node);
  const s = emit(node);
  const needs = node.kind === 'or' ? parent !== 'or' : node.kind === 'and' ? parent !== 'and' : false;
  return needs ? `(${s})` : s;
}
