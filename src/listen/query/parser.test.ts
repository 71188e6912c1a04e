import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QueryNode } from './ast.ts';
import { QueryParseError } from './errors.ts';
import { parseQuery } from './parser.ts';

/** A compact rendering of the tree, to compare structures. */
function show(n: QueryNode): string {
  switch (n.kind) {
    case 'term':
      return n.word;
    case 'phrase':
      return `"${n.words.join(' ')}"`;
    case 'prefix':
      return `${n.stem}*`;
    case 'near':
      return `near${n.distance}(${show(n.left)},${show(n.right)})`;
    case 'lang':
      return `lang:${n.code}`;
    case 'from':
      return `from:${n.handle}`;
    case 'hashtag':
      return `#${n.tag}`;
    case 'mention':
      return `@${n.handle}`;
    case 'url':
      return `url:${n.fragment}`;
    case 'not':
      return `not(${show(n.child)})`;
    case 'and':
    case 'or':
      return `${n.kind}(${n.children.map(show).join(',')})`;
  }
}

test('precedence: NOT binds tighter than AND, AND tighter than OR', () => {
  assert.equal(show(parseQuery('a OR b c')), 'or(a,and(b,c))');
  assert.equal(show(parseQuery('a b OR c')), 'or(and(a,b),c)');
  assert.equal(show(parseQuery('NOT a b')), 'and(not(a),b)');
  assert.equal(show(parseQuery('NOT a OR b')), 'or(not(a),b)');
  assert.equal(show(parseQuery('(a OR b) c')), 'and(or(a,b),c)');
  assert.equal(show(parseQuery('-a -(b OR c)')), 'and(not(a),not(or(b,c)))');
  assert.equal(show(parseQuery('a AND b AND c OR d OR e')), 'or(and(a,b,c),d,e)');
});

test('leaves: phrases, prefixes, NEAR, fields, multi-word bare terms, accents', () => {
  assert.equal(
    show(parseQuery('"Lumora Café" lumo* a NEAR/3 "b c" lang:FR from:@Lumora #ColdBrew @Lumora.bsky.social url:Lumora.com')),
    'and("lumora cafe",lumo*,near3(a,"b c"),lang:fr,from:lumora,#coldbrew,@lumora.bsky.social,url:lumora.com)',
  );
  assert.equal(show(parseQuery("l'usine")), '"l usine"');
  assert.equal(show(parseQuery('url:"https://Lumora.com/a"')), 'url:https://lumora.com/a');
  assert.equal(show(parseQuery('from:"lumora"')), 'from:lumora');
  assert.equal(show(parseQuery('urgent: rappel')), 'and(urgent,rappel)');
  assert.equal(show(parseQuery('"a"-b')), 'and("a",not(b))');
});

test('columns are 1-based and count characters, not UTF-16 units', () => {
  const n = parseQuery('🔥 lumo*');
  assert.equal(n.kind, 'and');
  if (n.kind === 'and') assert.equal((n.children[1] as { column: number }).column, 3);
});

