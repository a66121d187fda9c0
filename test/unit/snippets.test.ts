// Every snippet, expanded with its defaults, is a Calico document that lints clean.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseFile } from '../../server/src/document/index';
import { validateFile, type CalicoDiagnostic } from '../../server/src/validation';
import { expandSnippet } from '../support/snippetExpansion';

interface Snippet {
  prefix: string;
  body: string[];
  description: string;
}

const root = join(import.meta.dirname, '..', '..');
const snippets = JSON.parse(readFileSync(join(root, 'snippets', 'calico.json'), 'utf8')) as Record<string, Snippet>;

/** Rule skeletons are list items: place them under a policy's rule list, as a user would. */
const ruleHosts: Record<string, (rule: string) => string> = {
  'calico-ingress-rule': (rule) => policyWith('Ingress', 'ingress', rule),
  'calico-egress-rule': (rule) => policyWith('Egress', 'egress', rule),
};

function policyWith(type: string, list: string, rule: string): string {
  const indented = rule.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');
  return [
    'apiVersion: projectcalico.org/v3',
    'kind: NetworkPolicy',
    'metadata:',
    '  name: host',
    '  namespace: default',
    'spec:',
    '  selector: app == "web"',
    '  types:',
    `    - ${type}`,
    `  ${list}:`,
    indented,
  ].join('\n');
}

function expanded(prefix: string, s: Snippet): string {
  const text = expandSnippet(s.body);
  return ruleHosts[prefix]?.(text) ?? text;
}

function validate(text: string): CalicoDiagnostic[] {
  return validateFile(parseFile(text), { calicoVersion: 'latest' });
}

const entries = Object.entries(snippets);
const expectedPrefixes = [
  'calico-default-deny',
  'calico-allow-from-namespace',
  'calico-allow-by-service-account',
  'calico-egress-networkset',
  'calico-ingress-rule',
  'calico-egress-rule',
  'calico-networkset',
  'calico-globalnetworkset',
  'calico-tier',
  'calico-staged-policy',
  'calico-staged-global-policy',
];

describe('snippets', () => {
  test('the promised snippets exist, each with a unique calico- prefix and a description', () => {
    const prefixes = entries.map(([, s]) => s.prefix);
    assert.deepEqual([...prefixes].sort(), [...expectedPrefixes].sort());
    for (const [name, s] of entries) assert.ok(s.description.length > 10, `${name} has a description`);
  });

  test('default-deny is the tutorial default-app-policy: system namespaces exempt, only DNS egress to kube-dns', () => {
    const doc = parseYaml(expandSnippet(snippets['Calico default-deny GlobalNetworkPolicy']!.body));
    assert.equal(doc.kind, 'GlobalNetworkPolicy');
    assert.equal(doc.metadata.name, 'default-app-policy');
    for (const ns of ['kube-system', 'calico-system', 'calico-apiserver']) assert.match(doc.spec.namespaceSelector, new RegExp(`"${ns}"`));
    assert.match(doc.spec.namespaceSelector, /not in/);
    assert.deepEqual(doc.spec.types, ['Ingress', 'Egress']);
    assert.equal(doc.spec.ingress, undefined);
    assert.equal(doc.spec.egress.length, 1);
    assert.equal(doc.spec.egress[0].action, 'Allow');
    assert.equal(doc.spec.egress[0].destination.selector, 'k8s-app == "kube-dns"');
    assert.deepEqual(doc.spec.egress[0].destination.ports, [53]);
  });

  for (const [name, s] of entries) {
    describe(`${s.prefix} (${name})`, () => {
      test('expands with its defaults to YAML of the right shape', () => {
        const doc = parseYaml(expanded(s.prefix, s));
        assert.equal(doc.apiVersion, 'projectcalico.org/v3');
        assert.ok(typeof doc.kind === 'string' && typeof doc.metadata?.name === 'string');
      });

      test('lints clean (no errors or warnings)', () => {
        const problems = (validate(expanded(s.prefix, s))).filter((d) => d.severity === 'error' || d.severity === 'warning');
        assert.deepEqual(problems.map((d) => `${d.code}: ${d.message}`), []);
      });
    });
  }
});
