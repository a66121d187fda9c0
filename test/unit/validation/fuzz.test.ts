// Mutated policy documents never crash the parser, locator or validator, and ranges stay inside the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { locate, parseFile } from '../../../server/src/document';
import { validateFile } from '../../../server/src/validation';

const fixtures = join(import.meta.dirname, '../../fixtures');
const seeds = [
  ...readdirSync(join(fixtures, 'tutorial')).map((f) => readFileSync(join(fixtures, 'tutorial', f), 'utf8')),
  ...['RULE-PORTS-NOPROTO', 'HTTP-PATH', 'ER-SVC-SEL', 'SEL-NEVER-MATCH', 'HEP-PORT', 'SKNP-CONVERT'].map((c) => readFileSync(join(fixtures, 'rules', c, 'invalid.yaml'), 'utf8')),
  '{{- if .Values.on }}\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  selector: |\n    app == "{{ .Values.app }}"\n  egress:\n    - action: Allow\n      destination: {services: {name: x}}\n{{- end }}\n',
  'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: projectcalico.org/v3\n    kind: Tier\n    metadata: {name: default}\n    spec: {order: 5, defaultAction: Pass}\n  - apiVersion: networking.k8s.io/v1\n    kind: NetworkPolicy\n    metadata: {name: k}\n    spec:\n      podSelector: {matchExpressions: [{key: a, operator: In}]}\n',
];
const pieces = ['\n', ' ', ':', '- ', '"', "'", '{', '}', '[', ']', '|', '>', '#', '&a ', '*a', '---\n', '{{ x }}', '!!str ', '\t', 'global()', '==', '!', '0.0.0.0/0', '\\'];

const mutation = fc.record({
  seed: fc.nat({ max: seeds.length - 1 }),
  edits: fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 8 }), ins: fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })) }), { minLength: 1, maxLength: 6 }),
});

test('mutated documents never crash and ranges stay inside the file', () => {
  fc.assert(
    fc.property(mutation, ({ seed, edits }) => {
      let text = seeds[seed];
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.ins + text.slice(at + e.del);
      }
      const file = parseFile(text);
      const diags = validateFile(file, { calicoVersion: 'latest' });
      for (const d of diags) {
        assert.notEqual(d.code, 'INTERNAL', d.message);
        assert.ok(d.start >= 0 && d.end >= d.start && d.end <= text.length, `${d.code} range ${d.start}-${d.end} in ${text.length}`);
        for (const f of d.fixes ?? []) for (const e of f.edits) assert.ok(e.start >= 0 && e.end <= text.length);
      }
      for (let o = 0; o <= text.length; o += 7) locate(file, o);
      // An incremental re-parse after one more edit agrees with a fresh parse.
      const edited = text.slice(0, text.length >> 1) + 'x' + text.slice(text.length >> 1);
      const again = validateFile(parseFile(edited, file), { calicoVersion: 'latest' });
      assert.deepEqual(again, validateFile(parseFile(edited), { calicoVersion: 'latest' }));
    }),
    { numRuns: 250, includeErrorInReport: true },
  );
});
