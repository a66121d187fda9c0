// Calico's selector behaviour: a selector whose label restrictions conflict (a label required to be both present
// and absent, or left with no allowed value) can never match; every other selector here can.
// Rows from libcalico-go/lib/selector/parser/label_restriction_test.go, projectcalico/calico release v3.32.1 (commit 0ca9d1b93644778cafdf1812f3dda02ac0c361e8): a selector
// "can never match" where Calico's label restrictions for it are impossible.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseSelector, findContradiction } from '../../../server/src/selector/index';

/** [selector, can never match]. */
const cases: [string, boolean][] = [
  ['', false],
  ['all()', false],
  ['global()', false],
  ["a == 'value'", false],
  ['has(a)', false],
  ["a in {'v1','v2'}", false],
  ["a not in {'v1','v2'}", false],
  ["a contains 'foo'", false],
  ["a ends with 'foo'", false],
  ["a starts with 'foo'", false],
  ["a != 'value'", false],
  ["a == 'v1' && a == 'v1'", false],
  ["a == 'v1' && a == 'v2'", true],
  ["a == 'v1' && has(a)", false],
  ["a in {'v1','v2'} && a in {'v2','v3'} ", false],
  ["a in {'v1','v2', 'v3'} && a in {'v2','v3'} ", false],
  ["has(a) && a == 'v1'", false],
  ['has(a) && !has(a)', true],
  ["a == 'v1' && b == 'v2'", false],
  ["a == 'v1' && all()", false],
  ["all() && a == 'v1'", false],
  ["a == 'v1' || a == 'v2'", false],
  ["has(a) || a == 'v2'", false],
  ["a=='v2' || has(a)", false],
  ["a=='v2' || has(b)", false],
  ["a=='v2' || (has(b) && has(a))", false],
  ["a == 'v1' || b == 'v2'", false],
  ["a == 'v1' || all()", false],
  ["all() || b == 'v2'", false],
  ["!(a == 'value')", false],
  ['!has(a)', false],
  ['!!has(a)', false],
];

function neverMatches(text: string): boolean {
  const result = parseSelector(text);
  assert.ok(result.ok, `${JSON.stringify(text)} should parse`);
  return findContradiction(result.ast) !== undefined;
}

describe("Calico's selector behaviour: impossible selectors", () => {
  for (const [selector, impossible] of cases) {
    test(`${JSON.stringify(selector)} ${impossible ? 'can never match' : 'can match'}`, () => {
      assert.equal(neverMatches(selector), impossible);
      // Prefixing `all() &&` changes nothing.
      if (selector !== '') assert.equal(neverMatches(`all() && (${selector})`), impossible);
    });
  }
});
