import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QueryParseError, XRuleError } from './errors.ts';
import { toXRule } from './x-rule.ts';

test('compiles to X filtered-stream rule syntax', () => {
  const cases: Array<[string, string]> = [
    ['lumora', 'lumora'],
    ['lumora AND rappel', 'lumora rappel'],
    ['lumora OR "lumora coffee"', 'lumora OR "lumora coffee"'],
    ['(@LumoraCoffee OR "lumora coffee" OR #LumoraColdBrew OR url:lumoracoffee.com) -from:LumoraCoffee',
      '(@LumoraCoffee OR "lumora coffee" OR #LumoraColdBrew OR url:"lumoracoffee.com") -from:LumoraCoffee'],
    ['("cold brew" OR can) (lumora OR @LumoraCoffee) (bulging OR recall) lang:en',
      '("cold brew" OR can) (lumora OR @LumoraCoffee) (bulging OR recall) lang:en'],
    ['a OR b c', 'a OR (b c)'],
    ['a b OR c', '(a b) OR c'],
    ['lumora NOT promo', 'lumora -promo'],
    ['lumora NOT (promo OR concours)', 'lumora -(promo OR concours)'],
    ['lumora NOT NOT (b OR c)', 'lumora (b OR c)'],
    ['lumora -(a b)', 'lumora -(a b)'],
    ['from:@lumora lumora', 'from:lumora lumora'],
    ["l'usine Lumora", `"l'usine" Lumora`],
    ['Café coca-cola', 'Café "coca-cola"'],
    ['🔥 lumora', '🔥 lumora'],
    ['((a))', 'a'],
  ];
  for (const [query, rule] of cases) assert.equal(toXRule(query), rule, query);
});

test('terms keep their accents as written (X does not fold them like Vigie)', () => {
  assert.equal(toXRule('(café OR cafe) "crème brûlée"'), '(café OR cafe) "crème brûlée"');
});

function xError(query: string, pattern: RegExp): void {
  assert.throws(
    () => toXRule(query),
    (err: unknown) => {
      assert.ok(err instanceof XRuleError, `an XRuleError, got ${String(err)}`);
      assert.match(err.message, pattern);
      return true;
    },
  );
}

test('prefix wildcards and NEAR are refused, naming the operator and its column', () => {
  xError('lumora rapp*', /prefix wildcard: "rapp\*" at column 8/);
  xError('lumora NEAR/3 rappel', /do not support NEAR.*"NEAR\/3" at column 8/);
  xError('a -(b OR lumo*)', /"lumo\*" at column 10/);
});

test('rules made only of negations, or of lang: alone, are refused', () => {
  xError('-lumora', /positive term/);
  xError('NOT lumora NOT cafe', /positive term/);
  xError('lang:fr', /lang: cannot stand alone/);
  xError('lang:fr -spam', /positive term/);
  xError('lumora OR -cafe', /every OR branch/);
  assert.equal(toXRule('lumora lang:fr'), 'lumora lang:fr');
});

test('a rule over the length limit is refused with its length and the limit', () => {
  const long = Array.from({ length: 120 }, (_, i) => `mot${i}`).join(' OR ');
  assert.ok(long.length > 1024);
  xError(long, new RegExp(`is ${long.length.toLocaleString('en')} characters long and X accepts at most 1,024`));
  assert.equal(toXRule(long, { maxLength: 2048 }), long);
  assert.throws(() => toXRule('lumora rappel', { maxLength: 10 }), /is 13 characters long and X accepts at most 10/);
});

test('a query that does not parse throws the parse error', () => {
  assert.throws(() => toXRule('(lumora'), QueryParseError);
});
