import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { factsOf } from './helpers';
import { policyParagraph, policySummaryLine, subjectPhrase, unmatchedClause } from '../../../server/src/explain';

const np = (spec: string, extra = '') => `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: p
  namespace: yaobank
spec:
  selector: app == "db"
${spec}${extra}`;

describe('types defaulting (reference §3.1)', () => {
  const cases: { name: string; spec: string; types: string[]; explicit: boolean; ignored: string[] }[] = [
    { name: 'no rules at all → Ingress', spec: '', types: ['ingress'], explicit: false, ignored: [] },
    { name: 'ingress rules only → Ingress', spec: '  ingress: [{action: Allow}]\n', types: ['ingress'], explicit: false, ignored: [] },
    { name: 'egress rules only → Egress', spec: '  egress: [{action: Allow}]\n', types: ['egress'], explicit: false, ignored: [] },
    {
      name: 'both → Ingress and Egress',
      spec: '  ingress: [{action: Allow}]\n  egress: [{action: Allow}]\n',
      types: ['ingress', 'egress'],
      explicit: false,
      ignored: [],
    },
    { name: 'empty types list is treated as omitted', spec: '  types: []\n  egress: [{action: Allow}]\n', types: ['egress'], explicit: false, ignored: [] },
    {
      name: 'explicit types without Egress ignores the egress rules',
      spec: '  types: [Ingress]\n  egress: [{action: Allow}]\n',
      types: ['ingress'],
      explicit: true,
      ignored: ['egress'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const facts = factsOf(np(c.spec));
      assert.deepEqual(facts.types, c.types);
      assert.equal(facts.typesExplicit, c.explicit);
      assert.deepEqual(facts.ignoredDirections, c.ignored);
    });
  }
});

describe('what happens to traffic no rule matches (reference §3.1, §8)', () => {
  const cases: { name: string; yaml: string; direction: 'ingress' | 'egress'; expected: string }[] = [
    {
      name: 'rules in the default tier: later policies, then the tier denies',
      yaml: np('  ingress: [{action: Allow, source: {selector: app == "x"}}]\n'),
      direction: 'ingress',
      expected: 'all other ingress to the selected pods is denied unless a later policy in tier `default` allows or passes it',
    },
    {
      name: 'explicit Egress with no egress rules denies egress',
      yaml: np('  types: [Ingress, Egress]\n  ingress: [{action: Allow}]\n'),
      direction: 'egress',
      expected: 'no egress rules: egress from the selected pods is denied unless a later policy in tier `default` allows or passes it',
    },
    {
      name: 'a direction outside types is not affected',
      yaml: np('  ingress: [{action: Allow}]\n'),
      direction: 'egress',
      expected: 'egress is not affected by this policy',
    },
    {
      name: 'ignored rules are called out',
      yaml: np('  types: [Ingress]\n  egress: [{action: Allow}]\n'),
      direction: 'egress',
      expected: 'egress is not affected by this policy; its egress rules are ignored because `types` leaves Egress out',
    },
    {
      name: 'a catch-all Deny rule decides everything that reaches it',
      yaml: np('  ingress:\n    - {action: Allow, protocol: TCP}\n    - action: Deny\n'),
      direction: 'ingress',
      expected: 'all other ingress is denied by rule 2, which matches everything',
    },
    {
      name: 'a catch-all Log rule decides nothing',
      yaml: np('  ingress:\n    - action: Log\n'),
      direction: 'ingress',
      expected: 'all other ingress to the selected pods is denied unless a later policy in tier `default` allows or passes it',
    },
    {
      name: 'a catch-all Pass rule hands everything to the next tier',
      yaml: np('  tier: security\n  ingress:\n    - action: Pass\n'),
      direction: 'ingress',
      expected: 'all other ingress is passed to the next tier by rule 1, which matches everything',
    },
    {
      name: 'custom tier not in the file: default action unknown',
      yaml: np('  tier: security\n  ingress: [{action: Allow, protocol: TCP}]\n'),
      direction: 'ingress',
      expected:
        'all other ingress to the selected pods gets the default action of tier `security` (Deny unless that Tier sets Pass) unless a later policy in the tier allows, denies or passes it',
    },
    {
      name: 'a Tier with defaultAction Pass in the same file',
      yaml: `apiVersion: projectcalico.org/v3
kind: Tier
metadata:
  name: security
spec:
  order: 100
  defaultAction: Pass
---
${np('  tier: security\n  ingress: [{action: Deny, protocol: UDP}]\n')}`,
      direction: 'ingress',
      expected: 'all other ingress to the selected pods passes on to the next tier unless a later policy in tier `security` allows or denies it',
    },
    {
      name: 'kube-admin tier passes by default',
      yaml: np('  tier: kube-admin\n  ingress: [{action: Deny, protocol: UDP}]\n'),
      direction: 'ingress',
      expected: 'all other ingress to the selected pods passes on to the next tier unless a later policy in tier `kube-admin` allows or denies it',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(unmatchedClause(factsOf(c.yaml), c.direction), c.expected);
    });
  }
});