/** [query, column, expected, message] */
const malformed: Array<[string, number, string, string]> = [
  ['', 1, 'a term', 'column 1: expected a term (the query is empty)'],
  ['   ', 1, 'a term', 'column 1: expected a term (the query is empty)'],
  ['lumora AND', 11, 'a term after "AND"', 'column 11: expected a term after "AND" (the query ends here)'],
  ['lumora OR OR cafe', 11, 'a term after "OR"', 'column 11: expected a term after "OR" (found "OR")'],
  ['OR cafe', 1, 'a term', 'column 1: expected a term before "OR"'],
  ['lumora NOT', 11, 'a term after "NOT"', 'column 11: expected a term after "NOT" (the query ends here)'],
  ['lumora (cafe OR the', 20, '")"', 'column 20: expected ")" to close the "(" at column 8'],
  ['a (b (c OR d)', 14, '")"', 'column 14: expected ")" to close the "(" at column 3'],
  ['lumora cafe)', 12, 'an operator or the end of the query', 'column 12: expected an operator or the end of the query (this ")" closes no "(")'],
  ['lumora ()', 9, 'a term after "("', 'column 9: expected a term after "(" (found ")")'],
  ['"lumora coffee', 15, 'a closing quote (")', 'column 15: expected a closing quote (") for the phrase that opens at column 1'],
  ['a ""', 4, 'a phrase with at least one word between the quotes', 'column 4: expected a phrase with at least one word between the quotes'],
  ['lumora NEAR/ rappel', 13, 'a number after NEAR/', 'column 13: expected a number after NEAR/ (for instance NEAR/3)'],
  ['lumora NEAR rappel', 12, 'a number after NEAR/', 'column 12: expected a number after NEAR/ (for instance NEAR/3)'],
  ['lumora NEAR/0 rappel', 13, 'a number from 1 to 1000 after NEAR/', 'column 13: expected a number from 1 to 1000 after NEAR/ (got 0)'],
  ['lumora NEAR/2 (a OR b)', 15, 'a word, prefix or phrase after NEAR/2', 'column 15: expected a word, prefix or phrase after NEAR/2 (found "(")'],
  ['a NEAR/2 b NEAR/2 c', 12, 'a word, prefix or phrase before NEAR/2', 'column 12: expected a word, prefix or phrase before NEAR/2 (NEAR links two words, prefixes or phrases; it cannot follow a group, a field or another NEAR)'],
  ['url:"lumora.com/a b"', 6, 'a domain after "url:" (for instance url:example.com)', 'column 6: expected a domain after "url:" (for instance url:example.com) (a URL has no spaces)'],
  ['lumora lang:', 13, 'a language code after "lang:" (for instance lang:fr)', 'column 13: expected a language code after "lang:" (for instance lang:fr)'],
  ['lang:français', 6, 'a language code after "lang:" (for instance lang:fr)', 'column 6: expected a language code after "lang:" (for instance lang:fr) (got "français")'],
  ['from: lumora', 6, 'a handle after "from:" (for instance from:lumora)', 'column 6: expected a handle after "from:" (for instance from:lumora)'],
  ['url:""', 6, 'a domain after "url:" (for instance url:example.com)', 'column 6: expected a domain after "url:" (for instance url:example.com)'],
  ['# lumora', 2, 'a hashtag name (letters, digits or "_") after "#"', 'column 2: expected a hashtag name (letters, digits or "_") after "#"'],
  ['@ lumora', 2, 'a handle (letters, digits, "_", "." or "-") after "@"', 'column 2: expected a handle (letters, digits, "_", "." or "-") after "@"'],
  ['lu*ra', 3, 'a wildcard "*" only at the end of a word', 'column 3: expected a wildcard "*" only at the end of a word (as in lumo*)'],
  ["l'usi*", 1, 'a single word before "*"', 'column 1: expected a single word before "*" (as in lumo*)'],
  ['lumora - promo', 9, 'a term right after "-"', 'column 9: expected a term right after "-" (write "-word" to exclude a word)'],
  ['!!!', 1, 'a term with letters, digits or emoji', 'column 1: expected a term with letters, digits or emoji (got "!!!")'],
  ['is:retweet lumora', 1, 'lang:, from: or url:', 'column 1: expected lang:, from: or url: (unknown operator "is:"; quote it to search the text: "is:retweet")'],
  ['🔥 AND', 6, 'a term after "AND"', 'column 6: expected a term after "AND" (the query ends here)'],
];

for (const [query, column, expected, message] of malformed) {
  test(`parse error: ${JSON.stringify(query)}`, () => {
    assert.throws(
      () => parseQuery(query),
      (err: unknown) => {
        assert.ok(err instanceof QueryParseError, `a QueryParseError, got ${String(err)}`);
        assert.ok(err instanceof Error);
        assert.equal(err.message, message);
        assert.equal(err.column, column);
        assert.equal(err.expected, expected);
        return true;
      },
    );
  });
}
