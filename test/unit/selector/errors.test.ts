// Invalid selectors (reference §6, §10): each gets a named error at the exact characters to underline.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSelector, validateSelector, type SelectorErrorCode } from '../../../server/src/selector/index';

/** [selector, error code, offset, length]. Offsets count UTF-16 units from the start of the selector. */
const invalidSelectors: [string, SelectorErrorCode, number, number][] = [
  // The right side of a comparison must be a quoted string.
  ['a == b', 'expected-string', 5, 1],
  ['a == 5', 'expected-string', 5, 1],
  ['a != bee', 'expected-string', 5, 3],
  ['a contains x', 'expected-string', 11, 1],
  ['a starts with {"x"}', 'expected-string', 14, 1],
  ['a ==', 'expected-string', 4, 0],
  ['a == ', 'expected-string', 5, 0],
  ['a == has(b)', 'expected-string', 5, 3],
  ['a == (b)', 'expected-string', 5, 1],
  // The left side must be a label.
  ['"x" == a', 'expected-label', 0, 3],
  ["'x' == \"a\"", 'expected-label', 0, 3],
  ['== "x"', 'expected-label', 0, 2],
  ['!= "x"', 'expected-label', 0, 2],
  ['has()', 'expected-label', 4, 1],
  ['has( )', 'expected-label', 5, 1],
  ['has("a")', 'expected-label', 4, 3],
  ['has(', 'expected-label', 4, 0],
  ['has(!a)', 'expected-label', 4, 1],
  // A label must be followed by an operator (lower-case, whole words).
  ['a', 'expected-operator', 1, 0],
  ['app', 'expected-operator', 3, 0],
  ['!a', 'expected-operator', 2, 0],
  ['a b', 'expected-operator', 2, 1],
  ['a inf "x"', 'expected-operator', 2, 3],
  ['a in_ {"x"}', 'expected-operator', 2, 3],
  ['a ends withs "x"', 'expected-operator', 2, 4],
  ['a startswithx "x"', 'expected-operator', 2, 11],
  ['a starts wit "x"', 'expected-operator', 2, 6],
  ['a starts "x"', 'expected-operator', 2, 6],
  ['a not "x"', 'expected-operator', 2, 3],
  ['a not {"x"}', 'expected-operator', 2, 3],
  ['a notin- {"x"}', 'expected-operator', 2, 6],
  ['a IN {"x"}', 'expected-operator', 2, 2],
  ['a In {"x"}', 'expected-operator', 2, 2],
  ['a Contains "x"', 'expected-operator', 2, 8],
  ['a STARTS WITH "x"', 'expected-operator', 2, 6],
  ['a eq "x"', 'expected-operator', 2, 2],
  ['a has(b)', 'expected-operator', 2, 3],
  ['a !has(b)', 'expected-operator', 2, 1],
  ['a "x"', 'expected-operator', 2, 3],
  ['a {"x"}', 'expected-operator', 2, 1],
  ['a && b == "x"', 'expected-operator', 2, 2],
  ['a)', 'expected-operator', 1, 1],
  ['in {"x"}', 'expected-operator', 3, 1],
  ['ends with "x"', 'expected-operator', 5, 4],
  // `has(`, `all(` and `global(` must touch their parenthesis.
  ['has (a)', 'space-before-paren', 3, 1],
  ['has\t(a)', 'space-before-paren', 3, 1],
  ['has  (a)', 'space-before-paren', 3, 2],
  ['all ()', 'space-before-paren', 3, 1],
  ['all  ()', 'space-before-paren', 3, 2],
  ['global ()', 'space-before-paren', 6, 1],
  ['!has (a)', 'space-before-paren', 4, 1],
  ['a == "x" && has (b)', 'space-before-paren', 15, 1],
  // Sets.
  ['a in "x"', 'expected-set', 5, 3],
  ['a not in "x"', 'expected-set', 9, 3],
  ['a in ("x")', 'expected-set', 5, 1],
  ['a in', 'expected-set', 4, 0],
  ['a notin x', 'expected-set', 8, 1],
  ['a in {"x" "y"}', 'expected-set-item', 10, 3],
  ['a in {"x",,}', 'expected-set-item', 10, 1],
  ['a in {,}', 'expected-set-item', 6, 1],
  ['a in {,"x"}', 'expected-set-item', 6, 1],
  ['a in {x}', 'expected-set-item', 6, 1],
  ['a in {"x"', 'expected-set-item', 9, 0],
  ['a in {"x",', 'expected-set-item', 10, 0],
  ['a in {', 'expected-set-item', 6, 0],
  ['a in {"x")', 'expected-set-item', 9, 1],
  ['a in {{"x"}}', 'expected-set-item', 6, 1],
  // Parentheses.
  ['has(a', 'expected-close-paren', 5, 0],
  ['has(a b)', 'expected-close-paren', 6, 1],
  ['has(a,b)', 'expected-close-paren', 5, 1],
  ['has(a in {})', 'expected-close-paren', 6, 2],
  ['all(a)', 'expected-close-paren', 4, 1],
  ['all(', 'expected-close-paren', 4, 0],
  ['global(x)', 'expected-close-paren', 7, 1],
  ['global("x")', 'expected-close-paren', 7, 3],
  ['(a == "x"', 'expected-close-paren', 0, 1],
  ['((a == "x")', 'expected-close-paren', 0, 1],
  ['has(a) && (b == "x"', 'expected-close-paren', 10, 1],
  ['(a == "x" b', 'expected-close-paren', 10, 1],
  ['(a == "x"}', 'expected-close-paren', 9, 1],
  // Where an expression must start.
  ['a == "x" &&', 'expected-expression', 11, 0],
  ['a == "x" && ', 'expected-expression', 12, 0],
  ['a == "x" ||', 'expected-expression', 11, 0],
  ['&& a == "x"', 'expected-expression', 0, 2],
  ['|| a == "x"', 'expected-expression', 0, 2],
  ['a == "x" || || b == "y"', 'expected-expression', 12, 2],
  ['a == "x" && && b == "y"', 'expected-expression', 12, 2],
  ['a == "x" && || b == "y"', 'expected-expression', 12, 2],
  ['!', 'expected-expression', 1, 0],
  ['!!', 'expected-expression', 2, 0],
  ['! && a == "x"', 'expected-expression', 2, 2],
  ['()', 'expected-expression', 1, 1],
  [')', 'expected-expression', 0, 1],
  ['{', 'expected-expression', 0, 1],
  ['}', 'expected-expression', 0, 1],
  [',', 'expected-expression', 0, 1],
  ['(', 'expected-expression', 1, 0],
  // Leftovers after a complete expression.
  ['a == "x")', 'unexpected-token', 8, 1],
  ['a == "x" b == "y"', 'unexpected-token', 9, 1],
  ['a == "x" AND b == "y"', 'unexpected-token', 9, 3],
  ['a == "x" and b == "y"', 'unexpected-token', 9, 3],
  ['a == "x" or b == "y"', 'unexpected-token', 9, 2],
  ['a == "x" OR b == "y"', 'unexpected-token', 9, 2],
  ['a == "x" "y"', 'unexpected-token', 9, 3],
  ['a == "x" !b == "y"', 'unexpected-token', 9, 1],
  ['has(a) == "x"', 'unexpected-token', 7, 2],
  ['has(a) in {}', 'unexpected-token', 7, 2],
  ['a == "x" in {}', 'unexpected-token', 9, 2],
  ['all() all()', 'unexpected-token', 6, 3],
  ['a == "x",', 'unexpected-token', 8, 1],
  ['a == "x" }', 'unexpected-token', 9, 1],
  ['(a == "x"))', 'unexpected-token', 10, 1],
  // Characters that start no token.
  ['a = "x"', 'unexpected-character', 2, 1],
  ['a =="x" && b = "y"', 'unexpected-character', 13, 1],
  ['a == "x" & b == "y"', 'unexpected-character', 9, 1],
  ['a == "x" | b == "y"', 'unexpected-character', 9, 1],
  ['a & b', 'unexpected-character', 2, 1],
  ['a == "x" @', 'unexpected-character', 9, 1],
  ['a:b == "x"', 'unexpected-character', 1, 1],
  ['a@b == "x"', 'unexpected-character', 1, 1],
  ['app.kubernetes.io/name+x == "y"', 'unexpected-character', 22, 1],
  ['ä == "x"', 'unexpected-character', 0, 1],
  ['😀 == "x"', 'unexpected-character', 0, 2],
  ['a == "x" && b# == "y"', 'unexpected-character', 13, 1],
  ['a < "x"', 'unexpected-character', 2, 1],
  ['a ~= "x"', 'unexpected-character', 2, 1],
  ['`a` == "x"', 'unexpected-character', 0, 1],
  ['a == "x"; b == "y"', 'unexpected-character', 8, 1],
  ['[a] == "x"', 'unexpected-character', 0, 1],
  // Only space and tab separate tokens (a YAML block scalar's trailing newline breaks a selector).
  ['a == "x"\n', 'illegal-whitespace', 8, 1],
  ['a == "x"\r\n', 'illegal-whitespace', 8, 1],
  ['\na == "x"', 'illegal-whitespace', 0, 1],
  ['a ==\n"x"', 'illegal-whitespace', 4, 1],
  ['a == "x" &&\nb == "y"', 'illegal-whitespace', 11, 1],
  ['a\u00a0== "x"', 'illegal-whitespace', 1, 1],
  ['a\v== "x"', 'illegal-whitespace', 1, 1],
  ['a\f== "x"', 'illegal-whitespace', 1, 1],
  ['a ==\u2028"x"', 'illegal-whitespace', 4, 1],
  ['\n', 'illegal-whitespace', 0, 1],
  ['has(a)\n', 'illegal-whitespace', 6, 1],
  // Strings end at the next identical quote and must end.
  ['a == "x', 'unterminated-string', 5, 2],
  ["a == 'x", 'unterminated-string', 5, 2],
  ['a == "x\'', 'unterminated-string', 5, 3],
  ["a == 'x\"", 'unterminated-string', 5, 3],
  ['a == "', 'unterminated-string', 5, 1],
  ['a in {"x", "y}', 'unterminated-string', 11, 3],
  ['a == "x" && b == "y', 'unterminated-string', 17, 2],
  // Calico's 512-character cap on label keys.
  [`${'x'.repeat(513)} == "v"`, 'label-too-long', 0, 513],
  [`has(${'x'.repeat(600)})`, 'label-too-long', 4, 600],
  [`a == "x" && ${'y'.repeat(513)} in {}`, 'label-too-long', 12, 513],
  // The first real error wins, whichever stage finds it.
  ['a == b @', 'expected-string', 5, 1],
  ['a == "x" && b @ c', 'unexpected-character', 14, 1],
  ['(a == "x" @)', 'unexpected-character', 10, 1],
  ['a b @', 'expected-operator', 2, 1],
  ['@ a b', 'unexpected-character', 0, 1],
  ['a == "x"\n && b', 'illegal-whitespace', 8, 1],
  ['a == b\n', 'expected-string', 5, 1],
  ['"x" == "y', 'expected-label', 0, 3],
];

