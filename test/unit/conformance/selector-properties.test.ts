// Property-based selector conformance: random expressions rendered in random valid spellings are parsed and
// evaluated by the product, and compared with an evaluator written here from reference §6.3.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSelector, evaluateSelector, printSelector, selectorsEqual, findContradiction } from '../../../server/src/selector/index';
import { reprinted } from '../../support/selectorPrinting';

type Expr =
  | { t: '==' | '!=' | 'contains' | 'starts with' | 'ends with'; k: string; v: string }
  | { t: 'in' | 'not in'; k: string; vs: string[] }
  | { t: 'has'; k: string }
  | { t: 'all' }
  | { t: '!'; e: Expr }
  | { t: '&&' | '||'; a: Expr; b: Expr };

type Labels = Record<string, string>;

const wideKeys = ['a', 'b', 'app', 'x.y/z', 'in', 'has'];
const values = ['', 'x', 'y', 'xy', "it's", 'say "hi"'];

/** Reference §6.3, written independently of the product. */
function expected(e: Expr, l: Labels): boolean {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(l, k);
  switch (e.t) {
    case '==': return has(e.k) && l[e.k] === e.v;
    case '!=': return !has(e.k) || l[e.k] !== e.v;
    case 'contains': return has(e.k) && l[e.k].includes(e.v);
    case 'starts with': return has(e.k) && l[e.k].startsWith(e.v);
    case 'ends with': return has(e.k) && l[e.k].endsWith(e.v);
    case 'in': return has(e.k) && e.vs.includes(l[e.k]);
    case 'not in': return !has(e.k) || !e.vs.includes(l[e.k]);
    case 'has': return has(e.k);
    case 'all': return true;
    case '!': return !expected(e.e, l);
    case '&&': return expected(e.a, l) && expected(e.b, l);
    case '||': return expected(e.a, l) || expected(e.b, l);
  }
}

const space = fc.constantFrom('', ' ', '\t', '  ');
const someSpace = fc.constantFrom(' ', '\t', ' \t ');

function quoteArb(v: string): fc.Arbitrary<string> {
  if (v.includes('"')) return fc.constant(`'${v}'`);
  if (v.includes("'")) return fc.constant(`"${v}"`);
  return fc.constantFrom(`"${v}"`, `'${v}'`);
}

const exprOver = (ks: string[]): fc.Arbitrary<Expr> => fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ t: fc.constantFrom('==' as const, '!=' as const, 'contains' as const, 'starts with' as const, 'ends with' as const), k: fc.constantFrom(...ks), v: fc.constantFrom(...values) }),
    fc.record({ t: fc.constantFrom('in' as const, 'not in' as const), k: fc.constantFrom(...ks), vs: fc.array(fc.constantFrom(...values), { maxLength: 3 }) }),
    fc.record({ t: fc.constant('has' as const), k: fc.constantFrom(...ks) }),
    fc.constant({ t: 'all' as const }),
    fc.record({ t: fc.constant('!' as const), e: tie('e') }),
    fc.record({ t: fc.constantFrom('&&' as const, '||' as const), a: tie('e'), b: tie('e') }),
  ),
})).e;
const exprArb = exprOver(wideKeys);

const prec = (e: Expr) => (e.t === '||' ? 1 : e.t === '&&' ? 2 : 3);

/** Renders with the fewest parentheses precedence allows, and random valid spellings and spacing. */
function render(e: Expr): fc.Arbitrary<string> {
  const wrap = (inner: Expr, min: number) => render(inner).chain((s) => (prec(inner) < min ? fc.tuple(space, space).map(([x, y]) => `(${x}${s}${y})`) : fc.constant(s)));
  switch (e.t) {
    case '==':
    case '!=':
      return fc.tuple(space, space, quoteArb(e.v)).map(([x, y, q]) => `${e.k}${x}${e.t}${y}${q}`);
    case 'contains':
    case 'starts with':
    case 'ends with': {
      const word = e.t === 'contains' ? fc.constant('contains') : fc.tuple(someSpace, fc.boolean()).map(([s, joined]) => (joined ? e.t.replace(' ', '') : e.t.replace(' ', s)));
      return fc.tuple(someSpace, word, space, quoteArb(e.v)).map(([x, w, y, q]) => `${e.k}${x}${w}${y}${q}`);
    }
    case 'in':
    case 'not in': {
      const word = e.t === 'in' ? fc.constant('in') : fc.tuple(someSpace, fc.boolean()).map(([s, joined]) => (joined ? 'notin' : `not${s}in`));
      const items = e.vs.length ? fc.tuple(...e.vs.map(quoteArb)) : fc.constant([] as string[]);
      return fc.tuple(someSpace, word, space, items, fc.boolean()).map(([x, w, y, qs, trailing]) => `${e.k}${x}${w}${y}{${qs.join(', ')}${trailing && qs.length ? ',' : ''}}`);
    }
    case 'has':
      return fc.tuple(space, space).map(([x, y]) => `has(${x}${e.k}${y})`);
    case 'all':
      return fc.constantFrom('all()', 'all( )');
    case '!':
      return fc.tuple(space, wrap(e.e, 3)).map(([x, s]) => `!${x}${s}`);
    case '&&':
    case '||': {
      const p = prec(e);
      // Left operand may share the precedence (left-assoc); the right one is wrapped when it has the same or lower.
      return fc.tuple(wrap(e.a, p), render(e.b).chain((s) => (prec(e.b) <= p ? fc.constant(`(${s})`) : fc.constant(s))), space, space).map(([l, r, x, y]) => `${l}${x}${e.t}${y}${r}`);
    }
  }
}

