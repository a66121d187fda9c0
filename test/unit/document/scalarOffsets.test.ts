import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isScalar, type Scalar } from 'yaml';
import { fileOffsetToValueOffset, parseFile, valueOffsetToFileOffset } from '../../../server/src/document';

function scalarOf(text: string): { file: ReturnType<typeof parseFile>; scalar: Scalar } {
  const file = parseFile(text);
  const node = (file.documents[0].yaml.contents as any).get('v', true);
  assert.ok(isScalar(node));
  return { file, scalar: node as Scalar };
}

// For each style: the YAML, a character of the decoded value, and where that character is in the file.
const cases: { name: string; yaml: string; valueIndex: number; fileText: string; occurrence?: number }[] = [
  { name: 'plain', yaml: 'v: app == "x" && b == "y"\n', valueIndex: 14, fileText: 'b ==' },
  { name: 'plain, folded over lines', yaml: 'v: app == "x"\n  && b == "y"\n', valueIndex: 14, fileText: 'b ==' },
  { name: 'single-quoted with doubled quote', yaml: "v: 'a == ''x'' && zz == ''y'''\n", valueIndex: 12, fileText: 'zz' },
  { name: 'double-quoted with escapes', yaml: 'v: "a == \\"x\\" && zz == \\"y\\""\n', valueIndex: 12, fileText: 'zz' },
  { name: 'double-quoted with \\x escape', yaml: 'v: "\\x41 == \\"x\\" && zz"\n', valueIndex: 12, fileText: 'zz' },
  { name: 'literal block', yaml: 'v: |\n  a == "x"\n  zz == "y"\n', valueIndex: 9, fileText: 'zz' },
  { name: 'folded block', yaml: 'v: >\n  a == "x"\n  && zz == "y"\n', valueIndex: 12, fileText: 'zz' },
  { name: 'literal block, strip', yaml: 'v: |-\n    a == "x" && zz\n', valueIndex: 12, fileText: 'zz' },
];

describe('valueOffsetToFileOffset', () => {
  for (const c of cases) {
    test(c.name, () => {
      const { file, scalar } = scalarOf(c.yaml);
      const expected = c.yaml.indexOf(c.fileText);
      assert.equal((scalar.value as string).slice(c.valueIndex, c.valueIndex + 2), c.fileText.slice(0, 2), 'case is self-consistent');
      assert.equal(valueOffsetToFileOffset(file, scalar, c.valueIndex), expected);
      assert.equal(fileOffsetToValueOffset(file, scalar, expected), c.valueIndex);
    });
  }

  test('the trailing newline of a | block maps to the line break in the file', () => {
    const yaml = 'v: |\n  a == "x"\nw: 1\n';
    const { file, scalar } = scalarOf(yaml);
    const value = scalar.value as string;
    assert.equal(value, 'a == "x"\n');
    assert.equal(valueOffsetToFileOffset(file, scalar, value.length - 1), yaml.indexOf('"\n') + 1);
  });

  test('an offset outside the value is undefined in reverse', () => {
    const yaml = 'v: "abc"\n';
    const { file, scalar } = scalarOf(yaml);
    assert.equal(fileOffsetToValueOffset(file, scalar, 0), undefined);
  });
});

describe('offset maps of reused scalars', () => {
  test('a scalar moved by an edit above it maps to its new place', () => {
    const doc = (name: string) => `name: ${name}\nv: "a == \\"x\\" && zz == \\"y\\""\n`;
    const before = parseFile(`${doc('a')}---\n${doc('b')}`);
    const scalarIn = (file: ReturnType<typeof parseFile>) => (file.documents[1].yaml.contents as any).get('v', true) as Scalar;
    const old = scalarIn(before);
    const oldAt = valueOffsetToFileOffset(before, old, 12);
    assert.equal(before.text.slice(oldAt, oldAt + 2), 'zz');
    // Lengthen the first document; the second is reused (the same scalar object) and moved.
    const after = parseFile(`${doc('a-much-longer-name')}---\n${doc('b')}`, before);
    const moved = scalarIn(after);
    assert.equal(moved, old, 'the unchanged document is reused');
    const at = valueOffsetToFileOffset(after, moved, 12);
    assert.equal(after.text.slice(at, at + 2), 'zz');
    assert.equal(fileOffsetToValueOffset(after, moved, at), 12);
  });
});
