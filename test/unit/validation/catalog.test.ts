// The rule catalog, docs/rules.md and the validator agree on the codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
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

/** Every TypeScript source file under server/src, so a new module's codes cannot be missed. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const serverSrc = join(import.meta.dirname, '../../../server/src');
const catalogFile = join(serverSrc, 'validation', 'catalog.ts');
/** A diagnostic code literal: upper-case words joined by hyphens, in any quotes (`'RULE-ACTION'`, `"LABEL-UNKNOWN"`). */
const codeLiteral = /(['"`])([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\1/g;

function codesIn(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(codeLiteral)].map((m) => m[2]!);
}

test('the scan sees every module that reports diagnostics', () => {
  const files = sourceFiles(serverSrc).map((f) => f.slice(serverSrc.length + 1));
  // Codes live in validation/ and in the label checks; a scan that missed either would prove nothing.
  assert.ok(files.includes('validation/ruleChecks.ts') && files.includes('labels/unknownLabels.ts'), files.join(', '));
  assert.ok(codesIn(join(serverSrc, 'labels', 'unknownLabels.ts')).includes('LABEL-UNKNOWN'));
});

test('every code literal in any server source file is catalogued', () => {
  const known = new Set(ruleCatalog.map((r) => r.code));
  const missing: string[] = [];
  for (const file of sourceFiles(serverSrc)) {
    if (file === catalogFile) continue;
    for (const code of codesIn(file)) if (!known.has(code)) missing.push(`${code} (${file.slice(serverSrc.length + 1)})`);
  }
  assert.deepEqual([...new Set(missing)], []);
});

test('every catalogued code is reported somewhere in the server (no dead entries)', () => {
  const sources = sourceFiles(serverSrc).filter((f) => f !== catalogFile).map((f) => readFileSync(f, 'utf8')).join('\n');
  const quoted = (c: string) => [`'${c}'`, `"${c}"`, `\`${c}\``].some((q) => sources.includes(q));
  assert.deepEqual(ruleCatalog.map((r) => r.code).filter((c) => !quoted(c)), []);
});
