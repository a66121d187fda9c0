// Diagnostic wording: each message says what is wrong and what would be right, and claims nothing the
// reference does not say. Expected texts are written from the reference sections named per row.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../../support/validationHelpers';

const np = (spec: string, extra = '') =>
  `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\nspec:\n${spec}${extra}`;
const gnp = (spec: string, kind = 'GlobalNetworkPolicy') => `apiVersion: projectcalico.org/v3\nkind: ${kind}\nmetadata:\n  name: edge\nspec:\n${spec}`;

const rows: { name: string; text: string; code: string; messages: string[] }[] = [
  {
    name: '§8.3: a catch-all Allow ends evaluation before the next rule',
    text: np('  ingress:\n    - action: Allow\n    - action: Deny\n'),
    code: 'RULE-UNREACHABLE',
    messages: ['This ingress rule can never be reached: ingress rule 1 has no match criteria, so it allows all ingress before this rule is tried.'],
  },
  {
    name: '§8.3: a catch-all Pass leaves the tier, so later rules never run',
    text: np('  egress:\n    - action: Pass\n    - action: Allow\n      protocol: TCP\n'),
    code: 'RULE-UNREACHABLE',
    messages: ['This egress rule can never be reached: egress rule 1 has no match criteria, so it passes all egress to the next tier before this rule is tried.'],
  },
  {
    name: '§8.3: a catch-all Log continues with the next rule, so nothing is unreachable',
    text: np('  ingress:\n    - action: Log\n    - action: Deny\n'),
    code: 'RULE-UNREACHABLE',
    messages: [],
  },
  {
    name: '§3.1/§8.4: explicit type without rules in the default tier is denied at the end of the tier',
    text: np('  types: [Ingress, Egress]\n  ingress: [{action: Allow}]\n'),
    code: 'POL-TYPES-DENY-ALL',
    messages: [
      '`types` lists Egress but there are no egress rules: all egress of the endpoints this policy selects is denied at the end of tier `default` unless another policy in that tier allows or passes it.',
    ],
  },
  {
    name: '§5: kube-baseline passes at the end of the tier, so nothing is denied there',
    text: np('  tier: kube-baseline\n  types: [Ingress]\n'),
    code: 'POL-TYPES-DENY-ALL',
    messages: [
      '`types` lists Ingress but there are no ingress rules: all ingress of the endpoints this policy selects goes on to the next tier at the end of tier `kube-baseline` unless another policy in that tier allows or denies it.',
    ],
  },
  {
    name: '§8.4: a tier whose default action is not known here is not claimed to deny',
    text: np('  tier: security\n  types: [Ingress]\n'),
    code: 'POL-TYPES-DENY-ALL',
    messages: [
      '`types` lists Ingress but there are no ingress rules: all ingress of the endpoints this policy selects gets the default action of tier `security` (`Deny` unless that Tier sets `Pass`) unless another policy in that tier decides it.',
    ],
  },
  {
    name: '§6.5: global() in a GlobalNetworkPolicy namespaceSelector names the policy-level field',
    text: gnp('  namespaceSelector: global()\n'),
    code: 'POL-SEL-GLOBAL',
    messages: ["global() can only be used as the whole `namespaceSelector` of a rule's `source` or `destination`, not in the policy's `namespaceSelector`."],
  },
  {
    name: '§7.3: a wrong ipVersion gets the allowed values, not a guessed neighbour',
    text: np('  ingress:\n    - action: Allow\n      ipVersion: 5\n'),
    code: 'RULE-IPVER',
    messages: ['`5` is not valid for `spec.ingress[0].ipVersion`; expected one of `4`, `6`.'],
  },
  {
    name: '§2 (YAML note): a YAML 1.1 boolean word in a boolean field says what Calico reads and what to write',
    text: gnp('  doNotTrack: true\n  applyOnForward: on\n  ingress: [{action: Allow}]\n'),
    code: 'SCHEMA-TYPE',
    messages: ['Write `true` instead of `on` for `spec.applyOnForward`: Calico reads `on` as `true`, but YAML 1.2 tools read it as a string.'],
  },
  {
    name: '§7.4/§10.10: global( in a rule selector is rejected even inside a quoted value',
    text: np('  ingress:\n    - action: Allow\n      source:\n        selector: a == "global()"\n'),
    code: 'ER-SEL-GLOBAL',
    messages: ["global() can only be used as the whole `namespaceSelector` of a rule's `source` or `destination`; Calico rejects `global(` anywhere in a `selector`, even inside a quoted value."],
  },
  {
    name: '§7.3: a catch-all notNets says Calico rejects it and what to do',
    text: np('  ingress:\n    - action: Allow\n      source:\n        notNets: ["::/0"]\n'),
    code: 'RULE-NOTNET-ALL',
    messages: ['`notNets: ::/0` excludes every address, so this rule could never match and Calico rejects it; remove this entry.'],
  },
];

describe('diagnostic messages', () => {
  for (const row of rows) {
    test(row.name, () => {
      assert.deepEqual(lint(row.text).filter((d) => d.code === row.code).map((d) => d.message), row.messages);
    });
  }

  test('the YAML 1.1 boolean fix writes the boolean Calico reads', () => {
    const d = lint(gnp('  doNotTrack: true\n  applyOnForward: on\n')).find((x) => x.code === 'SCHEMA-TYPE');
    assert.deepEqual(d?.fixes?.map((f) => [f.title, f.edits[0]!.newText]), [['Change to true', 'true']]);
  });

  test('§5: a host endpoint port without a name is reported once, by HEP-PORT', () => {
    const text = 'apiVersion: projectcalico.org/v3\nkind: HostEndpoint\nmetadata:\n  name: h\nspec:\n  node: n1\n  interfaceName: eth0\n  ports:\n    - protocol: TCP\n      port: 22\n';
    assert.deepEqual(lint(text).map((d) => `${d.code}: ${d.message}`), ['HEP-PORT: Each host endpoint port needs a `name`.']);
  });
});
