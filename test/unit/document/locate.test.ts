import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { locate, parseFile, selectorSites } from '../../../server/src/document';

/** Text with a `|` cursor marker → file and the cursor offset. */
function at(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { file: parseFile(text), offset };
}

const head = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: a\n  namespace: shop\n';

describe('locate', () => {
  test('on a value inside a rule', () => {
    const { file, offset } = at(`${head}spec:\n  ingress:\n    - action: Allow\n      source:\n        selector: app == "w|eb"\n`);
    const loc = locate(file, offset)!;
    assert.equal(loc.on, 'value');
    assert.deepEqual(loc.path, ['spec', 'ingress', 0, 'source', 'selector']);
    assert.equal(loc.resource?.kind, 'NetworkPolicy');
  });

  test('on a key', () => {
    const { file, offset } = at(`${head}spec:\n  sel|ector: all()\n`);
    const loc = locate(file, offset)!;
    assert.equal(loc.on, 'key');
    assert.deepEqual(loc.path, ['spec', 'selector']);
    assert.ok(loc.parentMap?.has('selector'));
  });

  test('on a blank line inside a mapping', () => {
    const { file, offset } = at(`${head}spec:\n  selector: all()\n  |\n  types: [Ingress]\n`);
    const loc = locate(file, offset)!;
    assert.equal(loc.on, 'empty');
    assert.deepEqual(loc.path, ['spec']);
    assert.ok(loc.parentMap?.has('types'));
  });

  test('on a blank line indented under a rule list item', () => {
    const { file, offset } = at(`${head}spec:\n  ingress:\n    - action: Allow\n      |\n`);
    const loc = locate(file, offset)!;
    assert.equal(loc.on, 'empty');
    assert.deepEqual(loc.path, ['spec', 'ingress', 0]);
    assert.ok(loc.parentMap?.has('action'));
  });

  test('a word being typed under a key counts as a key', () => {
    const { file, offset } = at(`${head}spec:\n  sel|\n`);
    const loc = locate(file, offset)!;
    assert.equal(loc.on, 'key');
    assert.deepEqual(loc.path, ['spec', 'sel']);
  });

  test('a word typed as an item of a rule list is a key being typed', () => {
    const { file, offset } = at(`${head}spec:\n  ingress:\n    - act|\n`);
    const loc = locate(file, offset)!;
    assert.equal(loc.on, 'key');
    assert.deepEqual(loc.path, ['spec', 'ingress', 0, 'act']);
  });

  test('a word typed as an item of a list of strings is a value', () => {
    const { file, offset } = at(`${head}spec:\n  types:\n    - Ingr|\n`);
    const loc = locate(file, offset)!;
    assert.equal(loc.on, 'value');
    assert.deepEqual(loc.path, ['spec', 'types', 0]);
  });

  test('a blank line at column 0 after the spec is at the top level', () => {
    const { file, offset } = at(`${head}spec:\n  selector: all()\n|`);
    const loc = locate(file, offset)!;
    assert.equal(loc.on, 'empty');
    assert.deepEqual(loc.path, []);
    assert.ok(loc.parentMap?.has('spec'));
  });

  test('in the second document of a file', () => {
    const { file, offset } = at(`${head}spec: {}\n---\n${head}spec:\n  order: 1|0\n`);
    const loc = locate(file, offset)!;
    assert.equal(loc.document.index, 1);
    assert.deepEqual(loc.path, ['spec', 'order']);
  });

  test('inside a kind: List item, paths start at the item', () => {
    const { file, offset } = at(`apiVersion: v1\nkind: List\nitems:\n  - apiVersion: projectcalico.org/v3\n    kind: GlobalNetworkPolicy\n    metadata: {name: g}\n    spec:\n      selector: a|ll()\n`);
    const loc = locate(file, offset)!;
    assert.equal(loc.resource?.kind, 'GlobalNetworkPolicy');
    assert.deepEqual(loc.path, ['spec', 'selector']);
  });
});

describe('selectorSites', () => {
  test('lists policy-level and rule selectors with their context', () => {
    const text = `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: g}\nspec:\n  selector: a == "1"\n  namespaceSelector: ns == "x"\n  egress:\n    - action: Allow\n      destination:\n        selector: b == "2"\n        notSelector: c == "3"\n        serviceAccounts:\n          selector: d == "4"\n`;
    const sites = selectorSites(parseFile(text).documents[0]);
    assert.deepEqual(
      sites.map((s) => [s.field, s.level, s.direction, s.side, s.ruleIndex, s.text]),
      [
        ['selector', 'policy', undefined, undefined, undefined, 'a == "1"'],
        ['namespaceSelector', 'policy', undefined, undefined, undefined, 'ns == "x"'],
        ['selector', 'rule', 'egress', 'destination', 0, 'b == "2"'],
        ['notSelector', 'rule', 'egress', 'destination', 0, 'c == "3"'],
        ['serviceAccounts.selector', 'rule', 'egress', 'destination', 0, 'd == "4"'],
      ],
    );
    assert.deepEqual(sites[2].path, ['spec', 'egress', 0, 'destination', 'selector']);
  });

  test('Kubernetes NetworkPolicy has no selector strings', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: k}\nspec:\n  podSelector: {}\n';
    assert.deepEqual(selectorSites(parseFile(text).documents[0]), []);
  });
});