describe('what a policy applies to (reference §3, §6.5)', () => {
  const gnp = (spec: string) => `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: g
spec:
${spec}`;
  const cases: { name: string; yaml: string; expected: string }[] = [
    { name: 'NetworkPolicy selector in its namespace', yaml: np(''), expected: 'pods `app == "db"` in namespace `yaobank`' },
    {
      name: 'NetworkPolicy without namespace',
      yaml: 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p}\nspec: {}\n',
      expected: "all pods in this policy's namespace",
    },
    {
      name: 'GlobalNetworkPolicy without selector selects host endpoints too',
      yaml: gnp('  ingress: [{action: Allow}]\n'),
      expected: 'every endpoint: all pods in every namespace and all host endpoints',
    },
    {
      name: 'GlobalNetworkPolicy with selector',
      yaml: gnp('  selector: role == "node"\n'),
      expected: 'endpoints `role == "node"` (pods in any namespace and host endpoints)',
    },
    {
      name: 'GlobalNetworkPolicy namespaceSelector never selects host endpoints',
      yaml: gnp('  namespaceSelector: team == "a"\n'),
      expected: 'all pods in namespaces `team == "a"`',
    },
    {
      name: 'serviceAccountSelector narrows the selection',
      yaml: np('  serviceAccountSelector: role == "api"\n'),
      expected: 'pods `app == "db"` in namespace `yaobank` running as service accounts matching `role == "api"`',
    },
    {
      // §3: serviceAccountSelector restricts the selected endpoints to pods, so no host endpoints.
      name: 'GlobalNetworkPolicy serviceAccountSelector restricts the selection to pods',
      yaml: gnp('  selector: role == "node"\n  serviceAccountSelector: team == "a"\n'),
      expected: 'pods `role == "node"` in every namespace running as service accounts matching `team == "a"`',
    },
  ];
  for (const c of cases) test(c.name, () => assert.equal(subjectPhrase(factsOf(c.yaml)), c.expected));
});

describe('policy lens line', () => {
  test('shows subject, tier and order, directions and the default outcome', () => {
    const line = policySummaryLine(factsOf(np('  order: 100\n  ingress: [{action: Allow, protocol: TCP}]\n')));
    assert.equal(
      line,
      'Pods `app == "db"` in namespace `yaobank` · tier `default`, order 100 · ingress only · all other ingress to the selected pods is denied unless a later policy in tier `default` allows or passes it',
    );
  });
  test('omitted order runs after every ordered policy', () => {
    assert.match(policySummaryLine(factsOf(np(''))), /no order \(after every ordered policy in the tier\)/);
  });
  const staged = (action: string) => `apiVersion: projectcalico.org/v3
kind: StagedNetworkPolicy
metadata: {name: s, namespace: yaobank}
spec:
${action ? `  stagedAction: ${action}\n` : ''}  ingress: [{action: Allow}]
`;
  test('staged policies say they are never enforced; stagedAction defaults to Set', () => {
    const facts = factsOf(staged(''));
    assert.deepEqual(facts.staged, { action: 'Set' });
    // What follows describes outcomes that would only happen if it were enforced (§3.2).
    assert.match(policySummaryLine(facts), /^Staged \(Set\), never enforced; as if enforced · /);
  });
  test('staged Delete has no outcome to describe', () => {
    const line = policySummaryLine(factsOf(staged('Delete')));
    assert.equal(line, 'Staged (Delete), never enforced · previews deleting the enforced policy of the same name');
  });
});

describe('malformed input never crashes', () => {
  const inputs = [
    'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: x}\nspec: 5\n',
    'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: x}\nspec:\n  ingress: hello\n  egress: [1, null, [a], {source: 7, destination: [1]}]\n',
    'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: x\nspec:\n  types: Ingress\n  ingress:\n    - action: [Allow]\n      protocol: {a: 1}\n      icmp: 5\n      http: {paths: [1, {exact: 2}]}\n',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: k}\nspec:\n  podSelector: 3\n  ingress: [{from: 1, ports: [7]}, 2]\n',
    'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: x}\nspec: &a\n  ingress: [*a]\n',
  ];
  for (const [i, yaml] of inputs.entries()) {
    test(`input ${i + 1}`, () => {
      const facts = factsOf(yaml);
      assert.equal(typeof policySummaryLine(facts), 'string');
    });
  }
});

describe('hover paragraph', () => {
  test('states subject, tier, directions and unmatched traffic in sentences', () => {
    const text = policyParagraph(factsOf(np('  order: 5\n  egress: [{action: Allow, protocol: UDP}]\n')));
    assert.equal(
      text,
      'Applies to pods `app == "db"` in namespace `yaobank`. Evaluated in tier `default`, order 5. Governs egress only (inferred from its rules). All other egress from the selected pods is denied unless a later policy in tier `default` allows or passes it.',
    );
  });
  test('staged Delete only says what it previews', () => {
    const text = policyParagraph(
      factsOf('apiVersion: projectcalico.org/v3\nkind: StagedNetworkPolicy\nmetadata: {name: s, namespace: n}\nspec: {stagedAction: Delete}\n'),
    );
    assert.equal(text, 'Staged (`Delete`): it never affects traffic; it only previews a change. It previews deleting the enforced policy of the same name.');
  });
});
