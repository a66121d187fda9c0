// Every rule code has a valid and an invalid fixture (test/fixtures/rules/<CODE>/); the invalid one says where the
// diagnostic must be (`# expect: CODE snippet`) and which quick fixes it offers (`# fix: title`). Every declared fix
// must be offered and make its diagnostic disappear; a fix offered but not declared fails too.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleCatalog } from '../../../server/src/validation';
import { applyFix, lint, parseExpectations, rangeOf } from '../../support/validationHelpers';

const dir = join(import.meta.dirname, '../../fixtures/rules');
const codes = readdirSync(dir).sort();

/** Codes that cannot have a fixture of their own, and why; the last test checks this list stays minimal. */
const noFixture: Record<string, string> = {
  INTERNAL: 'reported only when a check itself throws; no input should cause that',
  'LABEL-UNKNOWN': 'needs known labels from workspace manifests or a cluster, which a single file does not give; see test/unit/labels/unknownLabels.test.ts',
};

/** `# fix: <title>` header lines: the quick fixes the invalid example's diagnostics must offer. */
function declaredFixes(text: string): string[] {
  return [...text.matchAll(/^# fix: (.+)$/gm)].map((m) => m[1]!);
}

describe('rule fixtures', () => {
  for (const code of codes) {
    describe(code, () => {
      const validPath = join(dir, code, 'valid.yaml');
      const invalidPath = join(dir, code, 'invalid.yaml');

      test('has both a valid and an invalid example', () => {
        assert.deepEqual([existsSync(validPath), existsSync(invalidPath)], [true, true], `${code}: valid.yaml and invalid.yaml`);
      });

      test('valid example has no error or warning', () => {
        const text = readFileSync(validPath, 'utf8');
        const { tiers, edition, calicoVersion } = parseExpectations(text);
        const found = lint(text, { knownTiers: tiers, edition, ...(calicoVersion ? { calicoVersion } : {}) }).filter((d) => d.severity === 'error' || d.severity === 'warning' || d.code === code);
        assert.deepEqual(found.map((d) => `${d.code}: ${d.message}`), []);
      });

      test('invalid example reports the code at the exact range', () => {
        const text = readFileSync(invalidPath, 'utf8');
        const { expectations, tiers, edition, calicoVersion } = parseExpectations(text);
        assert.ok(expectations.some((e) => e.code === code), `fixture declares ${code} with "# expect: ${code} <snippet>"`);
        const diags = lint(text, { knownTiers: tiers, edition, ...(calicoVersion ? { calicoVersion } : {}) });
        for (const e of expectations) {
          const mine = diags.filter((d) => d.code === e.code);
          assert.ok(mine.length > 0, `${e.code} expected, got ${diags.map((d) => d.code).join(', ') || 'nothing'}`);
          if (e.snippet === undefined) continue;
          const want = rangeOf(text, e.snippet, e.occurrence);
          const got = mine.map((d) => ({ start: d.start, end: d.end, text: text.slice(d.start, d.end) }));
          assert.ok(got.some((g) => g.start === want.start && g.end === want.end), `${e.code} should cover ${JSON.stringify(e.snippet)} at ${want.start}; got ${JSON.stringify(got)}`);
        }
      });

      test('offers exactly the declared fixes, and each makes its diagnostic disappear', () => {
        const text = readFileSync(invalidPath, 'utf8');
        const { tiers, edition, calicoVersion } = parseExpectations(text);
        const before = lint(text, { knownTiers: tiers, edition, ...(calicoVersion ? { calicoVersion } : {}) }).filter((x) => x.code === code);
        const offered = before.flatMap((d) => d.fixes ?? []);
        const declared = declaredFixes(text);
        assert.deepEqual(offered.map((f) => f.title).sort(), [...declared].sort(), 'offered fixes = the fixture\'s "# fix:" lines');
        let checked = 0;
        for (const fix of offered) {
          const after = lint(applyFix(text, fix), { knownTiers: tiers, edition, ...(calicoVersion ? { calicoVersion } : {}) }).filter((x) => x.code === code);
          assert.ok(after.length < before.length, `fix '${fix.title}' should remove a ${code}`);
          checked += 1;
        }
        assert.equal(checked, declared.length, 'every declared fix was applied and checked');
      });
    });
  }

  test('every catalogued code has fixtures, or a reason why not', () => {
    const missing = ruleCatalog.map((r) => r.code).filter((c) => !codes.includes(c) && !(c in noFixture));
    assert.deepEqual(missing, []);
  });

  test('the list of codes without fixtures is minimal: each is catalogued and really has none', () => {
    const catalogued = new Set(ruleCatalog.map((r) => r.code));
    for (const code of Object.keys(noFixture)) {
      assert.ok(catalogued.has(code), `${code} is not in the catalogue: drop it from the list`);
      assert.ok(!codes.includes(code), `${code} has fixtures now: drop it from the list`);
    }
  });

  test('every fixture folder is a catalogued code', () => {
    const catalogued = new Set(ruleCatalog.map((r) => r.code));
    assert.deepEqual(codes.filter((c) => !catalogued.has(c)), []);
  });
});
