// Selector syntax conformance (reference §6.1, §6.2, §10): which texts Calico accepts, and where a rejection points.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseSelector, type SelectorErrorCode } from '../../../server/src/selector/index';

const long512 = 'a'.repeat(512);
const long513 = 'a'.repeat(513);

/** Texts Calico's tokenizer and parser accept. */
const accepted: [string, string][] = [
  ['empty selector', ''],
  ['blank (spaces)', '   '],
  ['blank (tab)', '\t'],
  ['all()', 'all()'],
  ['all( ) with inner space', 'all( )'],
  ['all() padded', ' all() '],
  ['(all() )', ' (all() )'],
  ['global()', 'global()'],
  ['global( )', 'global( )'],
  ['has(a)', 'has(a)'],
  ['has( a ) inner spaces', 'has( a )'],
  ['has(\ta\t) inner tabs', 'has(\ta\t)'],
  ['==', 'a == "x"'],
  ['== no spaces', 'a=="x"'],
  ['!= no spaces', "a!='x'"],
  ['tabs as whitespace', 'a\t==\t"x"'],
  ['single quotes', "a == 'x'"],
  ["' inside double quotes", `a == "it's"`],
  ['" inside single quotes', `a == 'say "hi"'`],
  ['newline inside a string literal', 'a == "x\ny"'],
  ['non-ASCII inside a string literal', 'a == "héllo"'],
  ['empty string literal', 'a == ""'],
  ['contains', 'a contains "x"'],
  ['contains directly before quote', 'a contains"x"'],
  ['starts with', 'a starts with "x"'],
  ['starts  with (two spaces)', 'a starts  with "x"'],
  ['starts<tab>with', 'a starts\twith "x"'],
  ['startswith', 'a startswith "x"'],
  ['ends with', 'a ends with "x"'],
  ['endswith', 'a endswith "x"'],
  ['in', 'a in {"x"}'],
  ['in directly before brace', 'a in{"x"}'],
  ['not in', 'a not in {"x"}'],
  ['not   in (three spaces)', 'a not   in {"x"}'],
  ['notin', 'a notin {"x"}'],
  ['empty set', 'a in {}'],
  ['empty set with space', 'a in { }'],
  ['not in empty set', 'a not in {}'],
  ['trailing comma', 'a in {"x",}'],
  ['trailing comma two items', 'a in {"x", "y",}'],
  ['mixed quotes in set', `a in {"'", '"', "c"}`],
  ['label named in', 'in == "x"'],
  ['label named has', 'has == "x"'],
  ['label named all', 'all == "x"'],
  ['label named global', 'global == "x"'],
  ['label named not', 'not == "x"'],
  ['label named contains', 'contains == "x"'],
  ['label named not, then in', 'not in {"a"}'],
  ['label named in, then in', 'in in {"a"}'],
  ['label named in, then not in', 'in not in {"a"}'],
  ['has(in)', 'has(in)'],
  ['has(has)', 'has(has)'],
  ['label starting with -', '-a == "x"'],
  ['label starting with digit', '1abc == "x"'],
  ['label starting with /', '/x == "x"'],
  ['label starting with .', '.x == "x"'],
  ['label starting with _', '_x == "x"'],
  ['label with every identifier char', 'aZ09_./- == "x"'],
  ['prefixed label', 'projectcalico.org/namespace == "x"'],
  ['512-char label', `${long512} == "x"`],
  ['512-char label in has()', `has(${long512})`],
  ['uppercase label', 'App == "x"'],
  ['!', '!a == "x"'],
  ['! with space', '! a == "x"'],
  ['!!', '!!has(a)'],
  ['! ! !', '!! ! has(a)'],
  ['!(...)', '!(a == "x")'],
  ['&& and ||', 'a == "x" && b == "y" || c == "z"'],
  ['&& without spaces', 'has(a)&&has(b)'],
  ['|| without spaces', 'has(a)||has(b)'],
  ['nested parens', '((has(a)))'],
  ['mixed all/has/global', 'has(a) && all() || global()'],
  ['complex', `!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'}))`],
  ['label ending with .', 'a. == "x"'],
  ['has(a/b/c)', 'has(a/b/c)'],
  ['has(-)', 'has(-)'],
  ['} inside a set item', 'a in {"}"}'],
  ['comma inside a set item', 'a in {"a,b"}'],
  ['&& inside a string', 'a == "x && y"'],
  ['starts with directly before quote', 'a starts with"x"'],
  ['label in after &&', 'a in {"x"} && in == "y"'],
  ['not in without space before brace', 'a not in{"x"}'],
  ['notin empty set without space', 'a notin{}'],
  ['CR inside a string literal', 'a == "x\ry"'],
  ['tab inside a string literal', 'a == "x\ty"'],
  ['label named startswith', 'startswith == "x"'],
  ['ends<tab>with', 'a ends\twith "x"'],
  ['not<tab>in', 'a not\tin {"x"}'],
  ['!= directly before quote', 'a !="x"'],
  ['contains contains "contains"', `contains contains 'contains'`],
  ['startswith starts with', 'startswith starts with "value"'],
  ['endswith ends with', 'endswith ends with "value"'],
  ['label ends  with (two spaces)', 'label ends  with "value"'],
  ['kube-dns style selector', 'calico/k8s_ns == "kube-system" && k8s-app == "kube-dns"'],
  ['generous spacing', 'a  not  in  {"bar"}  &&  ! has( foo )  ||  b  in  {"c"} '],
  ['no spacing', 'a notin{"bar"}&&!has(foo)||b in{"c"}'],
];

