// Calico's selector behaviour: which texts are rejected, and how accepted texts split into tokens.
// Rows from projectcalico/calico release v3.32.1 (commit 0ca9d1b93644778cafdf1812f3dda02ac0c361e8): the rejected selectors are
// `badSelectors` in libcalico-go/lib/selector/parser/parser_test.go; the token rows and the rejected
// `label starts foo` / `ends foo` / `squiggles` come from libcalico-go/lib/selector/tokenizer/tokenizer_test.go.
// Rows under "Parser details" and "Newest tokenizer" are ours, from the grammar in tokenizer.go / parser.go there.
// Where Calico's releases differ, the newest tokenizer is followed: an operator word must end at a word
// boundary, and a label key may be at most 512 characters.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseSelector, tokenizeSelector, type SelectorErrorCode, type SelectorToken } from '../../../server/src/selector/index';

/** [selector, the error Calico-compatible parsing reports first]. */
const rejected: [string, SelectorErrorCode][] = [
  ['b == b', 'expected-string'],
  ['b contains b', 'expected-string'],
  ['b starts with b', 'expected-string'],
  ['b ends with b', 'expected-string'],
  ["'b1' == b", 'expected-label'],
  ['b', 'expected-operator'],
  ['a b', 'expected-operator'],
  ['!', 'expected-expression'],
  ['foo == "bar" &', 'unexpected-character'],
  ['foo == "bar" |', 'unexpected-character'],
  ['foo != ||', 'expected-string'],
  ['foo in {"", ||', 'expected-set-item'],
  ['foo in ""', 'expected-set'],
  ['"FOO', 'unterminated-string'],
  [`"FOO'`, 'unterminated-string'],
  ["'FOO", 'unterminated-string'],
  ['(', 'expected-expression'],
  ['(a == "foo"', 'expected-close-paren'],
  [')', 'expected-expression'],
  ['()', 'expected-expression'],
  ['%', 'unexpected-character'],
  ['a == "b" && %', 'unexpected-character'],
  ['a == "b" || %', 'unexpected-character'],
  ['a ', 'expected-operator'],
  ['has(foo) &&', 'expected-expression'],
  ['label starts foo "value"', 'expected-operator'],
  ['label ends foo "value"', 'expected-operator'],
  ['label squiggles "value"', 'expected-operator'],
  // Parser details: set items need commas, and nothing may follow a complete expression.
  ['a in {"a" "b"}', 'expected-set-item'],
  ['a in {,}', 'expected-set-item'],
  ['a == "b" c', 'unexpected-token'],
  // Newest tokenizer: operator words end at a word boundary; label keys are capped at 512 characters.
  ['a inx {"a"}', 'expected-operator'],
  ['a containsx "b"', 'expected-operator'],
  ['a startswithx "b"', 'expected-operator'],
  ['a ends withx "b"', 'expected-operator'],
  ['a not inx {"a"}', 'expected-operator'],
  [`${'k'.repeat(513)} == "x"`, 'label-too-long'],
  [`has(${'k'.repeat(513)})`, 'label-too-long'],
];

const accepted: string[] = [
  'a in {}',
  'a not in {}',
  'a in {"a",}',
  'a in{"x"}',
  'a notin{"x"}',
  `${'k'.repeat(512)} == "x"`,
  `has(${'k'.repeat(512)})`,
  'in in {"in"}',
  'has == "x"',
];

/** Accepted by the tokenizer (not necessarily by the parser): [text, tokens in a compact notation]. */
const tokenized: [string, string[]][] = [
  ['a=="b"', ['a', '==', '"b"']],
  ['label == "value"', ['label', '==', '"value"']],
  ['label contains "value"', ['label', 'contains', '"value"']],
  ['contains contains "contains"', ['contains', 'contains', '"contains"']],
  ["contains contains 'contains'", ['contains', 'contains', '"contains"']],
  ['label contains"value"', ['label', 'contains', '"value"']],
  ['label startswith "value"', ['label', 'starts with', '"value"']],
  ['label endswith "value"', ['label', 'ends with', '"value"']],
  ['label starts with "value"', ['label', 'starts with', '"value"']],
  ['startswith starts with "value"', ['startswith', 'starts with', '"value"']],
  ['label ends with "value"', ['label', 'ends with', '"value"']],
  ['endswith ends with "value"', ['endswith', 'ends with', '"value"']],
  ['label starts  with "value"', ['label', 'starts with', '"value"']],
  ['label ends  with "value"', ['label', 'ends with', '"value"']],
  ['a not in "bar" && !has(foo) || b in c', ['a', 'not in', '"bar"', '&&', '!', 'has(foo)', '||', 'b', 'in', 'c']],
  ['has(calico/k8s_ns)', ['has(calico/k8s_ns)']],
  ['has(calico/k8s_ns/role)', ['has(calico/k8s_ns/role)']],
  ['has(calico/k8s_NS-.1/role)', ['has(calico/k8s_NS-.1/role)']],
  [
    'calico/k8s_ns == "kube-system" && k8s-app == "kube-dns"',
    ['calico/k8s_ns', '==', '"kube-system"', '&&', 'k8s-app', '==', '"kube-dns"'],
  ],
  ['a  not  in  "bar"  &&  ! has( foo )  ||  b  in  c ', ['a', 'not in', '"bar"', '&&', '!', 'has(foo)', '||', 'b', 'in', 'c']],
  ['a notin"bar"&&!has(foo)||b in"c"', ['a', 'not in', '"bar"', '&&', '!', 'has(foo)', '||', 'b', 'in', '"c"']],
  ['a not in {}', ['a', 'not in', '{', '}']],
  ['a not in {"a"}', ['a', 'not in', '{', '"a"', '}']],
  ['a not in {"a","B"}', ['a', 'not in', '{', '"a"', ',', '"B"', '}']],
  ['global()', ['global()']],
  ['all()', ['all()']],
];

const operatorSpellings: Record<string, string> = { notin: 'not in', startswith: 'starts with', endswith: 'ends with' };

/** Compact notation: strings as "value", operators in their spaced spelling, has(x)/all()/global() as one item. */
function compact(tokens: readonly SelectorToken[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'string') out.push(`"${token.value}"`);
    else if (token.kind === 'operator') {
      const spaced = token.text.replace(/\s+/g, ' ');
      out.push(operatorSpellings[spaced] ?? spaced);
    } else if (token.kind === 'function') {
      let call = token.text;
      while (i + 1 < tokens.length && !call.endsWith(')')) call += tokens[++i].text;
      out.push(call);
    } else out.push(token.text);
  }
  return out;
}

describe("Calico's selector behaviour: rejected selectors", () => {
  for (const [text, code] of rejected) {
    test(`rejects ${JSON.stringify(text.length > 60 ? `${text.slice(0, 20)}…` : text)} with ${code}`, () => {
      const result = parseSelector(text);
      assert.equal(result.ok ? 'accepted' : result.error.code, code);
    });
  }
});

describe("Calico's selector behaviour: accepted selectors", () => {
  for (const text of accepted) {
    test(`accepts ${JSON.stringify(text.length > 60 ? `${text.slice(0, 20)}…` : text)}`, () => {
      const result = parseSelector(text);
      assert.ok(result.ok, result.ok ? '' : result.error.message);
    });
  }
});

describe("Calico's selector behaviour: tokens", () => {
  for (const [text, expected] of tokenized) {
    test(`${JSON.stringify(text)}`, () => {
      const { tokens, error } = tokenizeSelector(text);
      assert.equal(error, undefined);
      assert.deepEqual(compact(tokens), expected);
    });
  }
});
