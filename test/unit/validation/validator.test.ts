// Validator behaviour beyond single rules: versions, templates, List, caching, the tutorial.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from '../../../server/src/document';
import { validateDocument, validateFile } from '../../../server/src/validation';
import { codes, lint } from '../../support/validationHelpers';

const np = (spec: string, name = 'web') =>
  `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n${spec}`;

describe('tutorial policies', () => {
  const dir = join(import.meta.dirname, '../../fixtures/tutorial');
  for (const name of readdirSync(dir)) {
    test(`${name} has no errors, warnings or information`, () => {
      const diags = lint(readFileSync(join(dir, name), 'utf8'));
      assert.deepEqual(diags.filter((d) => d.severity !== 'hint').map((d) => d.code), []);
    });
  }
  test('default-app-policy only gets the plain default-deny hint for ingress', () => {
    const diags = lint(readFileSync(join(dir, 'default-app-policy.yaml'), 'utf8'));
    assert.deepEqual(diags.map((d) => [d.code, d.severity]), [['POL-TYPES-DENY-ALL', 'hint']]);
    assert.match(diags[0].message, /denied/);
  });
});

describe('version-dependent rules', () => {
  const namedPort = np('  ingress:\n    - action: Allow\n      destination:\n        ports: [http]\n');
  // Pins from docs/rules.md: named ports without protocol from 3.32 (calico#11916), catch-all notNets from 3.31
  // (calico#10563), dotted names from 3.28, tier prefix required until 3.31 (dropped in 3.32, calico#11232).
  test('named port without protocol: fine from 3.32 and on latest, error up to 3.31', () => {
    assert.ok(!codes(namedPort).includes('RULE-PORTS-NOPROTO'));
    assert.ok(!codes(namedPort, { calicoVersion: '3.32' }).includes('RULE-PORTS-NOPROTO'));
    assert.ok(codes(namedPort, { calicoVersion: '3.31' }).includes('RULE-PORTS-NOPROTO'));
    assert.ok(codes(namedPort, { calicoVersion: '3.27' }).includes('RULE-PORTS-NOPROTO'));
  });
  test('catch-all notNets only on the newest releases', () => {
    const text = np('  ingress:\n    - action: Allow\n      source:\n        notNets: ["::/0"]\n');
    assert.ok(codes(text).includes('RULE-NOTNET-ALL'));
    assert.ok(codes(text, { calicoVersion: '3.31' }).includes('RULE-NOTNET-ALL'));
    assert.ok(!codes(text, { calicoVersion: '3.30' }).includes('RULE-NOTNET-ALL'));
    assert.ok(!codes(text, { calicoVersion: '3.26' }).includes('RULE-NOTNET-ALL'));
  });
  test('tier-prefixed names: required from 3.28 to 3.31, not from 3.32, dots invalid before 3.28', () => {
    const text = np('  tier: security\n  selector: all()\n', 'web');
    assert.ok(!codes(text).includes('META-NAME-TIER'));
    assert.ok(!codes(text, { calicoVersion: '3.32' }).includes('META-NAME-TIER'));
    assert.equal(lint(text, { calicoVersion: '3.29' }).find((d) => d.code === 'META-NAME-TIER')?.severity, 'error');
    assert.equal(lint(text, { calicoVersion: '3.31' }).find((d) => d.code === 'META-NAME-TIER')?.severity, 'error');
    const dotted = np('  tier: security\n  selector: all()\n', 'security.web');
    assert.ok(codes(dotted, { calicoVersion: '3.27' }).includes('META-NAME-FMT'));
    assert.ok(!codes(dotted).includes('META-NAME-FMT'));
  });
  test('the tier fix renames the policy', () => {
    const text = np('  tier: security\n  selector: all()\n', 'web');
    const d = lint(text, { calicoVersion: '3.31' }).find((x) => x.code === 'META-NAME-TIER')!;
    assert.equal(d.fixes?.[0].edits[0].newText, 'security.web');
  });
});

describe('templates', () => {
  test('a Helm template file is checked without YAML noise, and templated values are skipped', () => {
    const text = `{{- if .Values.policy.enabled }}\napiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: {{ include "app.fullname" . }}\n  namespace: {{ .Release.Namespace }}\nspec:\n  selector: app == "{{ .Values.app }}"\n  ingress:\n    - action: allow\n{{- end }}\n`;
    const diags = lint(text);
    assert.deepEqual(diags.map((d) => d.code), ['RULE-ACTION']);
  });
});