interface Rejection {
  name: string;
  text: string;
  /** Acceptable error codes (the family); more than one where the contract allows several readings. */
  codes: SelectorErrorCode[];
  /** Acceptable offsets of the offending character (computed by hand from `text`). */
  offsets: number[];
}

const r = (name: string, text: string, codes: SelectorErrorCode | SelectorErrorCode[], offsets: number | number[]): Rejection => ({
  name,
  text,
  codes: Array.isArray(codes) ? codes : [codes],
  offsets: Array.isArray(offsets) ? offsets : [offsets],
});

const rejected: Rejection[] = [
  // Whitespace other than space/tab (§6.1, pitfall 2).
  r('trailing newline (YAML | block)', 'a == "x"\n', 'illegal-whitespace', 8),
  r('trailing CRLF', 'a == "x"\r\n', 'illegal-whitespace', 8),
  r('CR alone', 'a == "x"\r', 'illegal-whitespace', 8),
  r('newline between operator and value', 'a ==\n"x"', 'illegal-whitespace', 4),
  r('leading newline', '\na == "x"', 'illegal-whitespace', 0),
  r('newline only', '\n', 'illegal-whitespace', 0),
  r('newline between && operands', 'has(a) &&\nhas(b)', 'illegal-whitespace', 9),
  r('vertical tab', 'a ==\v"x"', ['illegal-whitespace', 'unexpected-character'], 4),
  r('form feed', 'a ==\f"x"', ['illegal-whitespace', 'unexpected-character'], 4),
  r('newline inside has( )', 'has(\na)', ['illegal-whitespace'], 4),
  // Keywords must touch their parenthesis.
  r('has (a)', 'has (a)', ['space-before-paren', 'expected-operator'], [0, 3, 4]),
  r('all ()', 'all ()', ['space-before-paren', 'expected-operator'], [0, 3, 4]),
  r('global ()', 'global ()', ['space-before-paren', 'expected-operator'], [0, 6, 7]),
  r('has()', 'has()', 'expected-label', 4),
  r('has( )', 'has( )', 'expected-label', [4, 5]),
  r('has("a")', 'has("a")', 'expected-label', 4),
  r('has(a b)', 'has(a b)', ['expected-close-paren', 'unexpected-token'], 6),
  r('has(a', 'has(a', ['expected-close-paren'], 5),
  r('all(a)', 'all(a)', ['expected-close-paren', 'unexpected-token', 'unexpected-character'], 4),
  // Word-boundary rule for operator words (newest tokenizer).
  r('a inf "x"', 'a inf "x"', 'expected-operator', 2),
  r('a ends withs "x"', 'a ends withs "x"', 'expected-operator', 2),
  r('a containsx "x"', 'a containsx "x"', 'expected-operator', 2),
  r('a notinx {"x"}', 'a notinx {"x"}', 'expected-operator', 2),
  r('operators are lower case: Contains', 'a Contains "x"', 'expected-operator', 2),
  r('operators are lower case: IN', 'a IN {"x"}', 'expected-operator', 2),
  r('starts without with', 'a starts "x"', 'expected-operator', 2),
  r('start with (missing s)', 'a start with "x"', 'expected-operator', 2),
  // Identifier characters.
  r('colon in label', 'a:b == "x"', ['expected-operator', 'unexpected-character'], 1),
  r('@ in label', 'a@b == "x"', ['expected-operator', 'unexpected-character'], 1),
  r('non-ASCII label', 'é == "x"', 'unexpected-character', 0),
  r('% alone', '%', 'unexpected-character', 0),
  r('% after &&', 'a == "b" && %', 'unexpected-character', 12),
  r('513-char label', `${long513} == "x"`, 'label-too-long', [0, 512]),
  r('513-char label in has()', `has(${long513})`, 'label-too-long', [4, 516]),
  // Strings.
  r('unterminated double quote', 'a == "x', 'unterminated-string', 5),
  r('unterminated single quote', "a == 'x", 'unterminated-string', 5),
  r('mismatched quotes', `a == "x'`, 'unterminated-string', 5),
  r('unterminated in set', 'a in {"x}', 'unterminated-string', 6),
  r('lone "FOO', '"FOO', ['unterminated-string', 'expected-label', 'expected-expression'], 0),
  r('typographic quotes', 'a == “x”', ['expected-string', 'unexpected-character'], 5),
  // Sets.
  r('{,}', 'a in {,}', 'expected-set-item', 6),
  r('double comma', 'a in {"x",,}', 'expected-set-item', 10),
  r('leading comma', 'a in {,"x"}', 'expected-set-item', 6),
  r('missing comma', 'a in {"x" "y"}', ['expected-set-item', 'unexpected-token'], 10),
  r('unquoted set item', 'a in {x}', 'expected-set-item', 6),
  r('unclosed set', 'a in {"x"', ['expected-set-item', 'unexpected-token', 'expected-close-paren'], 9),
  r('set then ||', 'foo in {"", ||', 'expected-set-item', 12),
  r('in with a string', 'a in "x"', 'expected-set', 5),
  r('not in with a string', 'a not in "x"', 'expected-set', 9),
  r('in with nothing', 'a in', 'expected-set', 4),
  // Operands must be label OP string.
  r('a == b', 'a == b', 'expected-string', 5),
  r('a == 5', 'a == 5', 'expected-string', 5),
  r('a contains b', 'a contains b', 'expected-string', 11),
  r('b starts with b', 'b starts with b', 'expected-string', 14),
  r('a == nothing', 'a ==', 'expected-string', 4),
  r('a != ||', 'foo != ||', 'expected-string', 7),
  r('"x" == a', '"x" == a', ['expected-label', 'expected-expression'], 0),
  r("'b1' == b", "'b1' == b", ['expected-label', 'expected-expression'], 0),
  r('== "x"', '== "x"', ['expected-label', 'expected-expression'], 0),
  r('bare label', 'b', 'expected-operator', 1),
  r('bare label then space', 'a ', 'expected-operator', 2),
  r('a b', 'a b', 'expected-operator', 2),
  // Leftovers after a complete expression.
  r('two comparisons without operator', 'a == "x" b == "y"', 'unexpected-token', 9),
  r('extra )', 'a == "x")', 'unexpected-token', 8),
  r('extra ) after space', 'a == "x" )', 'unexpected-token', 9),
  r(') alone', ')', ['unexpected-token', 'expected-expression'], 0),
  r('trailing comma at top level', 'a == "x" ,', 'unexpected-token', 9),
  r('AND word', 'a == "x" AND b == "y"', 'unexpected-token', 9),
  r('and word', 'a == "x" and b == "y"', 'unexpected-token', 9),
  r('OR word', 'has(a) OR has(b)', 'unexpected-token', 7),
  // Single-character operators.
  r('single =', 'a = "x"', 'unexpected-character', 2),
  r('=!', 'a =! "x"', 'unexpected-character', 2),
  r('single &', 'a == "x" & b == "y"', 'unexpected-character', 9),
  r('single |', 'a == "x" | b == "y"', 'unexpected-character', 9),
  r('trailing &', 'foo == "bar" &', 'unexpected-character', 13),
  r('trailing |', 'foo == "bar" |', 'unexpected-character', 13),
  // Expressions that stop early.
  r('trailing &&', 'has(foo) &&', 'expected-expression', 11),
  r('trailing ||', 'a == "x" ||', 'expected-expression', 11),
  r('leading &&', '&& a == "x"', 'expected-expression', 0),
  r('! alone', '!', 'expected-expression', 1),
  r('( alone', '(', 'expected-expression', 1),
  r('()', '()', 'expected-expression', 1),
  // Either the unclosed `(` or the end of text is a fair place to point.
  r('unclosed paren', '(a == "foo"', 'expected-close-paren', [0, 11]),
  r('has(a)b', 'has(a)b', 'unexpected-token', 6),
  r('all()all()', 'all()all()', 'unexpected-token', 5),
  r('trailing !', 'a == "x"!', ['unexpected-token', 'unexpected-character'], 8),
  r('extra }', 'a in {"x"}}', 'unexpected-token', 10),
  r('!! alone', '!!', 'expected-expression', 2),
  r('not without in', 'a not {"x"}', 'expected-operator', 2),
  r('label named has at the end', 'has(a) && has', 'expected-operator', 13),
  r('===', 'a==="x"', 'unexpected-character', 3),
  r('! between label and operator', 'a ! = "x"', ['expected-operator', 'unexpected-character'], 2),
  r('trailing || !', 'a != "x" || !', 'expected-expression', 13),
  r('no-break space', 'a ==\u00a0"x"', ['illegal-whitespace', 'unexpected-character'], 4),
  r('literal on the left of in', '"x" in {"x"}', ['expected-label', 'expected-expression'], 0),
  r('has with a quoted string inside set position', 'a in {has(b)}', 'expected-set-item', 6),
  r('has(a)(', 'has(a)(', 'unexpected-token', 6),
  r('starts foo', 'label starts foo "value"', 'expected-operator', 6),
  r('ends foo', 'label ends foo "value"', 'expected-operator', 6),
  r('squiggles', 'label squiggles "value"', 'expected-operator', 6),
  r('label directly followed by (', 'a(', 'expected-operator', 1),
  r('ALL() is not a keyword', 'ALL()', 'expected-operator', 3),
  r('Has(a) is not a keyword', 'Has(a)', 'expected-operator', 3),
  r('in_ is not in', 'a in_ {"x"}', 'expected-operator', 2),
  // Whether `.`/`-` after an operator word ends the word (regex \b) or not (identifier rule) moves the error; both reject.
  r('in. is not in', 'a in. {"x"}', ['expected-operator', 'expected-set'], [2, 4]),
  r('contains- is not contains', 'a contains-"x"', ['expected-operator', 'expected-string'], [2, 10]),
  r('!(... unclosed', '!(a == "x"', 'expected-close-paren', [1, 10]),
  r('unclosed nested paren', '((has(a))', 'expected-close-paren', [0, 9]),
];

