// Policy objects for the stand-in API: a small tutorial-like cluster in projectcalico.org/v3 shape, the same
// objects as Calico's CRD storage keeps them (crd.projectcalico.org/v1), and a generator for scale.
import type { FakeFullObject, FakeKubeData } from './fakeKubeApi';

const V3 = 'projectcalico.org/v3';
const CRD = 'crd.projectcalico.org/v1';
const K8S = 'networking.k8s.io/v1';

export const NAMESPACES = ['frontend', 'payments'];

/** A security tier (order 100) with a GNP and a namespaced policy, default-tier policies, a staged one, sets, and a Kubernetes NP. */
export function tutorialPolicies(): FakeFullObject[] {
  return [
    { apiVersion: V3, kind: 'Tier', metadata: { name: 'security' }, spec: { order: 100, defaultAction: 'Pass' } },
    { apiVersion: V3, kind: 'Tier', metadata: { name: 'default' }, spec: { order: 1000000 } },
    {
      apiVersion: V3,
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'security.block-bad-nets', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"secret":"no"}' } },
      spec: { tier: 'security', order: 10, selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Deny', source: { selector: 'threat == "high"' } }, { action: 'Pass' }] },
    },
    {
      apiVersion: V3,
      kind: 'NetworkPolicy',
      metadata: { name: 'security.payments-lockdown', namespace: 'payments' },
      spec: { tier: 'security', order: 5, selector: 'app == "api"', types: ['Ingress'], ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: 'app == "web"', namespaceSelector: 'all()' }, destination: { ports: [8443] } }] },
    },
    {
      apiVersion: V3,
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-web', namespace: 'frontend', labels: { owner: 'web-team' } },
      spec: { tier: 'default', order: 200, selector: 'app == "web"', types: ['Ingress'], ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [80] } }] },
    },
    {
      apiVersion: V3,
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: 'frontend' },
      spec: { tier: 'default', selector: 'all()', types: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: V3,
      kind: 'GlobalNetworkPolicy',
      metadata: { name: 'allow-dns' },
      spec: { tier: 'default', order: 50, selector: 'all()', types: ['Egress'], egress: [{ action: 'Allow', protocol: 'UDP', destination: { ports: [53] } }] },
    },
    {
      apiVersion: V3,
      kind: 'StagedNetworkPolicy',
      metadata: { name: 'tighter-web', namespace: 'frontend' },
      spec: { tier: 'default', order: 100, stagedAction: 'Set', selector: 'app == "web"', types: ['Ingress'], ingress: [{ action: 'Deny' }] },
    },
    {
      apiVersion: V3,
      kind: 'StagedGlobalNetworkPolicy',
      metadata: { name: 'security.staged-quarantine' },
      spec: { tier: 'security', order: 1, stagedAction: 'Set', selector: 'quarantine == "true"', types: ['Ingress'], ingress: [{ action: 'Deny' }] },
    },
    {
      apiVersion: V3,
      kind: 'StagedKubernetesNetworkPolicy',
      metadata: { name: 'staged-knp', namespace: 'payments' },
      spec: { stagedAction: 'Set', podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'] },
    },
    { apiVersion: V3, kind: 'GlobalNetworkSet', metadata: { name: 'bad-nets', labels: { threat: 'high' } }, spec: { nets: ['198.51.100.0/24'] } },
    { apiVersion: V3, kind: 'NetworkSet', metadata: { name: 'partners', namespace: 'payments', labels: { partner: 'yes' } }, spec: { nets: ['203.0.113.0/24'] } },
    // The Calico API server also shows Kubernetes NetworkPolicies as knp.default.*; they must not count twice.
    { apiVersion: V3, kind: 'NetworkPolicy', metadata: { name: 'knp.default.api-ingress', namespace: 'payments' }, spec: { tier: 'default', order: 1000, selector: 'app == "api"' } },
    {
      apiVersion: K8S,
      kind: 'NetworkPolicy',
      metadata: { name: 'api-ingress', namespace: 'payments' },
      spec: { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 8443 }] }] },
    },
  ];
}

/** The same cluster as Calico's CRD storage holds it: `default.` names, no tier field, labels in the metadata annotation. */
export function tutorialPoliciesAsCrds(): FakeFullObject[] {
  return tutorialPolicies()
    .filter((o) => o.apiVersion === K8S || !o.metadata.name.startsWith('knp.'))
    .map((o) => {
      if (o.apiVersion !== V3) return o;
      const spec = { ...(o.spec as Record<string, unknown>) };
      const tiered = /NetworkPolicy$/.test(o.kind) && o.kind !== 'StagedKubernetesNetworkPolicy';
      let name = o.metadata.name;
      if (tiered && (spec.tier ?? 'default') === 'default') {
        name = `default.${name}`;
        delete spec.tier;
      }
      const metadata: FakeFullObject['metadata'] = { name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) };
      if (o.metadata.labels) metadata.annotations = { 'projectcalico.org/metadata': JSON.stringify({ labels: o.metadata.labels, creationTimestamp: null }) };
      return { apiVersion: CRD, kind: o.kind, metadata, spec };
    });
}

export function tutorialCluster(objects = tutorialPolicies()): Partial<FakeKubeData> {
  return {
    objects,
    namespaces: NAMESPACES.map((name) => ({ name, labels: { 'kubernetes.io/metadata.name': name } })),
    pods: [
      { name: 'web-1', namespace: 'frontend', labels: { app: 'web' }, ip: '10.0.0.1' },
      { name: 'api-1', namespace: 'payments', labels: { app: 'api' }, ip: '10.0.1.1', ports: [{ name: 'https', containerPort: 8443, protocol: 'TCP' }] },
    ],
  };
}

/** `count` namespaced Calico policies over `namespaces` namespaces in two tiers, for scale runs. */
export function generatePolicies(count: number, namespaces: number): Partial<FakeKubeData> {
  const objects: FakeFullObject[] = [{ apiVersion: V3, kind: 'Tier', metadata: { name: 'platform' }, spec: { order: 100 } }];
  for (let i = 0; i < count; i++) {
    const ns = `team-${String(i % namespaces).padStart(3, '0')}`;
    const tier = i % 5 === 0 ? 'platform' : 'default';
    objects.push({
      apiVersion: V3,
      kind: 'NetworkPolicy',
      metadata: { name: `${tier === 'platform' ? 'platform.' : ''}policy-${i}`, namespace: ns, labels: { team: `t${i % 50}` } },
      spec: {
        tier,
        order: (i % 20) * 10,
        selector: `app == "app-${i % 10}"`,
        types: ['Ingress', 'Egress'],
        ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: `app == "app-${(i + 1) % 10}"` }, destination: { ports: [8000 + (i % 100)] } }],
        egress: [{ action: 'Allow', protocol: 'UDP', destination: { ports: [53] } }],
      },
    });
  }
  const names = Array.from({ length: namespaces }, (_, n) => ({ name: `team-${String(n).padStart(3, '0')}` }));
  return { objects, namespaces: names };
}
