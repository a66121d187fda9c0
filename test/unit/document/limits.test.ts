// Hostile YAML found by fuzzing: deep nesting, error floods, complex keys and alias bombs each get one clear
// diagnostic, and the file's other documents are still checked.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isMap } from 'yaml';
import { MAX_NESTING, MAX_SYNTAX_ERRORS, parseFile, resourcesOf } from '../../../server/src/document';
import { validateFile, type CalicoDiagnostic } from '../../../server/src/validation';
import { plainValue } from '../../../server/src/model';

const policy = (name: string, extra = '') =>
  `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  selector: app == "${name}"\n${extra}`;
/** A second document with a known mistake: a single `=` in its selector (POL-SEL-PARSE). */
const broken = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: other\n  namespace: shop\nspec:\n  selector: app = "db"\n';

const lint = (text: string) => validateFile(parseFile(text), { calicoVersion: 'latest' });
const codes = (ds: CalicoDiagnostic[]) => ds.map((d) => d.code);

/** Offset of the n-th (1-based) occurrence of `s`. */
function nth(text: string, s: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) at = text.indexOf(s, at + 1);
  assert.ok(at >= 0, `${s} occurs ${n} times`);
  return at;
}

describe('deep nesting', () => {
  // The root and `spec` mappings are levels 1 and 2, so the (MAX_NESTING - 1)th `[` is one level too many.
  const tooDeepBracket = MAX_NESTING - 1;

  test('thousands of `[` give one YAML-TOO-DEEP at the bracket one level too deep; the next document is checked', () => {
    const deep = policy('a', `  ingress: ${'['.repeat(5000)}\n`);
    const text = `${deep}---\n${broken}`;
    const ds = lint(text);
    assert.deepEqual(codes(ds), ['YAML-TOO-DEEP', 'POL-SEL-PARSE']);
    assert.equal(ds[0].start, nth(text, '[', tooDeepBracket));
    assert.equal(ds[0].severity, 'error');
    assert.match(ds[0].message, /nested more than 256 levels/);
    assert.ok(ds[1].start > text.indexOf('---'));
  });

  test('closed brackets, flow mappings and block mappings / sequences are caught the same way', () => {
    const inputs = [
      policy('a', `  ingress: ${'['.repeat(3000)}${']'.repeat(3000)}\n`),
      policy('a', `  ingress: ${'[{a: '.repeat(2000)}${'}]'.repeat(2000)}\n`),
      policy('a', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n') + '\n'),
      policy('a', '  ingress:\n' + Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 4)}-`).join('\n') + '\n'),
    ];
    for (const deep of inputs) {
      const ds = lint(`${broken}---\n${deep}---\n${broken}`);
      assert.deepEqual(codes(ds), ['POL-SEL-PARSE', 'YAML-TOO-DEEP', 'POL-SEL-PARSE'], deep.slice(0, 160));
    }
  });

  test('nesting just inside the limit is read and checked normally', () => {
    const depth = MAX_NESTING - 2;
    const text = policy('a', `  x: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    const ds = lint(text);
    assert.deepEqual(codes(ds), ['SCHEMA-UNKNOWN-FIELD']);
    const doc = parseFile(text).documents[0];
    assert.equal(doc.resource?.name, 'a');
  });
});

describe('syntax error floods', () => {
  test('are capped per document with a count of the rest, and the other documents are still checked', () => {
    // Every `]` after the closed list is its own syntax error.
    const flood = policy('a', `  x: [a]${']'.repeat(20000)}\n`);
    const ds = lint(`${flood}---\n${broken}`);
    const syntax = ds.filter((d) => d.code === 'YAML-SYNTAX');
    assert.equal(syntax.length, MAX_SYNTAX_ERRORS + 1);
    assert.match(syntax[syntax.length - 1].message, /^… and [\d,]+ more YAML syntax errors in this document/);
    const more = Number(/and ([\d,]+) more/.exec(syntax[syntax.length - 1].message)![1].replace(/,/g, ''));
    assert.ok(more + MAX_SYNTAX_ERRORS >= 20000, `counted ${more}`);
    assert.ok(codes(ds).includes('POL-SEL-PARSE'));
  });
});

describe('keys', () => {
  test('a mapping used as a key is YAML-COMPLEX-KEY on the key', () => {
    const text = policy('a', '  { app: database }: x\n  [a, b]: y\n');
    const ds = lint(text).filter((d) => d.code === 'YAML-COMPLEX-KEY');
    assert.deepEqual(
      ds.map((d) => text.slice(d.start, d.end)),
      ['{ app: database }', '[a, b]'],
    );
    assert.ok(ds.every((d) => d.severity === 'error'));
  });

  test('an alias of a mapping used as a key is reported too; an alias of a string is a normal key', () => {
    const text = policy('a', '  x: &m {a: b}\n  y: &s selector\n  *m : 1\n');
    const ds = lint(text).filter((d) => d.code === 'YAML-COMPLEX-KEY');
    assert.deepEqual(ds.map((d) => text.slice(d.start, d.end)), ['*m']);
  });

  test('repeated keys are reported as the yaml library compares them (by value and type)', () => {
    const text = 'a: 1\n"a": 2\n1: x\n"1": y\nnull: p\n~: q\n.nan: n\n.nan: m\n';
    const ds = lint(text).filter((d) => d.code === 'YAML-DUP-KEY');
    assert.deepEqual(ds.map((d) => text.slice(d.start, d.end)), ['"a"', '~']);
  });

  test('many distinct keys are not duplicates', () => {
    const text = policy('a', '  x:\n' + Array.from({ length: 5000 }, (_, i) => `    k${i}: v`).join('\n') + '\n    k17: again\n');
    const ds = lint(text).filter((d) => d.code === 'YAML-DUP-KEY');
    assert.deepEqual(ds.map((d) => text.slice(d.start, d.end)), ['k17']);
  });
});

describe('aliases', () => {
  const bomb = ['  x0: &x0 [a, a, a, a, a, a, a, a, a, a]', ...Array.from({ length: 8 }, (_, i) => `  x${i + 1}: &x${i + 1} [${Array(10).fill(`*x${i}`).join(', ')}]`)].join('\n');

  test('an alias bomb is one YAML-ALIAS-LIMIT error, and the policy is still read', () => {
    const text = `${policy('a', '  types: [Egress]\n  egress:\n    - action: Deny\n')}bomb:\n${bomb}\n`;
    const file = parseFile(text);
    const ds = validateFile(file, { calicoVersion: 'latest' });
    assert.equal(ds.filter((d) => d.code === 'YAML-ALIAS-LIMIT').length, 1);
    const [{ node }] = resourcesOf(file.documents[0]);
    const value = plainValue(file.documents[0], node) as { spec: { selector: string; egress: { action: string }[] } };
    assert.equal(value.spec.selector, 'app == "a"');
    assert.equal(value.spec.egress[0].action, 'Deny');
  });

  test('plainValue resolves aliases, leaves out complex keys and reads a cycle as null', () => {
    const text = 'a: &r {action: Allow}\nb: [*r, *r]\n{x: y}: z\nc: &c [1, *c]\nd: *missing\n';
    const file = parseFile(text);
    const root = file.documents[0].yaml.contents;
    assert.ok(isMap(root));
    const value = plainValue(file.documents[0], root) as Record<string, unknown>;
    assert.deepEqual(value, { a: { action: 'Allow' }, b: [{ action: 'Allow' }, { action: 'Allow' }], c: [1, null], d: null });
  });
});