describe('selector conformance: accepted forms', () => {
  for (const [name, text] of accepted) {
    test(`accepts ${name}: ${JSON.stringify(text.length > 60 ? text.slice(0, 20) + '…' : text)}`, () => {
      const res = parseSelector(text);
      assert.ok(res.ok, res.ok ? '' : `rejected with ${res.error.code} at ${res.error.offset}: ${res.error.message}`);
    });
  }
});

describe('selector conformance: rejected forms point at the offending character', () => {
  for (const row of rejected) {
    test(`rejects ${row.name}: ${JSON.stringify(row.text.length > 60 ? row.text.slice(0, 20) + '…' : row.text)}`, () => {
      const res = parseSelector(row.text);
      assert.equal(res.ok, false, 'the selector must be rejected');
      if (res.ok) return;
      const { code, offset, length, message } = res.error;
      assert.ok(row.codes.includes(code), `code ${code} not in [${row.codes.join(', ')}] (${message})`);
      assert.ok(row.offsets.includes(offset), `offset ${offset} not in [${row.offsets.join(', ')}] (${message})`);
      assert.ok(offset + length <= row.text.length, 'underline stays inside the text');
      if (offset < row.text.length) assert.ok(length >= 1, 'a problem inside the text underlines at least one character');
      assert.ok(message.length > 0, 'a message is given');
    });
  }
});

describe('selector conformance: the error never crashes on odd input', () => {
  const odd = ['\u0000', '\uFFFF', '"', "'", '{', '}', ',', '!!!!', '&&&&', '||||', '((((', '))))', 'a in {', 'has(', 'all(', 'global(', '\\', '`a`'];
  for (const text of odd) {
    test(`returns a result for ${JSON.stringify(text)}`, () => {
      const res = parseSelector(text);
      if (!res.ok) assert.ok(res.error.offset >= 0 && res.error.offset <= text.length);
    });
  }
});
