// Calico's selector behaviour: the canonical text a selector prints as, and that it round-trips.
// Rows from `canonicalisationTests` in libcalico-go/lib/selector/parser/parser_test.go, projectcalico/calico release v3.32.1 (commit 0ca9d1b93644778cafdf1812f3dda02ac0c361e8).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseSelector, printSelector } from '../../../server/src/selector/index';

/** [input, canonical text]. */
const cases: [string, string][] = [
  ['', 'all()'],
  [' all() ', 'all()'],
  [' (all() )', 'all()'],
  ['! (has( b)||! has(a ))', '!(has(b) || !has(a))'],
  ['! (a == "b"&&! c != "d")', '!(a == "b" && !c != "d")'],
  // Double quotes unless the value itself holds a double quote.
  [`a == "'"`, `a == "'"`],
  [`a == '"'`, `a == '"'`],
  [`a contains '"'`, `a contains '"'`],
  [`a contains "'"`, `a contains "'"`],
  [`a startswith '"'`, `a starts with '"'`],
  [`a endswith "'"`, `a ends with "'"`],
  [`a!='"'`, `a != '"'`],
  ["k == 'v'", 'k == "v"'],
  ["k != 'v'", 'k != "v"'],
  ["k contains 'v'", 'k contains "v"'],
  ["k starts with 'v'", 'k starts with "v"'],
  ["k ends with 'v'", 'k ends with "v"'],
  // Set members are sorted and de-duplicated.
  ['a in {"d"}', 'a in {"d"}'],
  ['a in {"a", "b"}', 'a in {"a", "b"}'],
  ['a in {"d", "a", "b"}', 'a in {"a", "b", "d"}'],
  ['a in {"z", "x", "y", "a"}', 'a in {"a", "x", "y", "z"}'],
  ['a in {"z", "z", "x", "y", "x", "a"}', 'a in {"a", "x", "y", "z"}'],
  ["k in {'v'}", 'k in {"v"}'],
  ["k not in {'v'}", 'k not in {"v"}'],
  // Every && / || group is parenthesised, even at the top; a negation prints a bare `!`.
  ["k == 'v' && x == 'y'", '(k == "v" && x == "y")'],
  ["k == 'v' || has(x)", '(k == "v" || has(x))'],
  ["!(k == 'v')", '!k == "v"'],
  ["!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'}))", '!(!((k == "v" && has(t)) || all()) && a in {"b", "c"})'],
];

describe("Calico's selector behaviour: canonical printing", () => {
  for (const [input, canonical] of cases) {
    test(`${JSON.stringify(input)} prints as ${canonical}`, () => {
      const first = parseSelector(input);
      assert.ok(first.ok, `${JSON.stringify(input)} should parse`);
      assert.equal(printSelector(first.ast), canonical);
      const again = parseSelector(canonical);
      assert.ok(again.ok, `${canonical} should parse`);
      assert.equal(printSelector(again.ast), canonical);
    });
  }
});
