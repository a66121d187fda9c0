// Every AST node and token carries the exact span of selector text it came from.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSelector, tokenizeSelector, labelReferences, type SelectorNode, type SelectorToken } from '../../../server/src/selector/index';

function parse(text: string): SelectorNode {
  const result = parseSelector(text);
  assert.ok(result.ok, text);
  return result.ast;
}

const slice = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('AST spans', () => {
  test('a comparison: key, operator, value and the whole node', () => {
    const text = '  app  ==  "web"  ';
    const node = parse(text);
    assert.ok(node.kind === 'compare');
    assert.equal(slice(text, node.span), 'app  ==  "web"');
    assert.equal(slice(text, node.key.span), 'app');
    assert.equal(slice(text, node.operatorSpan), '==');
    assert.equal(slice(text, node.value.span), '"web"');
    assert.equal(node.value.value, 'web');
    assert.equal(node.value.quote, '"');
  });

  test('a two-word operator spans both words', () => {
    const text = "tier starts \t with 'fr'";
    const node = parse(text);
    assert.ok(node.kind === 'compare');
    assert.equal(node.operator, 'starts with');
    assert.equal(slice(text, node.operatorSpan), 'starts \t with');
    assert.equal(node.value.quote, "'");
  });

  test('a set: operator, each value and the closing brace', () => {
    const text = `a not  in {"x", 'y',}`;
    const node = parse(text);
    assert.ok(node.kind === 'set');
    assert.equal(node.operator, 'not in');
    assert.equal(slice(text, node.operatorSpan), 'not  in');
    assert.deepEqual(node.values.map((v) => slice(text, v.span)), ['"x"', "'y'"]);
    assert.deepEqual(node.values.map((v) => v.quote), ['"', "'"]);
    assert.equal(slice(text, node.span), text);
  });

  test('has() with blanks inside', () => {
    const text = '  has( app )  ';
    const node = parse(text);
    assert.ok(node.kind === 'has');
    assert.equal(slice(text, node.span), 'has( app )');
    assert.equal(slice(text, node.key.span), 'app');
  });

  test('all() and global()', () => {
    const all = parse(' all( ) ');
    assert.deepEqual(all.span, { start: 1, end: 7 });
    const global = parse('global()');
    assert.deepEqual(global, { kind: 'global', span: { start: 0, end: 8 } });
  });

  test('a negation covers the `!` and its operand, parentheses included', () => {
    const text = '!a == "x"';
    const node = parse(text);
    assert.ok(node.kind === 'not');
    assert.equal(slice(text, node.span), text);
    assert.equal(slice(text, node.operand.span), 'a == "x"');
    const grouped = '! (has(a) || has(b))';
    const g = parse(grouped);
    assert.ok(g.kind === 'not' && g.operand.kind === 'or');
    assert.equal(slice(grouped, g.span), grouped);
    assert.equal(slice(grouped, g.operand.span), 'has(a) || has(b)');
  });

  test('&& and || groups span their operands', () => {
    const text = '(a == "x" || b == "y") && c == "z"';
    const node = parse(text);
    assert.ok(node.kind === 'and');
    assert.equal(slice(text, node.span), text);
    const [or, c] = node.operands;
    assert.ok(or.kind === 'or');
    assert.equal(slice(text, or.span), 'a == "x" || b == "y"');
    assert.equal(slice(text, or.operands[1].span), 'b == "y"');
    assert.equal(slice(text, c.span), 'c == "z"');
  });
});

