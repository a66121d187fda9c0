// Evaluation with Calico's semantics (reference §6.3 and pitfalls 1 and 3 of §10).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSelector, evaluateSelector } from '../../../server/src/selector/index';

/** [selector, labels, matches]. */
const rows: [string, Record<string, string>, boolean][] = [
  // == is exact and case-sensitive, false when the label is missing.
  ['a == "x"', { a: 'x' }, true],
  ['a == "x"', { a: 'X' }, false],
  ['a == "x"', { a: 'xx' }, false],
  ['a == "x"', { a: '' }, false],
  ['a == "x"', {}, false],
  ['a == "x"', { b: 'x' }, false],
  ['a == "x"', { A: 'x' }, false],
  ['a == ""', { a: '' }, true],
  ['a == ""', {}, false],
  // != is true when the label is missing.
  ['a != "x"', {}, true],
  ['a != "x"', { a: 'x' }, false],
  ['a != "x"', { a: 'y' }, true],
  ['a != "x"', { a: '' }, true],
  ['a != ""', { a: '' }, false],
  ['a != ""', {}, true],
  // in: label present with a value in the set; the empty set never matches.
  ['a in {"x", "y"}', { a: 'x' }, true],
  ['a in {"x", "y"}', { a: 'y' }, true],
  ['a in {"x", "y"}', { a: 'z' }, false],
  ['a in {"x", "y"}', {}, false],
  ['a in {}', { a: '' }, false],
  ['a in {}', {}, false],
  ['a in {""}', { a: '' }, true],
  ['a in {"x",}', { a: 'x' }, true],
  // not in: true when the label is missing or its value is outside the set.
  ['a not in {"x"}', {}, true],
  ['a not in {"x"}', { a: 'x' }, false],
  ['a not in {"x"}', { a: 'y' }, true],
  ['a not in {}', {}, true],
  ['a not in {}', { a: 'x' }, true],
  ['a notin {"x", "y"}', { a: 'y' }, false],
  // contains / starts with / ends with: false when missing; the empty string matches any present value.
  ['a contains "b"', { a: 'abc' }, true],
  ['a contains "b"', { a: 'ac' }, false],
  ['a contains "b"', {}, false],
  ['a contains "B"', { a: 'abc' }, false],
  ['a contains ""', { a: '' }, true],
  ['a contains ""', {}, false],
  ['a contains "abc"', { a: 'abc' }, true],
  ['a starts with "ab"', { a: 'abc' }, true],
  ['a starts with "ab"', { a: 'cab' }, false],
  ['a starts with "ab"', {}, false],
  ['a startswith "ab"', { a: 'ab' }, true],
  ['a starts with ""', { a: 'x' }, true],
  ['a starts with ""', {}, false],
  ['a ends with "bc"', { a: 'abc' }, true],
  ['a ends with "bc"', { a: 'bca' }, false],
  ['a ends with "bc"', {}, false],
  ['a endswith ""', { a: '' }, true],
  ['a ends with ""', {}, false],
  // has(): presence only, even with an empty value.
  ['has(a)', { a: '' }, true],
  ['has(a)', { a: 'x' }, true],
  ['has(a)', {}, false],
  ['has(a)', { A: 'x' }, false],
  ['!has(a)', {}, true],
  ['!has(a)', { a: '' }, false],
  // all(), global() and the empty selector always match.
  ['all()', {}, true],
  ['all()', { a: 'x' }, true],
  ['global()', {}, true],
  ['', {}, true],
  ['   ', { a: 'x' }, true],
  ['!all()', {}, false],
  ['!global()', { a: 'x' }, false],
  // ! applies to one comparison: !a == "x" matches objects without a.
  ['!a == "x"', {}, true],
  ['!a == "x"', { a: 'x' }, false],
  ['!a == "x"', { a: 'y' }, true],
  ['!a != "x"', {}, false],
  ['!a != "x"', { a: 'x' }, true],
  ['!a in {"x"}', {}, true],
  ['!a not in {"x"}', {}, false],
  ['!!a == "x"', { a: 'x' }, true],
  ['!!!a == "x"', { a: 'x' }, false],
  // && binds tighter than ||.
  ['a == "1" || b == "1" && c == "1"', { a: '1' }, true],
  ['a == "1" || b == "1" && c == "1"', { b: '1' }, false],
  ['a == "1" || b == "1" && c == "1"', { b: '1', c: '1' }, true],
  ['a == "1" && b == "1" || c == "1"', { c: '1' }, true],
  ['a == "1" && b == "1" || c == "1"', { a: '1' }, false],
  ['a == "1" && (b == "1" || c == "1")', { c: '1' }, false],
  ['a == "1" && (b == "1" || c == "1")', { a: '1', c: '1' }, true],
  ['!has(a) && b == "x"', { b: 'x' }, true],
  ['!has(a) && b == "x"', { a: '', b: 'x' }, false],
  ['!(has(a) && b == "x")', { a: '', b: 'x' }, false],
  ['!(has(a) && b == "x")', { b: 'x' }, true],
  ['!(has(a) || has(b))', {}, true],
  ['!(has(a) || has(b))', { b: '1' }, false],
  ['has(a) && has(b) && has(c)', { a: '', b: '', c: '' }, true],
  ['has(a) && has(b) && has(c)', { a: '', b: '' }, false],
  ['has(a) || has(b) || has(c)', { c: '' }, true],
  ['has(a) || has(b) || has(c)', { d: '' }, false],
  // Label keys that are also names of JavaScript object properties are ordinary keys.
  ['has(constructor)', {}, false],
  ['toString == "x"', {}, false],
  ['hasOwnProperty != "x"', {}, true],
  ['__proto__ not in {"x"}', {}, true],
  ['has(__proto__)', JSON.parse('{"__proto__":"x"}') as Record<string, string>, true],
  ['valueOf contains ""', {}, false],
  // Keywords as label keys.
  ['has == "x"', { has: 'x' }, true],
  ['in in {"in"}', { in: 'in' }, true],
  ['not not in {"not"}', { not: 'yes' }, true],
  // Tutorial selectors.
  ['k8s-app == "kube-dns"', { 'k8s-app': 'kube-dns' }, true],
  ['k8s-app == "kube-dns"', { app: 'kube-dns' }, false],
  ['projectcalico.org/name not in {"kube-system", "calico-system", "calico-apiserver"}', { 'projectcalico.org/name': 'yaobank' }, true],
  ['projectcalico.org/name not in {"kube-system", "calico-system", "calico-apiserver"}', { 'projectcalico.org/name': 'kube-system' }, false],
  ['projectcalico.org/name not in {"kube-system", "calico-system", "calico-apiserver"}', {}, true],
  ['app == "summary"', { app: 'summary', tier: 'x' }, true],
  ['app == "customer" && has(tier)', { app: 'customer', tier: '' }, true],
  ['app == "customer" && has(tier)', { app: 'customer' }, false],
  ['app == "customer" && has(tier)', { app: 'summary', tier: 'frontend' }, false],
];

describe('selector evaluation', () => {
  for (const [selector, labels, expected] of rows) {
    test(`${selector} with ${JSON.stringify(labels)} → ${expected ? 'matches' : 'does not match'}`, () => {
      const result = parseSelector(selector);
      assert.ok(result.ok, selector);
      assert.equal(evaluateSelector(result.ast, labels), expected);
    });
  }
});
