// Selectors that can never match are reported; selectors that can match never are.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSelector, findContradiction, evaluateSelector } from '../../../server/src/selector/index';

function parse(text: string) {
  const result = parseSelector(text);
  assert.ok(result.ok, text);
  return result.ast;
}

/** Each selector here can never match: one label cannot meet every condition of an && group. */
const contradictions: string[] = [
  'a == "x" && a == "y"',
  'has(a) && !has(a)',
  'a == "x" && !has(a)',
  'a in {}',
  'a == "x" && a not in {"x"}',
  'a == "x" && a != "x"',
  'a in {"x", "y"} && a in {"z"}',
  'a in {"x", "y"} && a != "x" && a != "y"',
  'a in {"x", "y"} && a not in {"y", "x"}',
  'a == "x" && !(a == "x")',
  '!all()',
  '!global()',
  '!(has(a) || b == "y") && a == "x"',
  '!(a not in {"x"}) && a != "x"',
  'a contains "q" && !has(a)',
  '!has(a) && a starts with ""',
  'a starts with "x" && a starts with "y"',
  'a ends with "x" && a ends with "y"',
  'a == "abc" && a starts with "x"',
  'a == "abc" && a ends with "x"',
  'a == "abc" && a contains "z"',
  'a == "abc" && !(a contains "b")',
  'a in {"ab", "cd"} && a starts with "x"',
  'has(a) && !(a contains "")',
  'has(a) && !(a starts with "")',
  'a starts with "abc" && !(a starts with "ab")',
  'a ends with "xyz" && !(a ends with "yz")',
  'a contains "abc" && !(a contains "b")',
  'a starts with "xyz" && !(a contains "y")',
  'a ends with "xyz" && !(a contains "y")',
  'c == "1" && a in {}',
  'a == "x" && b == "y" && a == "z"',
  '(a == "x" || a == "y") && a == "z"',
  'a == "z" && (a == "x" || !has(a))',
  '(a == "x" && a == "y") || (has(b) && !has(b))',
  'a in {} || b in {}',
  '!(has(a) || all())',
  'has(a) && (b == "1" && !has(a))',
  '!(a != "x") && !(a == "x")',
];

/** Each selector here matches something, so no contradiction may be claimed. */
const satisfiable: string[] = [
  '',
  'all()',
  'global()',
  'a == "x"',
  'a == "x" && b == "y"',
  'a != "x" && a != "y"',
  '!has(a) && a != "x"',
  '!has(a) && a not in {"x"}',
  'a == "x" || a == "y"',
  'a starts with "ab" && a starts with "abc"',
  'a ends with "bc" && a ends with "abc"',
  'a starts with "x" && a ends with "y"',
  'a contains "x" && a contains "y"',
  'has(a) && a != "x"',
  '!(a contains "x") && has(a)',
  'a not in {}',
  'a in {"x", "y"} && a != "x"',
  '!(a == "x" && a == "y")',
  'a == "x" && (a == "y" || b == "z")',
  '!has(a) || has(a)',
  'a starts with "abc" && !(a starts with "abd")',
  'a == "x" && !(b == "x")',
  '!(a starts with "x") && !has(b)',
  'a == "" && has(a)',
  'a == "abc" && a starts with "ab" && a ends with "bc" && a contains "b"',
  'a in {"ab", "xb"} && a starts with "x"',
  '!a in {}',
  'a contains "" && has(a)',
  'a starts with "ab" && !(a contains "ba")',
  'a not in {"x"} && !(a == "y")',
  '(has(a) || has(b)) && !has(a)',
  'k8s-app == "kube-dns"',
  'app == "customer" && has(tier)',
  'projectcalico.org/name not in {"kube-system", "calico-system", "calico-apiserver"}',
];

describe('findContradiction: selectors that can never match', () => {
  for (const text of contradictions) {
    test(text, () => {
      const found = findContradiction(parse(text));
      assert.ok(found, 'expected a contradiction');
      assert.match(found.message, /can never match/);
      assert.ok(found.span.start >= 0 && found.span.end <= text.length && found.span.end > found.span.start);
    });
  }
});

describe('findContradiction: selectors that can match', () => {
  for (const text of satisfiable) {
    test(text || '(empty)', () => {
      assert.equal(findContradiction(parse(text)), undefined);
    });
  }

  test('every satisfiable row really matches some labels', () => {
    const witnesses: Record<string, Record<string, string>> = {
      'a starts with "ab" && a starts with "abc"': { a: 'abcd' },
      'a contains "x" && a contains "y"': { a: 'xy' },
      'a == "abc" && a starts with "ab" && a ends with "bc" && a contains "b"': { a: 'abc' },
      '(has(a) || has(b)) && !has(a)': { b: '' },
      'a starts with "ab" && !(a contains "ba")': { a: 'ab' },
    };
    for (const [text, labels] of Object.entries(witnesses)) assert.ok(evaluateSelector(parse(text), labels), text);
  });
});

describe('findContradiction: messages and spans', () => {
  test('two equalities name both values and span both comparisons', () => {
    const text = 'a == "x" && a == "y"';
    const found = findContradiction(parse(text));
    assert.ok(found);
    assert.match(found.message, /`a == "x"`.*`a == "y"`/);
    assert.deepEqual(found.span, { start: 0, end: text.length });
  });

  test('an empty set is pointed at directly', () => {
    const text = 'c == "1" && a in {}';
    const found = findContradiction(parse(text));
    assert.ok(found);
    assert.deepEqual(found.span, { start: text.indexOf('a in'), end: text.length });
    assert.match(found.message, /empty set/);
  });

  test('presence against absence names both tests', () => {
    const text = 'x == "1" && a == "v" && !has(a)';
    const found = findContradiction(parse(text));
    assert.ok(found);
    assert.match(found.message, /`a == "v"`.*`!has\(a\)`/);
    assert.deepEqual(found.span, { start: text.indexOf('a =='), end: text.length });
  });
});