describe('tokenizeSelector', () => {
  const brief = (tokens: SelectorToken[]) => tokens.map((t) => [t.kind, t.text, t.start, t.end]);

  test('a comparison', () => {
    const { tokens, error } = tokenizeSelector('app == "x"');
    assert.equal(error, undefined);
    assert.deepEqual(brief(tokens), [
      ['label', 'app', 0, 3],
      ['operator', '==', 4, 6],
      ['string', '"x"', 7, 10],
    ]);
    assert.equal(tokens[2].value, 'x');
  });

  test('has(): the keyword and its parenthesis are separate tokens', () => {
    const { tokens } = tokenizeSelector('!has(a)&&b!="y"||all()');
    assert.deepEqual(brief(tokens), [
      ['logical', '!', 0, 1],
      ['function', 'has', 1, 4],
      ['paren', '(', 4, 5],
      ['label', 'a', 5, 6],
      ['paren', ')', 6, 7],
      ['logical', '&&', 7, 9],
      ['label', 'b', 9, 10],
      ['operator', '!=', 10, 12],
      ['string', '"y"', 12, 15],
      ['logical', '||', 15, 17],
      ['function', 'all', 17, 20],
      ['paren', '(', 20, 21],
      ['paren', ')', 21, 22],
    ]);
  });

  test('sets, commas and two-word operators', () => {
    const { tokens } = tokenizeSelector(`a not  in {"x", 'y',}`);
    assert.deepEqual(brief(tokens), [
      ['label', 'a', 0, 1],
      ['operator', 'not  in', 2, 9],
      ['brace', '{', 10, 11],
      ['string', '"x"', 11, 14],
      ['comma', ',', 14, 15],
      ['string', "'y'", 16, 19],
      ['comma', ',', 19, 20],
      ['brace', '}', 20, 21],
    ]);
    assert.equal(tokens[5].value, 'y');
  });

  test('operator words only after a label; elsewhere they are labels', () => {
    assert.deepEqual(brief(tokenizeSelector('in in {}').tokens).slice(0, 2), [
      ['label', 'in', 0, 2],
      ['operator', 'in', 3, 5],
    ]);
    assert.deepEqual(brief(tokenizeSelector('contains contains ""').tokens).slice(0, 2), [
      ['label', 'contains', 0, 8],
      ['operator', 'contains', 9, 17],
    ]);
    assert.deepEqual(brief(tokenizeSelector('a startswith "x"').tokens)[1], ['operator', 'startswith', 2, 12]);
    assert.deepEqual(brief(tokenizeSelector('a ends   with "x"').tokens)[1], ['operator', 'ends   with', 2, 13]);
  });

  test('a keyword followed by a space is a label', () => {
    assert.deepEqual(brief(tokenizeSelector('has (a)').tokens), [
      ['label', 'has', 0, 3],
      ['paren', '(', 4, 5],
      ['label', 'a', 5, 6],
      ['paren', ')', 6, 7],
    ]);
  });

  test('keeps going after a bad character so the rest can still be highlighted', () => {
    const { tokens, error } = tokenizeSelector('a @ b == "c" && has(d)');
    assert.equal(error?.code, 'unexpected-character');
    assert.equal(error?.offset, 2);
    assert.deepEqual(
      tokens.map((t) => t.text),
      ['a', 'b', '==', '"c"', '&&', 'has', '(', 'd', ')'],
    );
  });

  test('keeps going after a newline and reports the first error only', () => {
    const { tokens, error } = tokenizeSelector('a == "x"\n&& b = "y"');
    assert.equal(error?.code, 'illegal-whitespace');
    assert.equal(error?.offset, 8);
    assert.deepEqual(
      tokens.map((t) => t.kind),
      ['label', 'operator', 'string', 'logical', 'label', 'string'],
    );
  });

  test('an unterminated string runs to the end of the text', () => {
    const { tokens, error } = tokenizeSelector('a == "xy');
    assert.equal(error?.code, 'unterminated-string');
    assert.deepEqual(brief(tokens)[2], ['string', '"xy', 5, 8]);
    assert.equal(tokens[2].value, 'xy');
  });

  test('an unknown word after a label is an error, and still a label token', () => {
    const { tokens, error } = tokenizeSelector('a eq "x"');
    assert.equal(error?.code, 'expected-operator');
    assert.deepEqual(brief(tokens)[1], ['label', 'eq', 2, 4]);
  });

  test('every token text is the source slice, in order', () => {
    const text = '!(a in {"x"} || b starts with "p") && has(c) && d != \'q\'';
    const { tokens } = tokenizeSelector(text);
    let last = 0;
    for (const t of tokens) {
      assert.ok(t.start >= last && t.end > t.start);
      assert.equal(text.slice(t.start, t.end), t.text);
      last = t.end;
    }
  });
});

describe('labelReferences', () => {
  test('lists every label key in source order with its node', () => {
    const text = 'a == "x" && !has(b) || c in {} && (d starts with "p" || !e != "q")';
    const refs = labelReferences(parse(text));
    assert.deepEqual(refs.map((r) => r.key.name), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(refs.map((r) => r.node.kind), ['compare', 'has', 'set', 'compare', 'compare']);
    for (const r of refs) assert.equal(slice(text, r.key.span), r.key.name);
  });

  test('all() and global() mention no labels; repeated keys are listed each time', () => {
    assert.deepEqual(labelReferences(parse('all() && global()')), []);
    assert.equal(labelReferences(parse('a == "x" || a == "y"')).length, 2);
  });
});
