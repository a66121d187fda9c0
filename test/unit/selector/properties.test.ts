// Property tests: any input is handled without throwing, printing round-trips, and contradiction
// claims are sound (no label map matches a selector said never to match).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { reprinted } from '../../support/selectorPrinting';
import {
  parseSelector,
  validateSelector,
  tokenizeSelector,
  printSelector,
  selectorsEqual,
  evaluateSelector,
  findContradiction,
  type SelectorNode,
  type StringLiteral,
  type ComparisonOperator,
} from '../../../server/src/selector/index';

const span = { start: 0, end: 0 };

/** Characters that exercise every tokenizer branch. */
const selectorChars = fc.constantFrom(
  ...'ab_-./Z09 \t\n\r(){},=!&|"\'@:äin'.split(''),
  'has(', 'all(', 'global(', ' in ', ' not in ', ' contains ', ' starts with ', ' endswith ', ' == ', ' != ', ' && ', ' || ', '😀',
);
const selectorLike = fc.array(selectorChars, { maxLength: 40 }).map((parts) => parts.join(''));

const validSeeds = [
  'k8s-app == "kube-dns"',
  'projectcalico.org/name not in {"kube-system", "calico-system", "calico-apiserver"}',
  'app == "customer" && has(tier)',
  '!(a in {"x",} || b starts with \'p\') && has( c ) && d != "q" || all()',
];

/** A valid selector with a few characters inserted, deleted or replaced. */
const mutated = fc
  .tuple(
    fc.constantFrom(...validSeeds),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.string({ minLength: 1, maxLength: 2, unit: 'binary' })), { minLength: 1, maxLength: 4 }),
  )
  .map(([seed, edits]) => {
    let s = seed;
    for (const [at, kind, text] of edits) {
      const i = at % (s.length + 1);
      s = kind === 'insert' ? s.slice(0, i) + text + s.slice(i) : kind === 'delete' ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + text + s.slice(i + 1);
    }
    return s;
  });

function checkNeverThrows(text: string): void {
  const result = parseSelector(text);
  if (!result.ok) {
    const { offset, length } = result.error;
    assert.ok(offset >= 0 && length >= 0 && offset + length <= text.length, `bad span ${offset}+${length}`);
    assert.ok(length >= 1 || offset === text.length, 'an empty underline only at the end of the text');
    assert.ok(result.error.message.length > 0);
  }
  assert.deepEqual(validateSelector(text), result.ok ? undefined : result.error);
  const { tokens } = tokenizeSelector(text);
  let last = 0;
  for (const t of tokens) {
    assert.ok(t.start >= last && t.end > t.start && t.end <= text.length);
    assert.equal(text.slice(t.start, t.end), t.text);
    last = t.end;
  }
}

// Random ASTs over a small vocabulary, so keys and values collide often.
const key = fc.oneof(fc.constantFrom('a', 'b', 'has', 'in', 'not', 'all', '-x', 'p.q/r'), fc.stringMatching(/^[a-zA-Z0-9_./-]{1,12}$/));
const value = fc
  .oneof(fc.constantFrom('', 'x', 'y', 'xy', 'yx', 'x"', "y'", 'a b', '\n'), fc.string({ maxLength: 6 }))
  .filter((v) => !(v.includes('"') && v.includes("'")));
const literal = (v: string): StringLiteral => ({ value: v, quote: '"', span });

const node: fc.Arbitrary<SelectorNode> = fc.letrec<{ node: SelectorNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<SelectorNode>({ kind: 'all', span }, { kind: 'global', span }),
    key.map((k): SelectorNode => ({ kind: 'has', key: { name: k, span }, span })),
    fc.tuple(key, fc.constantFrom<ComparisonOperator>('==', '!=', 'contains', 'starts with', 'ends with'), value).map(
      ([k, operator, v]): SelectorNode => ({ kind: 'compare', key: { name: k, span }, operator, operatorSpan: span, value: literal(v), span }),
    ),
    fc.tuple(key, fc.constantFrom('in' as const, 'not in' as const), fc.array(value, { maxLength: 3 })).map(
      ([k, operator, vs]): SelectorNode => ({ kind: 'set', key: { name: k, span }, operator, operatorSpan: span, values: vs.map(literal), span }),
    ),
    tie('node').map((operand): SelectorNode => ({ kind: 'not', operand, span })),
    fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((operands): SelectorNode => ({ kind: 'and', operands, span })),
    fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((operands): SelectorNode => ({ kind: 'or', operands, span })),
  ),
})).node;

