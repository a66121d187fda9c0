// Every selector form Calico accepts (reference §6.1–6.3, §10) parses, and prints in canonical form.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSelector, printSelector, validateSelector } from '../../../server/src/selector/index';
import { reprinted } from '../../support/selectorPrinting';

/** [selector as written, canonical form]. Canonical: groups in parentheses, sets sorted/de-duplicated, double quotes. */
const validSelectors: [string, string][] = [
  // Empty and blank selectors mean all().
  ['', 'all()'],
  [' ', 'all()'],
  ['\t', 'all()'],
  [' \t \t', 'all()'],
  // Functions; blanks are allowed between the parentheses.
  ['all()', 'all()'],
  ['all( )', 'all()'],
  ['all(\t)', 'all()'],
  ['  all()  ', 'all()'],
  ['global()', 'global()'],
  ['global(  )', 'global()'],
  ['has(a)', 'has(a)'],
  ['has( a )', 'has(a)'],
  ['has(\ta\t)', 'has(a)'],
  ['has(projectcalico.org/namespace)', 'has(projectcalico.org/namespace)'],
  ['has(pcns.projectcalico.org/name)', 'has(pcns.projectcalico.org/name)'],
  // Negation, including runs of `!` (pairs cancel).
  ['!has(a)', '!has(a)'],
  ['! has(a)', '!has(a)'],
  ['!\thas(a)', '!has(a)'],
  ['!!has(a)', 'has(a)'],
  ['!!!has(a)', '!has(a)'],
  ['! ! has(a)', 'has(a)'],
  ['!all()', '!all()'],
  ['!global()', '!global()'],
  ['!(has(a))', '!has(a)'],
  // Equality and inequality; both quote styles; blanks optional or repeated.
  ['a == "x"', 'a == "x"'],
  ["a == 'x'", 'a == "x"'],
  ['a=="x"', 'a == "x"'],
  ['a   ==   "x"', 'a == "x"'],
  ['a\t==\t"x"', 'a == "x"'],
  ['a != "x"', 'a != "x"'],
  ['a!="x"', 'a != "x"'],
  ["a != 'x'", 'a != "x"'],
  ['a == ""', 'a == ""'],
  ["a == ''", 'a == ""'],
  // String contents: no escapes; the other quote, spaces, punctuation, newlines and non-ASCII are fine.
  ["a == 'say \"hi\"'", "a == 'say \"hi\"'"],
  ['a == "it\'s"', 'a == "it\'s"'],
  ['a == "x y"', 'a == "x y"'],
  ['a == "x\ny"', 'a == "x\ny"'],
  ['a == "x\ty"', 'a == "x\ty"'],
  ['a == "über"', 'a == "über"'],
  ['a == "日本"', 'a == "日本"'],
  ['a == "&& || ! ( ) { } ,"', 'a == "&& || ! ( ) { } ,"'],
  ['a == "=="', 'a == "=="'],
  ['a == "\\"', 'a == "\\"'],
  // String operators and their spellings.
  ['a contains "x"', 'a contains "x"'],
  ['a contains"x"', 'a contains "x"'],
  ["a contains 'x'", 'a contains "x"'],
  ['a starts with "x"', 'a starts with "x"'],
  ['a startswith "x"', 'a starts with "x"'],
  ['a starts  \t with "x"', 'a starts with "x"'],
  ['a starts with"x"', 'a starts with "x"'],
  ['a ends with "x"', 'a ends with "x"'],
  ['a endswith "x"', 'a ends with "x"'],
  ['a ends\twith "x"', 'a ends with "x"'],
  // Sets: empty, trailing comma, sorted and de-duplicated, mixed quotes.
  ['a in {"x"}', 'a in {"x"}'],
  ['a in {"x",}', 'a in {"x"}'],
  ['a in {"x", }', 'a in {"x"}'],
  ['a in {}', 'a in {}'],
  ['a in { }', 'a in {}'],
  ['a in {"b", "a"}', 'a in {"a", "b"}'],
  ['a in {"a", "a"}', 'a in {"a"}'],
  ['a in {"b","a","b",}', 'a in {"a", "b"}'],
  ["a in {'x', \"y\"}", 'a in {"x", "y"}'],
  ['a in{"x"}', 'a in {"x"}'],
  ['a in {"B", "a", "C"}', 'a in {"B", "C", "a"}'],
  ['a in {"x,y"}', 'a in {"x,y"}'],
  ["a in {'\"q\"', \"p\"}", "a in {'\"q\"', \"p\"}"],
  ['a in {""}', 'a in {""}'],
  ['a not in {"x"}', 'a not in {"x"}'],
  ['a notin {"x"}', 'a not in {"x"}'],
  ['a not \t in {"x"}', 'a not in {"x"}'],
  ['a not in {}', 'a not in {}'],
  ['a not in {"z", "y",}', 'a not in {"y", "z"}'],
  // Label key characters: a-z A-Z 0-9 _ . / -, starting with any of them, up to 512 characters.
  ['projectcalico.org/namespace == "x"', 'projectcalico.org/namespace == "x"'],
  ['-a == "x"', '-a == "x"'],
  ['1abc == "x"', '1abc == "x"'],
  ['/x == "y"', '/x == "y"'],
  ['. == "y"', '. == "y"'],
  ['a_b.c-d/e == "x"', 'a_b.c-d/e == "x"'],
  ['App == "x"', 'App == "x"'],
  ['UPPER_case.Key == "x"', 'UPPER_case.Key == "x"'],
  [`${'k'.repeat(512)} == "v"`, `${'k'.repeat(512)} == "v"`],
  [`has(${'k'.repeat(512)})`, `has(${'k'.repeat(512)})`],
  // Keywords are contextual: these are all ordinary label keys.
  ['has == "x"', 'has == "x"'],
  ['all == "x"', 'all == "x"'],
  ['global == "x"', 'global == "x"'],
  ['in == "x"', 'in == "x"'],
  ['not == "x"', 'not == "x"'],
  ['contains == "x"', 'contains == "x"'],
  ['starts == "x"', 'starts == "x"'],
  ['with != "x"', 'with != "x"'],
  ['has in {"x"}', 'has in {"x"}'],
  ['in in {"x"}', 'in in {"x"}'],
  ['not not in {"x"}', 'not not in {"x"}'],
  ['in notin {"x"}', 'in not in {"x"}'],
  ['starts starts with "x"', 'starts starts with "x"'],
  ['contains contains "x"', 'contains contains "x"'],
  ['ends ends with "x"', 'ends ends with "x"'],
  ['has(has)', 'has(has)'],
  ['has(in)', 'has(in)'],
  ['has(not)', 'has(not)'],
  ['has(all)', 'has(all)'],
  ['hasx == "y"', 'hasx == "y"'],
  ['has.x == "y"', 'has.x == "y"'],
  ['allx == "y"', 'allx == "y"'],
  ['and == "x"', 'and == "x"'],
  ['AND == "x"', 'AND == "x"'],
  // Operator words end at a word boundary, which punctuation and quotes provide.
  ['a in{}', 'a in {}'],
  ['a notin{}', 'a not in {}'],
  ['a contains""', 'a contains ""'],
  // Precedence: ! tighter than && tighter than ||.
  ['a == "x" && b == "y"', '(a == "x" && b == "y")'],
  ['a == "x" || b == "y"', '(a == "x" || b == "y")'],
  ['a == "x"&&b == "y"', '(a == "x" && b == "y")'],
  ['a == "x" && b == "y" && c == "z"', '(a == "x" && b == "y" && c == "z")'],
  ['a == "x" || b == "y" || c == "z"', '(a == "x" || b == "y" || c == "z")'],
  ['a == "x" || b == "y" && c == "z"', '(a == "x" || (b == "y" && c == "z"))'],
  ['a == "x" && b == "y" || c == "z"', '((a == "x" && b == "y") || c == "z")'],
  ['(a == "x" || b == "y") && c == "z"', '((a == "x" || b == "y") && c == "z")'],
  ['!a == "x"', '!a == "x"'],
  ['!a == "x" && b == "y"', '(!a == "x" && b == "y")'],
  ['!a == "x" || !b == "y"', '(!a == "x" || !b == "y")'],
  ['!(a == "x" && b == "y")', '!(a == "x" && b == "y")'],
  ['!(a == "x" || b == "y")', '!(a == "x" || b == "y")'],
  ['(a == "x")', 'a == "x"'],
  ['((a == "x"))', 'a == "x"'],
  ['( a == "x" )', 'a == "x"'],
  ['a == "x" && (b == "y" && c == "z")', '(a == "x" && (b == "y" && c == "z"))'],
  ['(a == "x" && b == "y") && c == "z"', '((a == "x" && b == "y") && c == "z")'],
  ['has(a)&&has(b)', '(has(a) && has(b))'],
  ['has(a)||!has(b)', '(has(a) || !has(b))'],
  ['all() && has(a)', '(all() && has(a))'],
  ['global() || all()', '(global() || all())'],
  ['a == "x" &&\tb == "y"', '(a == "x" && b == "y")'],
  // A `!` inside parentheses is its own node, so Calico prints both (reference §6.3 canonical printing).
  ['!(!(a == "x"))', '!!a == "x"'],
  ['a in {"x"} && b not in {"y"} || has(c) && !has(d)', '((a in {"x"} && b not in {"y"}) || (has(c) && !has(d)))'],
  ['x contains "a" && y starts with "b" && z ends with "c"', '(x contains "a" && y starts with "b" && z ends with "c")'],
  // Selectors from the Calico tutorials.
  ['k8s-app == "kube-dns"', 'k8s-app == "kube-dns"'],
  [
    'projectcalico.org/name not in {"kube-system", "calico-system", "calico-apiserver"}',
    'projectcalico.org/name not in {"calico-apiserver", "calico-system", "kube-system"}',
  ],
  ['app == "summary"', 'app == "summary"'],
  ['app == "customer" && has(tier)', '(app == "customer" && has(tier))'],
  ["role == 'frontend'", 'role == "frontend"'],
  ['projectcalico.org/namespace == "yaobank-customer"', 'projectcalico.org/namespace == "yaobank-customer"'],
];

