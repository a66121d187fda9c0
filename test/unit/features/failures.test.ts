// Explain, lenses and the outline let an engine failure through (the server reports it) instead of answering "nothing here".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile, type ParsedDocument, type ParsedFile } from '../../../server/src/document';
import { explainPolicy } from '../../../server/src/features/explain';
import { codeLenses } from '../../../server/src/features/codeLens';
import { documentSymbols } from '../../../server/src/features/documentSymbols';

const policy = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: db
  namespace: shop
spec:
  selector: app == "db"
`;

/** The file with its policy document replaced by one whose YAML tree cannot be read. */
function brokenFile(): ParsedFile {
  const file = parseFile(policy);
  const doc = file.documents[0]!;
  const broken = { index: doc.index, start: doc.start, end: doc.end, resource: doc.resource, templated: false, templateRanges: [] } as unknown as ParsedDocument;
  Object.defineProperty(broken, 'yaml', { get: () => { throw new Error('engine crash'); } });
  return { ...file, documents: [broken] };
}

test('explainPolicy throws on an engine failure rather than returning "no policy"', () => {
  assert.throws(() => explainPolicy(brokenFile(), 0), /engine crash/);
});

test('code lenses throw on an engine failure rather than returning none', () => {
  assert.throws(() => codeLenses(brokenFile(), { uri: 'file:///p.yaml' }), /engine crash/);
});

test('document symbols throw on an engine failure rather than returning an empty outline', () => {
  assert.throws(() => documentSymbols(brokenFile()), /engine crash/);
});

test('the same file unbroken is explained', () => {
  assert.match(explainPolicy(parseFile(policy), 0).title, /db/);
});
