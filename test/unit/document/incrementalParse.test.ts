// Re-parsing after edits must give the same model as parsing the edited text from scratch: node ranges,
// parser error positions, and the code lenses built on them follow documents that moved.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { parseFile, type ParsedFile } from '../../../server/src/document';
import { codeLenses } from '../../../server/src/features/codeLens';

const policy = (name: string) => `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: shop
spec:
  selector: app == "${name}"
  ingress:
    - action: Allow
      source:
        selector: role == "client"
      destination:
        ports: [80, "8000:8080"]
  egress:
    - action: Deny
`;

/** A document with a YAML syntax error (an unclosed flow sequence), so error positions must move too. */
const broken = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: broken
spec:
  types: [Ingress
`;

const base = [policy('a'), policy('b'), broken, policy('c'), policy('d')].join('---\n');

/** Every node's range and value in document order, plus the parser's error positions. */
function shape(file: ParsedFile): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    out.push([n.range ? [...n.range] : null, isScalar(n) ? n.value : null]);
    if (isMap(n) || isSeq(n)) {
      for (const item of n.items) {
        if (isPair(item)) {
          walk(item.key);
          walk(item.value);
        } else walk(item);
      }
    }
  };
  for (const doc of file.documents) {
    out.push(['doc', doc.start, doc.end, [...doc.yaml.range]]);
    out.push(doc.yaml.errors.map((e) => [e.code, [...e.pos]]));
    walk(doc.yaml.contents);
  }
  return out;
}

/** Applies `edits` one after another, re-parsing incrementally and reading the model after each step. */
function replay(edits: ((text: string) => string)[]): { incremental: ParsedFile; text: string } {
  let text = base;
  let file = parseFile(text);
  shape(file);
  for (const edit of edits) {
    text = edit(text);
    file = parseFile(text, file);
    shape(file); // reading the model in between is what makes later shifts reuse earlier work
  }
  return { incremental: file, text };
}

const insertAt = (needle: string, what: string) => (text: string) => {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not found`);
  return text.slice(0, at) + what + text.slice(at);
};
const remove = (needle: string) => (text: string) => text.replace(needle, '');

describe('incremental re-parse matches a fresh parse', () => {
  const cases: [string, ((text: string) => string)[]][] = [
    ['typing in the first document moves every later one', [insertAt('app == "a"', 'x'), insertAt('app == "a"', 'yy'), insertAt('app == "a"', 'z')]],
    ['deleting text moves later documents back', [insertAt('name: a', '# note\n'), remove('# note\n')]],
    ['edits above and below a broken document', [insertAt('name: b', 'q'), insertAt('name: c', 'r'), insertAt('name: b', 'ss')]],
    ['a new document inserted and removed again', [insertAt('apiVersion', 'kind: ConfigMap\n---\n'), remove('kind: ConfigMap\n---\n'), insertAt('app == "d"', '1')]],
    ['edit inside the broken document', [insertAt('[Ingress', 'Egress, '), insertAt('name: a', 'w')]],
  ];
  for (const [name, edits] of cases) {
    test(name, () => {
      const { incremental, text } = replay(edits);
      assert.deepEqual(shape(incremental), shape(parseFile(text)));
    });
  }

  test('code lenses follow a policy that moved down', () => {
    const uri = 'file:///moved.yaml';
    let file = parseFile(base);
    const before = codeLenses(file, { uri });
    const text = insertAt('apiVersion', '# one\n# two\n')(base);
    file = parseFile(text, file);
    const after = codeLenses(file, { uri });
    assert.deepEqual(after, codeLenses(parseFile(text), { uri }));
    assert.equal(after.length, before.length);
    for (let i = 0; i < after.length; i++) {
      assert.equal(after[i].range.start.line, before[i].range.start.line + 2, 'two lines were added above every lens');
      assert.equal(after[i].command?.title, before[i].command?.title);
    }
  });
});
