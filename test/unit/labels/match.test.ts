import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { InMemoryLabelSource, matchSelector, scopeForSelector, type LabelScope } from '../../../server/src/labels';
import { parseSelector } from '../../../server/src/selector';

const index = new InMemoryLabelSource({
  namespaces: [{ name: 'yaobank-customer', labels: { tenant: 'yaobank' } }, { name: 'yaobank-database', labels: { tenant: 'yaobank' } }, { name: 'kube-system' }],
  pods: [
    { name: 'customer-7d9f-a', namespace: 'yaobank-customer', labels: { app: 'customer' }, serviceAccount: 'customer' },
    { name: 'customer-7d9f-b', namespace: 'yaobank-customer', labels: { app: 'customer' }, serviceAccount: 'customer' },
    { name: 'customer-7d9f-c', namespace: 'yaobank-customer', labels: { app: 'customer' }, serviceAccount: 'customer' },
    { name: 'summary-1', namespace: 'yaobank-customer', labels: { app: 'summary', tier: 'api' } },
    { name: 'database-0', namespace: 'yaobank-database', labels: { app: 'database' } },
    { name: 'coredns-1', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
  ],
  networkSets: [{ name: 'partners', namespace: 'yaobank-customer', labels: { role: 'partner' } }],
  globalNetworkSets: [{ name: 'threats', labels: { feed: 'bad' } }],
});

function ast(text: string) {
  const r = parseSelector(text);
  assert.ok(r.ok, `selector ${text} should parse`);
  return r.ast;
}

describe('matchSelector', () => {
  const customerNs: LabelScope = { kind: 'endpoints', namespace: 'yaobank-customer' };

  test('counts matching pods and names a few of them', () => {
    const m = matchSelector(index, customerNs, ast('app == "customer"'));
    assert.equal(m.count, 3);
    assert.deepEqual(m.namespaces, ['yaobank-customer']);
    assert.equal(m.samples.length, 3);
    assert.ok(m.samples.every((s) => s.kind === 'pod' && s.namespace === 'yaobank-customer' && s.name.startsWith('customer-')));
  });

  test('the sample list is capped', () => {
    assert.equal(matchSelector(index, customerNs, ast('all()'), 2).samples.length, 2);
  });

  const cases: [string, LabelScope, number][] = [
    // != and not in are true when the label is missing (reference §6.3).
    ['tier != "api"', customerNs, 4],
    ['tier not in {"api"}', customerNs, 4],
    ['tier == "api"', customerNs, 1],
    ['has(tier)', customerNs, 1],
    ['!has(tier)', customerNs, 4],
    ['all()', customerNs, 5],
    ['', customerNs, 5],
    ['app starts with "cust"', customerNs, 3],
    // Calico's own labels take part.
    ['projectcalico.org/namespace == "yaobank-database"', { kind: 'endpoints' }, 1],
    ['projectcalico.org/orchestrator == "k8s"', { kind: 'endpoints' }, 6],
    ['projectcalico.org/serviceaccount == "customer"', { kind: 'endpoints' }, 3],
    // Global network sets only for selectors that span namespaces.
    ['has(feed)', { kind: 'endpoints' }, 1],
    ['has(feed)', customerNs, 0],
    ['tenant == "yaobank"', { kind: 'namespaces' }, 2],
    ['projectcalico.org/name == "kube-system"', { kind: 'namespaces' }, 1],
  ];
  for (const [selector, scope, expected] of cases) {
    test(`${selector || '(empty)'} in ${JSON.stringify(scope)} matches ${expected}`, () => {
      assert.equal(matchSelector(index, scope, ast(selector)).count, expected);
    });
  }
});

describe('scopeForSelector', () => {
  const np = { kind: 'NetworkPolicy', namespace: 'yaobank-customer' };
  const gnp = { kind: 'GlobalNetworkPolicy' };
  const cases: [string, { field: string; level: 'policy' | 'rule' }, { kind: string; namespace?: string }, string | undefined, LabelScope][] = [
    ['NP selector: its namespace', { field: 'selector', level: 'policy' }, np, undefined, { kind: 'endpoints', namespace: 'yaobank-customer' }],
    ['NP without namespace: default', { field: 'selector', level: 'policy' }, { kind: 'NetworkPolicy' }, undefined, { kind: 'endpoints', namespace: 'default' }],
    ['staged NP: like NP', { field: 'selector', level: 'policy' }, { kind: 'StagedNetworkPolicy', namespace: 'x' }, undefined, { kind: 'endpoints', namespace: 'x' }],
    ['GNP selector: everything', { field: 'selector', level: 'policy' }, gnp, undefined, { kind: 'endpoints', namespace: undefined }],
    ['NP serviceAccountSelector', { field: 'serviceAccountSelector', level: 'policy' }, np, undefined, { kind: 'serviceAccounts', namespace: 'yaobank-customer' }],
    ['GNP namespaceSelector', { field: 'namespaceSelector', level: 'policy' }, gnp, undefined, { kind: 'namespaces' }],
    ['rule namespaceSelector', { field: 'namespaceSelector', level: 'rule' }, np, undefined, { kind: 'namespaces' }],
    ['NP rule selector: its namespace', { field: 'selector', level: 'rule' }, np, undefined, { kind: 'endpoints', namespace: 'yaobank-customer' }],
    ['NP rule selector with namespaceSelector: all', { field: 'selector', level: 'rule' }, np, 'tenant == "yaobank"', { kind: 'endpoints', namespace: undefined }],
    ['NP rule selector with a pinned namespace', { field: 'selector', level: 'rule' }, np, 'projectcalico.org/name == "yaobank-database"', { kind: 'endpoints', namespace: 'yaobank-database' }],
    ['NP rule notSelector: not namespace-limited', { field: 'notSelector', level: 'rule' }, np, undefined, { kind: 'endpoints', namespace: undefined }],
    ['NP rule serviceAccounts.selector', { field: 'serviceAccounts.selector', level: 'rule' }, np, undefined, { kind: 'serviceAccounts', namespace: 'yaobank-customer' }],
    ['GNP rule selector: everything', { field: 'selector', level: 'rule' }, gnp, undefined, { kind: 'endpoints', namespace: undefined }],
  ];
  for (const [name, site, resource, nsSel, expected] of cases) {
    test(name, () => assert.deepEqual(scopeForSelector(site, resource, nsSel), expected));
  }
});
