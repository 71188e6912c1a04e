import type { NearOperand, QueryNode } from './ast.ts';
import { QueryParseError } from './errors.ts';
import { lex, type Token } from './lexer.ts';

/**
 * Parses a listening query. Grammar (precedence NOT > AND > OR; adjacent terms are ANDed):
 *
 *   or      := and ("OR" and)*
 *   and     := unary (["AND"] unary)*
 *   unary   := ("NOT" | "-") unary | primary
 *   primary := "(" or ")" | operand ("NEAR/n" operand)? | field
 *   operand := word | word* | "phrase"
 *   field   := lang:code | from:handle | url:domain | #tag | @handle
 *
 * Throws a QueryParseError naming the column and what was expected there.
 */
export function parseQuery(text: string): QueryNode {
  const parser = new Parser(lex(text));
  const first = parser.peek();
  if (first.type === 'eof') throw new QueryParseError(1, 'a term', '(the query is empty)');
  if (!startsUnary(first)) throw new QueryParseError(first.column, 'a term', `before "${first.text}"`);
  const node = parser.parseOr();
  const rest = parser.peek();
  if (rest.type !== 'eof') {
    throw new QueryParseError(rest.column, 'an operator or the end of the query', `(this "${rest.text}" closes no "(")`);
  }
  return node;
}

function startsUnary(t: Token): boolean {
  return t.type === 'lparen' || t.type === 'leaf' || t.type === 'not' || t.type === 'minus';
}

function isOperand(node: QueryNode): node is NearOperand {
  return node.kind === 'term' || node.kind === 'phrase' || node.kind === 'prefix';
}

class Parser {
  private readonly tokens: readonly Token[];
  private at = 0;

  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
  }

  peek(): Token {
    // The lexer always ends with an eof token, and the parser never moves past it.
    return this.tokens[Math.min(this.at, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.at++;
    return t;
  }

  /** Consumes an operator and checks that a term follows it. */
  private operator(): Token {
    const op = this.next();
    const t = this.peek();
    if (!startsUnary(t)) {
      const what = op.type === 'lparen' ? 'a term after "("' : `a term after "${op.text}"`;
      throw new QueryParseError(t.column, what, t.type === 'eof' ? '(the query ends here)' : `(found "${t.text}")`);
    }
    return op;
  }

  parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek().type === 'or') {
      this.operator();
      children.push(this.parseAnd());
    }
    return group('or', children);
  }

  private parseAnd(): QueryNode {
    const children = [this.parseUnary()];
    for (;;) {
      const t = this.peek();
      if (t.type === 'and') {
        this.operator();
        children.push(this.parseUnary());
      } else if (startsUnary(t)) {
        children.push(this.parseUnary());
      } else if (t.type === 'near') {
        throw new QueryParseError(
          t.column,
          `a word, prefix or phrase before ${t.text}`,
          '(NEAR links two words, prefixes or phrases; it cannot follow a group, a field or another NEAR)',
        );
      } else {
        return group('and', children);
      }
    }
  }

  private parseUnary(): QueryNode {
    const t = this.peek();
    if (t.type === 'not' || t.type === 'minus') {
      this.operator();
      return { kind: 'not', child: this.parseUnary(), column: t.column };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const t = this.next();
    if (t.type === 'lparen') {
      this.at--;
      this.operator();
      const inner = this.parseOr();
      const close = this.peek();
      if (close.type !== 'rparen') {
        throw new QueryParseError(close.column, '")"', `to close the "(" at column ${t.column}`);
      }
      this.next();
      return inner;
    }
    if (t.type !== 'leaf') {
      // Unreachable: callers check startsUnary first.
      throw new QueryParseError(t.column, 'a term', `(found "${t.text}")`);
    }
    const near = this.peek();
    if (near.type !== 'near' || !isOperand(t.node)) return t.node;
    this.next();
    const right = this.peek();
    if (right.type !== 'leaf' || !isOperand(right.node)) {
      throw new QueryParseError(
        right.column,
        `a word, prefix or phrase after ${near.text}`,
        right.type === 'eof' ? '(the query ends here)' : `(found "${right.text}")`,
      );
    }
    this.next();
    return { kind: 'near', left: t.node, right: right.node, distance: near.distance, column: near.column };
  }
}

function group(kind: 'and' | 'or', children: QueryNode[]): QueryNode {
  const flat: QueryNode[] = [];
  for (const c of children) {
    if (c.kind === kind) flat.push(...c.children);
    else flat.push(c);
  }
  const only = flat[0];
  return flat.length === 1 && only !== undefined ? only : { kind, children: flat };
}