describe('selector grammar: valid selectors and their canonical form', () => {
  for (const [input, canonical] of validSelectors) {
    test(`${JSON.stringify(input).slice(0, 80)} → ${canonical.slice(0, 60)}`, () => {
      const result = parseSelector(input);
      assert.ok(result.ok, result.ok ? '' : `unexpected error: ${result.error.message}`);
      assert.equal(printSelector(result.ast), canonical);
      assert.equal(validateSelector(input), undefined);
    });
  }

  test('the canonical form of every row parses back to the same canonical form', () => {
    for (const [, canonical] of validSelectors) {
      const again = parseSelector(canonical);
      assert.ok(again.ok, canonical);
      // Re-parsing folds a printed `!!` run, as Calico's parser does.
      assert.equal(printSelector(again.ast), reprinted(canonical));
    }
  });

  test('an empty or blank selector is an implicit all()', () => {
    for (const text of ['', '   ', '\t\t']) {
      const result = parseSelector(text);
      assert.ok(result.ok);
      assert.deepEqual(result.ast, { kind: 'all', implicit: true, span: { start: 0, end: text.length } });
    }
    const explicit = parseSelector('all()');
    assert.ok(explicit.ok);
    assert.equal(explicit.ast.kind, 'all');
    assert.ok(!(explicit.ast.kind === 'all' && explicit.ast.implicit));
  });

  test('`&&` and `||` chains are one node with every operand', () => {
    const and = parseSelector('has(a) && has(b) && has(c)');
    assert.ok(and.ok && and.ast.kind === 'and');
    assert.equal(and.ast.operands.length, 3);
    const or = parseSelector('has(a) || has(b) || has(c) || has(d)');
    assert.ok(or.ok && or.ast.kind === 'or');
    assert.equal(or.ast.operands.length, 4);
  });

  test('a 500-character selector parses', () => {
    const parts: string[] = [];
    for (let i = 0; parts.join(' && ').length < 500; i++) parts.push(`label-${i} in {"v${i}", "w${i}"}`);
    const text = parts.join(' && ');
    const result = parseSelector(text);
    assert.ok(result.ok);
    assert.ok(result.ast.kind === 'and' && result.ast.operands.length === parts.length);
  });
});
