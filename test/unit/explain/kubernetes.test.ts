import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { factsOf, sentencesOf } from './helpers';
import { policyMarkdown, policyParagraph, subjectPhrase, unmatchedClause } from '../../../server/src/explain';

const knp = (spec: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
${spec}`;

describe('Kubernetes NetworkPolicy', () => {
  test('Calico enforces it as knp.default.<name> in the default tier with order 1000 (reference §8)', () => {
    const facts = factsOf(knp('  podSelector: {}\n'));
    assert.equal(facts.calicoName, 'knp.default.web');
    assert.equal(facts.tier.name, 'default');
    assert.equal(facts.order, 1000);
    assert.match(policyMarkdown(facts), /as `knp\.default\.web` in tier `default` with order 1000/);
  });

  test('empty podSelector selects every pod in the namespace', () => {
    assert.equal(subjectPhrase(factsOf(knp('  podSelector: {}\n'))), 'all pods in namespace `shop`');
  });

  test('matchLabels and matchExpressions read as a selector', () => {
    const yaml = knp(`  podSelector:
    matchLabels: {app: web}
    matchExpressions:
      - {key: tier, operator: In, values: [fe, be]}
      - {key: canary, operator: DoesNotExist}
`);
    assert.equal(subjectPhrase(factsOf(yaml)), 'pods `app == "web" && tier in {"fe", "be"} && !has(canary)` in namespace `shop`');
  });

  const rules: { name: string; spec: string; expected: string[] }[] = [
    { name: 'empty from = all sources, no ports = all ports', spec: '  podSelector: {}\n  ingress: [{}]\n', expected: ['Allow all traffic from anywhere'] },
    {
      name: 'podSelector peer stays in the policy namespace; namespaceSelector peer spans namespaces',
      spec: `  podSelector: {}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: api}}
        - namespaceSelector: {matchLabels: {team: a}}
      ports:
        - port: 443
`,
      expected: ['Allow TCP port 443 from pods `app == "api"` in namespace `shop` or all pods in namespaces `team == "a"`'],
    },
    {
      name: 'pod and namespace selector in one peer, port range, ipBlock',
      spec: `  podSelector: {}
  egress:
    - to:
        - namespaceSelector: {}
          podSelector: {matchLabels: {k8s-app: kube-dns}}
        - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
      ports:
        - {protocol: UDP, port: 53}
        - {port: 32000, endPort: 32768}
`,
      expected: [
        'Allow UDP port 53 or TCP ports 32000–32768 to pods `k8s-app == "kube-dns"` in every namespace or addresses in `10.0.0.0/8` excluding `10.1.0.0/16`',
      ],
    },
  ];
  for (const c of rules) test(c.name, () => assert.deepEqual(sentencesOf(knp(c.spec)), c.expected));

  test('policyTypes omitted: Ingress always, even with only egress rules (Kubernetes defaulting)', () => {
    const facts = factsOf(knp('  podSelector: {}\n  egress: [{}]\n'));
    assert.deepEqual(facts.types, ['ingress', 'egress']);
    assert.equal(
      unmatchedClause(facts, 'ingress'),
      'no ingress rules: ingress to the selected pods is denied unless a later policy in tier `default` allows or passes it',
    );
  });

  test('explicit policyTypes Egress with no egress rules denies egress', () => {
    const facts = factsOf(knp('  podSelector: {}\n  policyTypes: [Egress]\n'));
    assert.deepEqual(facts.types, ['egress']);
    assert.equal(
      unmatchedClause(facts, 'egress'),
      'no egress rules: egress from the selected pods is denied unless a later policy in tier `default` allows or passes it',
    );
    assert.equal(unmatchedClause(facts, 'ingress'), 'ingress is not affected by this policy');
  });

  test('StagedKubernetesNetworkPolicy is explained as staged', () => {
    const facts = factsOf(`apiVersion: projectcalico.org/v3
kind: StagedKubernetesNetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  stagedAction: Set
  podSelector: {}
  ingress: [{}]
`);
    assert.equal(facts.flavor, 'kubernetes');
    assert.deepEqual(facts.staged, { action: 'Set' });
    assert.match(policyMarkdown(facts), /never affects traffic/);
  });

  // Staged resources are never enforced (reference §3.2, §8.7): no sentence may claim Calico enforces one.
  const stagedKnp = (action: string) => `apiVersion: projectcalico.org/v3
kind: StagedKubernetesNetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  stagedAction: ${action}
${action === 'Delete' ? '' : '  podSelector: {}\n  ingress: [{}]\n'}`;
  const stagedRows: { action: string; paragraph: RegExp; markdown: RegExp; absent: RegExp }[] = [
    {
      action: 'Set',
      paragraph: /^Staged Kubernetes NetworkPolicy `web`: once applied as a Kubernetes NetworkPolicy, Calico would enforce it as `knp\.default\.web` in tier `default` with order 1000\. Staged \(`Set`\): it never affects traffic; it only previews a change\. The rest describes it as if it were enforced\. Applies to /,
      markdown: /Calico would enforce it as `knp\.default\.web` in tier `default` with order 1000/,
      absent: /Calico enforces/,
    },
    {
      action: 'Delete',
      paragraph: /^Staged \(`Delete`\): it never affects traffic; it only previews a change\. It previews deleting the enforced policy of the same name\.$/,
      markdown: /It previews deleting the enforced policy of the same name/,
      absent: /Calico enforces|Applies to|Directions|knp\.default/,
    },
  ];
  for (const row of stagedRows) {
    test(`StagedKubernetesNetworkPolicy (${row.action}) is never described as enforced`, () => {
      const facts = factsOf(stagedKnp(row.action));
      const paragraph = policyParagraph(facts);
      const markdown = policyMarkdown(facts);
      assert.match(paragraph, row.paragraph);
      assert.match(markdown, row.markdown);
      assert.doesNotMatch(paragraph, row.absent);
      assert.doesNotMatch(markdown, row.absent);
    });
  }
});
