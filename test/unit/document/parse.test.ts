import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, isScalar } from 'yaml';
import { LineIndex, ParsedFileCache, parseFile, splitSections } from '../../../server/src/document';

const policy = (name: string) => `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: shop
spec:
  selector: app == "${name}"
`;

describe('parseFile', () => {
  test('splits a multi-document file and keeps file offsets', () => {
    const text = `# leading comment\n---\n${policy('a')}---\n${policy('b')}`;
    const file = parseFile(text);
    assert.equal(file.documents.length, 2);
    const [a, b] = file.documents;
    assert.deepEqual([a.index, b.index], [0, 1]);
    assert.equal(a.resource?.name, 'a');
    assert.equal(b.resource?.name, 'b');
    const sel = (b.yaml.contents as any).get('spec').get('selector', true);
    assert.equal(text.slice(sel.range[0], sel.range[1]), 'app == "b"');
    assert.ok(b.start === text.lastIndexOf('---'));
  });

  test('recognises resources by apiVersion and kind, and leaves others alone', () => {
    const text = [
      policy('a'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: k\nspec:\n  podSelector: {}\n',
      'apiVersion: crd.projectcalico.org/v1\nkind: GlobalNetworkPolicy\nmetadata:\n  name: c\n',
      'apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: pool\n',
    ].join('---\n');
    const families = parseFile(text).documents.map((d) => d.resource?.family);
    assert.deepEqual(families, ['calico', undefined, 'kubernetes', 'calico-crd', undefined]);
  });

  test('kind: List exposes its recognised items', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - ${policy('a').replace(/\n/g, '\n    ').trimEnd()}\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: x}\n`;
    const doc = parseFile(text).documents[0];
    assert.equal(doc.resource, undefined);
    assert.equal(doc.items?.length, 1);
    assert.equal(doc.items?.[0].resource.kind, 'NetworkPolicy');
    assert.ok(isMap(doc.items?.[0].node));
  });

  test('masks Helm templates without moving offsets', () => {
    const text = `{{- if .Values.enabled }}\napiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: {{ .Values.name }}\n  namespace: shop\nspec:\n  selector: app == "web"\n{{- end }}\n`;
    const file = parseFile(text);
    const doc = file.documents[0];
    assert.equal(doc.templated, true);
    assert.deepEqual(doc.yaml.errors, []);
    assert.equal(doc.resource?.kind, 'NetworkPolicy');
    const sel = (doc.yaml.contents as any).get('spec').get('selector', true);
    assert.equal(text.slice(sel.range[0], sel.range[1]), 'app == "web"');
    assert.equal(doc.templateRanges.length, 3);
  });

  test('incremental re-parse reuses untouched documents and matches a fresh parse', () => {
    const docs = Array.from({ length: 5 }, (_, i) => policy(`p${i}`));
    const text = docs.join('---\n');
    const first = parseFile(text);
    const keep = first.documents.map((d) => d.yaml);
    const edited = text.replace('app == "p2"', 'app == "p22"');
    const second = parseFile(edited, first);
    const fresh = parseFile(edited);
    assert.equal(second.documents[0].yaml, keep[0], 'first document reused');
    assert.notEqual(second.documents[2].yaml, keep[2], 'edited document re-parsed');
    assert.equal(second.documents[4].yaml, keep[4], 'later document reused though it moved');
    for (let i = 0; i < fresh.documents.length; i++) {
      const a = second.documents[i];
      const b = fresh.documents[i];
      assert.deepEqual([a.start, a.end], [b.start, b.end]);
      const sa = (a.yaml.contents as any).get('spec').get('selector', true);
      const sb = (b.yaml.contents as any).get('spec').get('selector', true);
      assert.deepEqual(sa.range, sb.range);
    }
  });

  test('a --- inside a value does not split, a --- at line start does', () => {
    assert.equal(splitSections('a: "x --- y"\nb: 1\n').length, 1);
    assert.equal(splitSections('a: 1\n---\nb: 2\n--- # c\nd: 3\n').length, 3);
  });

  test('cache returns the same parse for the same version and re-parses on change', () => {
    const cache = new ParsedFileCache();
    const a = cache.get('file:///a.yaml', 1, policy('a'));
    assert.equal(cache.get('file:///a.yaml', 1, policy('a')), a);
    const b = cache.get('file:///a.yaml', 2, policy('b'));
    assert.notEqual(b, a);
    assert.equal(b.documents[0].resource?.name, 'b');
    cache.delete('file:///a.yaml');
  });

  test('scalar nodes keep their values (anchors, aliases, flow style)', () => {
    const text = 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: x}\nspec:\n  selector: &sel app == "x"\n  ingress:\n    - {action: Allow, source: {selector: *sel}}\n';
    const doc = parseFile(text).documents[0];
    assert.deepEqual(doc.yaml.errors, []);
    const action = (doc.yaml.contents as any).getIn(["spec", "ingress", 0, "action"], true) as { range: number[] };
    assert.ok(isScalar(action));
    assert.equal(text.slice(action.range[0], action.range[1]), 'Allow');
  });
});

describe('LineIndex', () => {
  test('converts offsets and positions both ways (CRLF too)', () => {
    const text = 'ab\r\ncd\nef';
    const lines = new LineIndex(text);
    assert.deepEqual(lines.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(8), { line: 2, character: 1 });
    assert.equal(lines.offsetAt({ line: 1, character: 1 }), 5);
    assert.equal(lines.offsetAt({ line: 0, character: 99 }), 2, 'clamped before the line break');
    assert.equal(lines.offsetAt({ line: 9, character: 0 }), text.length);
  });

  const before = 'a: 1\nb:\r\n  - x\n  - y\n\nc: 3\n';
  for (const [what, from, to, inserted] of [
    ['a character typed mid-line', 6, 6, 'z'],
    ['a line break typed', 6, 6, '\n'],
    ['two lines pasted', 10, 10, 'p\nq\r\n'],
    ['a line break deleted', 4, 5, ''],
    ['a stretch across lines replaced', 3, 19, 'x\ny'],
    ['everything deleted', 0, before.length, ''],
    ['text added at the end', before.length, before.length, 'd: 4'],
    ['a CR of a CRLF deleted', 8, 9, ''],
  ] as const) {
    test(`after an edit (${what}) it agrees with an index built from scratch`, () => {
      const previous = new LineIndex(before);
      previous.lineCount; // the starts exist, so afterEdit moves them rather than scanning again
      const text = before.slice(0, from) + inserted + before.slice(to);
      const moved = LineIndex.afterEdit(previous, text, from, to, from + inserted.length);
      const fresh = new LineIndex(text);
      assert.equal(moved.lineCount, fresh.lineCount);
      for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(moved.positionAt(offset), fresh.positionAt(offset), `offset ${offset}`);
      for (let line = 0; line <= fresh.lineCount; line++) assert.equal(moved.lineStart(line), fresh.lineStart(line), `line ${line}`);
    });
  }
});