describe('selector errors: code, offset and length', () => {
  for (const [input, code, offset, length] of invalidSelectors) {
    test(`${JSON.stringify(input).slice(0, 70)} → ${code} at ${offset}+${length}`, () => {
      const result = parseSelector(input);
      assert.ok(!result.ok, 'expected the selector to be rejected');
      assert.deepEqual(
        { code: result.error.code, offset: result.error.offset, length: result.error.length },
        { code, offset, length },
        result.error.message,
      );
      assert.ok(result.error.message.length > 10);
      assert.deepEqual(validateSelector(input), result.error);
    });
  }
});

describe('selector error messages a person understands', () => {
  const cases: [string, RegExp][] = [
    ['a == b', /^expected a quoted value after '==', found `b`$/],
    ['a != 5', /quoted value after '!='.*`5`/],
    ['a contains x', /quoted value after 'contains'/],
    ['a b', /expected an operator.*after label `a`.*found `b`/],
    ['a IN {"x"}', /found `IN`/],
    ['has (a)', /`has` must be followed directly by `\(`/],
    ['a in "x"', /expected a set.*after 'in'/],
    ['a in {"x" "y"}', /`,` or `}`/],
    ['has()', /label key inside `has\(`/],
    ['(a == "x"', /`\(` is never closed/],
    ['a == "x" &&', /after `&&`.*ends here/],
    ['a == "x" AND b == "y"', /`AND` is not a selector operator; use `&&`/],
    ['a == "x" or b == "y"', /`or` is not a selector operator; use `\|\|`/],
    ['a == "x")', /`\)` with no matching `\(`/],
    ['a = "x"', /single `=`.*use `==`/],
    ['a == "x" & b', /single `&`.*use `&&`/],
    ['a == "x" | b', /single `\|`.*use `\|\|`/],
    ['a == "x"\n', /newline is not allowed/],
    ['a == "x', /no closing "/],
    [`${'x'.repeat(513)} == "v"`, /513 characters.*at most 512/],
    ['a@b == "x"', /unexpected character `@`/],
    ['"x" == a', /must start with a label key/],
  ];
  for (const [input, pattern] of cases) {
    test(`${JSON.stringify(input).slice(0, 60)} says ${pattern}`, () => {
      const result = parseSelector(input);
      assert.ok(!result.ok);
      assert.match(result.error.message, pattern);
    });
  }
});

describe('parseSelector never throws', () => {
  const odd: unknown[] = [undefined, null, 42, {}, '\u0000', '\uD800', '"'.repeat(1000), '('.repeat(5000), '!'.repeat(10000)];
  for (const input of odd) {
    test(`survives ${typeof input === 'string' ? JSON.stringify(input).slice(0, 20) : String(input)}`, () => {
      const result = parseSelector(input as string);
      assert.equal(typeof result.ok, 'boolean');
    });
  }
});
