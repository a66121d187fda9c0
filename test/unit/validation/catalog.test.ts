// The rule catalog, docs/rules.md and the validator agree on the codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleCatalog } from '../../../server/src/validation';

test('docs/rules.md documents every code with its severity', () => {
  const doc = readFileSync(join(import.meta.dirname, '../../../docs/rules.md'), 'utf8');
  for (const r of ruleCatalog) {
    assert.ok(doc.includes(`## ${r.code}\n`), `${r.code} has a section`);
    assert.ok(doc.includes(`| [${r.code}](#${r.code.toLowerCase()}) | ${r.severity} |`), `${r.code} is in the table as ${r.severity}`);
  }
});

test('codes are unique', () => {
  const codes = ruleCatalog.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
});

test('every code the validator emits is catalogued', () => {
  const sources = ['structure', 'metadata', 'policyChecks', 'ruleChecks', 'selectorChecks', 'resourceChecks', 'kubernetesChecks', 'syntax', 'index']
    .map((f) => readFileSync(join(import.meta.dirname, `../../../server/src/validation/${f}.ts`), 'utf8'))
    .join('\n');
  const known = new Set(ruleCatalog.map((r) => r.code));
  const used = new Set([...sources.matchAll(/'([A-Z0-9]+(?:-[A-Z0-9]+)+)'/g)].map((m) => m[1]));
  const missing = [...used].filter((c) => !known.has(c) && c !== 'DUPLICATE-KEY');
  assert.deepEqual(missing, []);
});
