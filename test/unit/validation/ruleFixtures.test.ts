// Every rule code has a valid and an invalid fixture (test/fixtures/rules/<CODE>/); the invalid one says
// where the diagnostic must be. Fixes attached to a fixture's diagnostic must make it disappear.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleCatalog } from '../../../server/src/validation';
import { applyFix, lint, parseExpectations, rangeOf } from '../../support/validationHelpers';

const dir = join(import.meta.dirname, '../../fixtures/rules');
const codes = readdirSync(dir).sort();

describe('rule fixtures', () => {
  for (const code of codes) {
    describe(code, () => {
      const validPath = join(dir, code, 'valid.yaml');
      const invalidPath = join(dir, code, 'invalid.yaml');

      test('valid example has no error or warning', () => {
        const text = readFileSync(validPath, 'utf8');
        const { tiers, edition, calicoVersion } = parseExpectations(text);
        const found = lint(text, { knownTiers: tiers, edition, ...(calicoVersion ? { calicoVersion } : {}) }).filter((d) => d.severity === 'error' || d.severity === 'warning' || d.code === code);
        assert.deepEqual(found.map((d) => `${d.code}: ${d.message}`), []);
      });

      if (!existsSync(invalidPath)) return;
      test('invalid example reports the code at the exact range', () => {
        const text = readFileSync(invalidPath, 'utf8');
        const { expectations, tiers, edition, calicoVersion } = parseExpectations(text);
        assert.ok(expectations.length > 0, 'fixture declares what it expects');
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

      test('every fix makes its diagnostic disappear', () => {
        const text = readFileSync(invalidPath, 'utf8');
        const { tiers, edition, calicoVersion } = parseExpectations(text);
        for (const d of lint(text, { knownTiers: tiers, edition, ...(calicoVersion ? { calicoVersion } : {}) }).filter((x) => x.code === code)) {
          for (const fix of d.fixes ?? []) {
            const after = lint(applyFix(text, fix), { knownTiers: tiers, edition, ...(calicoVersion ? { calicoVersion } : {}) }).filter((x) => x.code === code);
            assert.ok(after.length < lint(text, { knownTiers: tiers, edition, ...(calicoVersion ? { calicoVersion } : {}) }).filter((x) => x.code === code).length, `fix '${fix.title}' should remove ${code}`);
          }
        }
      });
    });
  }

  test('every catalogued code has fixtures', () => {
    const missing = ruleCatalog.map((r) => r.code).filter((c) => c !== 'INTERNAL' && !codes.includes(c));
    assert.deepEqual(missing, []);
  });
});