const labelsArb = fc.dictionary(fc.constantFrom('a', 'b', 'has', 'in', 'not', 'all', '-x', 'p.q/r'), fc.constantFrom('', 'x', 'y', 'xy', 'yx', 'x"', "y'", 'a b'), { maxKeys: 6 });

/** Label maps over the keys the selector uses, with values made from its literals (absent, each, pairs joined). */
function* candidateLabelMaps(ast: SelectorNode, limit: number): Generator<Record<string, string>> {
  const keys = new Set<string>();
  const strings = new Set<string>(['', 'zz']);
  const visit = (n: SelectorNode): void => {
    if (n.kind === 'has') keys.add(n.key.name);
    if (n.kind === 'compare') (keys.add(n.key.name), strings.add(n.value.value));
    if (n.kind === 'set') (keys.add(n.key.name), n.values.forEach((v) => strings.add(v.value)));
    if (n.kind === 'not') visit(n.operand);
    if (n.kind === 'and' || n.kind === 'or') n.operands.forEach(visit);
  };
  visit(ast);
  const base = [...strings];
  const values = new Set(base);
  for (const x of base) for (const y of base) values.add(x + y);
  const options: (string | undefined)[] = [undefined, ...values];
  const keyList = [...keys];
  const total = Math.min(limit, options.length ** keyList.length);
  for (let n = 0; n < total; n++) {
    const labels: Record<string, string> = {};
    let rest = n;
    for (const k of keyList) {
      const v = options[rest % options.length];
      rest = Math.floor(rest / options.length);
      if (v !== undefined) labels[k] = v;
    }
    yield labels;
  }
}

describe('selector properties', () => {
  test('random selector-like strings never make anything throw', () => {
    fc.assert(fc.property(selectorLike, (text) => checkNeverThrows(text)), { numRuns: 2000 });
  });

  test('arbitrary strings never make anything throw', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60, unit: 'binary' }), (text) => checkNeverThrows(text)), { numRuns: 1000 });
  });

  test('mutated valid selectors never make anything throw', () => {
    fc.assert(fc.property(mutated, (text) => checkNeverThrows(text)), { numRuns: 2000 });
  });

  test('printing round-trips: parse(print(ast)) equals ast, and printing is idempotent', () => {
    fc.assert(
      fc.property(node, (ast) => {
        const printed = printSelector(ast);
        const reparsed = parseSelector(printed);
        assert.ok(reparsed.ok, `${printed}: ${reparsed.ok ? '' : reparsed.error.message}`);
        assert.ok(selectorsEqual(reparsed.ast, ast), printed);
        assert.equal(printSelector(reparsed.ast), reprinted(printed));
      }),
      { numRuns: 1500 },
    );
  });

  test('the canonical form matches exactly the same labels', () => {
    fc.assert(
      fc.property(node, labelsArb, (ast, labels) => {
        const reparsed = parseSelector(printSelector(ast));
        assert.ok(reparsed.ok);
        assert.equal(evaluateSelector(reparsed.ast, labels), evaluateSelector(ast, labels));
      }),
      { numRuns: 1500 },
    );
  });

  test('a claimed contradiction is never matched by any label map', () => {
    let claims = 0;
    fc.assert(
      fc.property(node, fc.array(labelsArb, { minLength: 20, maxLength: 20 }), (ast, labelMaps) => {
        if (!findContradiction(ast)) return;
        claims++;
        for (const labels of labelMaps) assert.equal(evaluateSelector(ast, labels), false, `${printSelector(ast)} matched ${JSON.stringify(labels)}`);
      }),
      { numRuns: 3000 },
    );
    assert.ok(claims > 20, `too few contradictions generated (${claims}) to test soundness`);
  });

  test('a claimed contradiction survives an exhaustive search over values built from its own strings', () => {
    fc.assert(
      fc.property(node, (ast) => {
        if (!findContradiction(ast)) return;
        for (const labels of candidateLabelMaps(ast, 4000)) {
          assert.equal(evaluateSelector(ast, labels), false, `${printSelector(ast)} matched ${JSON.stringify(labels)}`);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