describe('documents and kinds', () => {
  test('non-Calico documents are left alone', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: Web_Server}\nspec: {selectr: 1}\n---\n' + np('  selector: all()\n');
    assert.deepEqual(lint(text), []);
  });
  test('crd.projectcalico.org/v1 gets a warning pointing at projectcalico.org/v3', () => {
    const text = np('  selector: all()\n').replace('projectcalico.org/v3', 'crd.projectcalico.org/v1');
    const d = lint(text);
    assert.deepEqual(d.map((x) => [x.code, x.severity]), [['DOC-CRD-API', 'warning']]);
    assert.match(d[0].message, /projectcalico\.org\/v3/);
  });
  test('each item of a kind: List is checked', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: projectcalico.org/v3\n    kind: GlobalNetworkPolicy\n    metadata: {name: g}\n    spec:\n      selector: a = "b"\n      ingress: [{action: deny}]\n';
    const c = codes(text);
    assert.ok(c.includes('POL-SEL-PARSE'));
    assert.ok(c.includes('RULE-ACTION'));
  });
  test('a Kubernetes NetworkPolicy gets structural checks', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: k}\nspec:\n  podSelector: {}\n  ingres: []\n';
    const d = lint(text).find((x) => x.code === 'SCHEMA-UNKNOWN-FIELD');
    assert.match(d!.message, /did you mean `ingress`/);
  });
  test('missing protocol fix inserts protocol: TCP and the error goes away', () => {
    const text = np('  ingress:\n    - action: Allow\n      destination:\n        ports: [80]\n');
    const d = lint(text).find((x) => x.code === 'RULE-PORTS-NOPROTO')!;
    const e = d.fixes![0].edits[0];
    const after = text.slice(0, e.start) + e.newText + text.slice(e.end);
    assert.match(after, /- protocol: TCP\n      action: Allow/);
    assert.deepEqual(lint(after), []);
  });
});

describe('caching', () => {
  test('re-validating after an edit gives the same result as a fresh run', () => {
    const docs = Array.from({ length: 6 }, (_, i) => np(`  selector: app == "p${i}"\n  ingress:\n    - action: allow\n`, `p${i}`));
    const text = docs.join('---\n');
    const first = parseFile(text);
    validateFile(first, { calicoVersion: 'latest' });
    const edited = text.replace('app == "p1"', 'app == "p1" && x = "y"');
    const incremental = validateFile(parseFile(edited, first), { calicoVersion: 'latest' });
    const fresh = validateFile(parseFile(edited), { calicoVersion: 'latest' });
    assert.deepEqual(incremental, fresh);
  });
  test('cached results depend on the options', () => {
    const file = parseFile(np('  ingress:\n    - action: Allow\n      destination:\n        ports: [http]\n'));
    const doc = file.documents[0];
    assert.equal(validateDocument(doc, file, { calicoVersion: 'latest' }).length, 0);
    assert.equal(validateDocument(doc, file, { calicoVersion: '3.20' }).length, 1);
  });
});

describe('annotations size', () => {
  test('more than 256 KiB of annotations is an error', () => {
    const big = 'x'.repeat(262_144);
    const text = `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: a\n  annotations:\n    note: ${big}\nspec: {}\n`;
    assert.ok(codes(text).includes('META-ANNOT-SIZE'));
  });
});

describe('label values', () => {
  for (const v of ['yes', 'on', 'No', 'true', '1']) {
    test(`unquoted ${v} is not a string to Calico; quoting fixes it`, () => {
      const text = `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: a\n  labels:\n    flag: ${v}\nspec: {}\n`;
      const d = lint(text).find((x) => x.code === 'META-LABEL-VAL');
      assert.ok(d, 'reported');
      assert.equal(text.slice(d.start, d.end), v);
      const e = d.fixes![0].edits[0];
      assert.deepEqual(codes(text.slice(0, e.start) + e.newText + text.slice(e.end)), []);
    });
  }
});

describe('Kubernetes NetworkPolicy names', () => {
  test('dotted names are fine and need no tier prefix', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow.dns.example\n  namespace: shop\nspec:\n  podSelector: {}\n';
    assert.deepEqual(lint(text), []);
  });
  test('upper case is still rejected', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: AllowDNS\nspec:\n  podSelector: {}\n';
    assert.deepEqual(codes(text), ['META-NAME-FMT']);
  });
});

describe('YAML 1.1 booleans and non-string values in string fields', () => {
  const cases: { name: string; yaml: string; value: string }[] = [
    { name: 'metadata.name: yes', yaml: 'metadata:\n  name: yes\n  namespace: shop\n', value: 'yes' },
    { name: 'metadata.namespace: no', yaml: 'metadata:\n  name: web\n  namespace: no\n', value: 'no' },
    { name: 'annotation value on', yaml: 'metadata:\n  name: web\n  annotations:\n    debug: on\n', value: 'on' },
    { name: 'annotation value 3', yaml: 'metadata:\n  name: web\n  annotations:\n    replicas: 3\n', value: '3' },
  ];
  for (const c of cases) {
    test(`${c.name} is a type error; quoting fixes it`, () => {
      const text = `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\n${c.yaml}spec: {}\n`;
      const d = lint(text).find((x) => x.code === 'SCHEMA-TYPE');
      assert.ok(d, 'reported');
      assert.equal(text.slice(d.start, d.end), c.value);
      const e = d.fixes![0].edits[0];
      assert.deepEqual(codes(text.slice(0, e.start) + e.newText + text.slice(e.end)), []);
    });
  }
});
