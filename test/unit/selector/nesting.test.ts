// Deeply nested selectors found by fuzzing: a named error at the exact `(`, and every walk over the AST
// (print, evaluate, contradictions, references, validation) copes with the deepest selector the parser accepts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_SELECTOR_NESTING,
  evaluateSelector,
  findContradiction,
  labelReferences,
  parseSelector,
  printSelector,
  selectorsEqual,
  validateSelector,
} from '../../../server/src/selector/index';
import { parseFile } from '../../../server/src/document';
import { validateFile } from '../../../server/src/validation';

const nested = (depth: number, open = '(') => `${open.repeat(depth)}a == "x"${')'.repeat(depth)}`;

describe('selector nesting', () => {
  test(`${MAX_SELECTOR_NESTING + 1} parentheses: nesting-too-deep at the first \`(\` over the limit`, () => {
    for (const text of [nested(MAX_SELECTOR_NESTING + 1), nested(5000), nested(3000, '!(')]) {
      const r = parseSelector(text);
      assert.equal(r.ok, false);
      if (r.ok) continue;
      assert.equal(r.error.code, 'nesting-too-deep');
      const step = text.startsWith('!(') ? 2 : 1;
      assert.equal(r.error.offset, MAX_SELECTOR_NESTING * step + step - 1);
      assert.equal(r.error.length, 1);
      assert.equal(text[r.error.offset], '(');
      assert.deepEqual(validateSelector(text), r.error);
    }
  });

  test('the deepest accepted selector is printed, evaluated, analysed and compared', () => {
    // The inner group is the hundredth `(`.
    const outer = MAX_SELECTOR_NESTING - 1;
    const text = `${'!('.repeat(outer)}a == "x" && (b == "y" || !has(c))${')'.repeat(outer)}`;
    const r = parseSelector(text);
    assert.ok(r.ok);
    if (!r.ok) return;
    // 99 negations, an odd number: the selector means `!(a == "x" && (b == "y" || !has(c)))`.
    assert.equal(evaluateSelector(r.ast, { a: 'x', b: 'y' }), false);
    assert.equal(evaluateSelector(r.ast, { a: 'x', c: '1' }), true);
    const printed = printSelector(r.ast);
    assert.ok(printed.endsWith('!(a == "x" && (b == "y" || !has(c)))'));
    assert.equal(findContradiction(r.ast), undefined);
    assert.deepEqual(labelReferences(r.ast).map((x) => x.key.name), ['a', 'b', 'c']);
    const again = parseSelector(printed);
    assert.ok(again.ok && selectorsEqual(again.ast, r.ast));
  });

  test('a long `!` chain folds, like Calico: an even run cancels out', () => {
    const even = parseSelector(`${'!'.repeat(100000)}has(a)`);
    const odd = parseSelector(`${'!'.repeat(100001)}has(a)`);
    assert.ok(even.ok && odd.ok);
    if (!even.ok || !odd.ok) return;
    assert.equal(evaluateSelector(even.ast, { a: '1' }), true);
    assert.equal(evaluateSelector(odd.ast, { a: '1' }), false);
  });

  test('in a policy the error points at the exact column of the `(`', () => {
    const selector = nested(400);
    const text = `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: deep\nspec:\n  selector: '${selector}'\n  types: [Ingress]\n  ingress:\n    - action: Allow\n      source:\n        notSelector: '${'!'.repeat(20000)}${nested(300)}'\n`;
    const ds = validateFile(parseFile(text), { calicoVersion: 'latest' });
    assert.deepEqual(ds.map((d) => d.code), ['POL-SEL-PARSE', 'ER-SEL-PARSE']);
    const first = text.indexOf("'") + 1 + MAX_SELECTOR_NESTING;
    assert.equal(ds[0].start, first);
    assert.match(ds[0].message, /nested more than 100 deep/);
    const second = text.indexOf("notSelector: '") + "notSelector: '".length + 20000 + MAX_SELECTOR_NESTING;
    assert.equal(ds[1].start, second);
  });
});
