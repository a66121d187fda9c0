// Selector errors are underlined at the exact character in the file, whatever the YAML scalar style.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, lint } from '../../support/validationHelpers';

const head = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: a\n  namespace: shop\nspec:\n';

function selectorError(specBody: string) {
  const text = head + specBody;
  const d = lint(text).find((x) => x.code === 'POL-SEL-PARSE' || x.code === 'ER-SEL-PARSE');
  assert.ok(d, `a selector error in ${JSON.stringify(specBody)}`);
  return { text, d, underlined: text.slice(d.start, d.end) };
}

describe('selector error ranges', () => {
  const cases: { style: string; body: string; underlined: string; before: string }[] = [
    { style: 'plain', body: '  selector: app == "x" && tier = "web"\n', underlined: '=', before: 'tier ' },
    { style: 'single-quoted', body: "  selector: 'app == ''x'' && tier = ''web'''\n", underlined: '=', before: 'tier ' },
    { style: 'double-quoted with escapes', body: '  selector: "app == \\"x\\" && tier = \\"web\\""\n', underlined: '=', before: 'tier ' },
    { style: 'literal block without chomping (trailing newline)', body: '  selector: |\n    app == "x"\n  types: [Ingress]\n', underlined: '\n', before: '"x"' },
    { style: 'folded block over two lines', body: '  selector: >-\n    app == "x"\n    && tier = "web"\n', underlined: '=', before: 'tier ' },
    { style: 'rule selector', body: '  ingress:\n    - action: Allow\n      source:\n        selector: role == db\n', underlined: 'db', before: '== ' },
  ];
  for (const c of cases) {
    test(c.style, () => {
      const { text, d, underlined } = selectorError(c.body);
      assert.equal(underlined, c.underlined);
      assert.equal(text.slice(d.start - c.before.length, d.start), c.before);
    });
  }
});

describe('selector quick fixes', () => {
  const cases: { name: string; selector: string; fixed: string }[] = [
    { name: '= becomes ==', selector: 'app = "x"', fixed: 'app == "x"' },
    { name: 'and becomes &&', selector: 'app == "x" and b == "y"', fixed: 'app == "x" && b == "y"' },
    { name: 'or becomes ||', selector: 'app == "x" or b == "y"', fixed: 'app == "x" || b == "y"' },
    { name: 'bare value is quoted', selector: 'app == customer', fixed: 'app == "customer"' },
    { name: 'space before ( is removed', selector: 'has (app)', fixed: 'has(app)' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const text = `${head}  selector: ${c.selector}\n`;
      const d = lint(text).find((x) => x.code === 'POL-SEL-PARSE');
      assert.ok(d?.fixes?.length, 'has a fix');
      const after = applyFix(text, d.fixes[0]);
      assert.equal(after, `${head}  selector: ${c.fixed}\n`);
      assert.ok(!lint(after).some((x) => x.code === 'POL-SEL-PARSE'));
    });
  }

  test('a bare value inside a double-quoted YAML string is quoted with single quotes', () => {
    const text = `${head}  selector: "app == customer"\n`;
    const d = lint(text).find((x) => x.code === 'POL-SEL-PARSE')!;
    const after = applyFix(text, d.fixes![0]);
    assert.equal(after, `${head}  selector: "app == 'customer'"\n`);
    assert.deepEqual(lint(after).filter((x) => x.severity === 'error'), []);
  });

  test('a | block gets |- so the trailing newline goes away', () => {
    const text = `${head}  selector: |\n    app == "x"\n`;
    const d = lint(text).find((x) => x.code === 'POL-SEL-PARSE')!;
    const after = applyFix(text, d.fixes![0]);
    assert.equal(after, `${head}  selector: |-\n    app == "x"\n`);
    assert.deepEqual(lint(after).filter((x) => x.severity === 'error'), []);
  });
});

describe('global()', () => {
  const gnp = 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: g\nspec:\n';
  test('is accepted as a whole rule namespaceSelector', () => {
    const text = `${gnp}  ingress:\n    - action: Allow\n      source:\n        namespaceSelector: global()\n`;
    assert.deepEqual(lint(text).filter((d) => d.severity === 'error'), []);
  });
  test('inside a rule selector string literal is still rejected (substring test)', () => {
    const text = `${gnp}  ingress:\n    - action: Allow\n      source:\n        selector: a == "global()"\n`;
    assert.ok(lint(text).some((d) => d.code === 'ER-SEL-GLOBAL'));
  });
});