const labelsArb: fc.Arbitrary<Labels> = fc.dictionary(fc.constantFrom(...wideKeys), fc.constantFrom(...values), { maxKeys: 4 });

/** Every labelling of keys a and b over a domain rich enough for the generated string tests. */
const domain = [undefined, ...values, 'xx', 'yx', 'xyz', 'zz', 'x y', 'yy'];
const allLabellings: Labels[] = domain.flatMap((va) => domain.map((vb) => ({ ...(va === undefined ? {} : { a: va }), ...(vb === undefined ? {} : { b: vb }) })));
const caseArb = exprArb.chain((e) => fc.tuple(fc.constant(e), render(e), fc.array(labelsArb, { minLength: 1, maxLength: 5 })));

describe('selector conformance: properties', () => {
  test('every rendered expression parses and evaluates as reference §6.3 says', () => {
    fc.assert(
      fc.property(caseArb, ([e, text, labelSets]) => {
        const res = parseSelector(text);
        assert.ok(res.ok, `${JSON.stringify(text)} rejected: ${res.ok ? '' : `${res.error.code} at ${res.error.offset}`}`);
        for (const l of labelSets) assert.equal(evaluateSelector(res.ast, l), expected(e, l), `${text} on ${JSON.stringify(l)}`);
      }),
      { numRuns: 400 },
    );
  });

  test('the canonical form parses, is a fixed point, equals the input and evaluates the same', () => {
    fc.assert(
      fc.property(caseArb, ([e, text, labelSets]) => {
        const res = parseSelector(text);
        if (!res.ok) return;
        const printed = printSelector(res.ast);
        const again = parseSelector(printed);
        assert.ok(again.ok, `canonical ${JSON.stringify(printed)} rejected`);
        assert.equal(printSelector(again.ast), reprinted(printed));
        assert.ok(selectorsEqual(res.ast, again.ast));
        for (const l of labelSets) assert.equal(evaluateSelector(again.ast, l), expected(e, l), `${printed} on ${JSON.stringify(l)}`);
      }),
      { numRuns: 300 },
    );
  });

  test('a reported contradiction is real: no labelling satisfies the selector', () => {
    fc.assert(
      fc.property(exprOver(['a', 'b']).chain((e) => fc.tuple(fc.constant(e), render(e))), ([e, text]) => {
        const res = parseSelector(text);
        if (!res.ok) return;
        const c = findContradiction(res.ast);
        if (!c) return;
        const witness = allLabellings.find((l) => expected(e, l));
        assert.equal(witness, undefined, `${text} reported as never matching (${c.message}) but matches ${JSON.stringify(witness)}`);
      }),
      { numRuns: 1500 },
    );
  });

  test('appending a newline to any valid selector makes it invalid at that offset', () => {
    fc.assert(
      fc.property(caseArb, ([, text]) => {
        const res = parseSelector(`${text}\n`);
        assert.equal(res.ok, false);
        if (!res.ok) {
          assert.equal(res.error.code, 'illegal-whitespace');
          assert.equal(res.error.offset, text.length);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('arbitrary text never throws and errors stay inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab =!&|(){}",\'\t\nhasl()inotcs_./-'.split('')), maxLength: 40 }), (text) => {
        const res = parseSelector(text);
        if (!res.ok) {
          assert.ok(res.error.offset >= 0 && res.error.offset <= text.length);
          assert.ok(res.error.offset + res.error.length <= text.length);
        } else printSelector(res.ast);
      }),
      { numRuns: 1000 },
    );
  });
});
