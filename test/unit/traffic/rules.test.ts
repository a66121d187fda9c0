// Calico rule criteria: namespace confinement (§6.5), service accounts, network sets, named ports, ranges,
// protocols, ICMP, nets and ipVersion.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs, flow, modelOf, namespace, pod, serviceAccount } from './helpers';

const world = docs(
  namespace('a', { team: 'x' }),
  namespace('b', { team: 'y' }),
  pod('a', 'server', { app: 'server' }, { ports: [{ name: 'http', port: 8080 }, { name: 'dns', port: 53, protocol: 'UDP' }], ip: '10.1.0.10' }),
  pod('a', 'client', { app: 'client' }, { sa: 'frontend', ip: '10.1.0.11' }),
  pod('a', 'special', { app: 'client', role: 'x' }, { ip: '10.1.0.12' }),
  pod('b', 'client', { app: 'client' }, { sa: 'frontend', ip: '10.2.0.11' }),
  serviceAccount('a', 'frontend', { tier: 'web' }),
  serviceAccount('b', 'frontend', { tier: 'batch' }),
);

function ingressPolicy(rule: string, ns = 'a', kind = 'NetworkPolicy'): string {
  const body = rule
    .trim()
    .split('\n')
    .map((line, i) => (i === 0 ? `    - ${line}` : `      ${line}`))
    .join('\n');
  return `apiVersion: projectcalico.org/v3
kind: ${kind}
metadata:
  name: p
${kind === 'NetworkPolicy' ? `  namespace: ${ns}\n` : ''}spec:
  selector: app == "server"
  ingress:
${body}
`;
}

const allowed = (yaml: string, from: string, to = 'a/server', protocol = 'TCP', port: number | string = 8080) =>
  flow(modelOf(docs(world, yaml)), from, to, protocol, port).verdict;

describe('namespace confinement (§6.5)', () => {
  test('a NetworkPolicy rule selector only matches its own namespace', () => {
    const p = ingressPolicy('action: Allow\nsource:\n  selector: app == "client"');
    // (app == "client") && projectcalico.org/namespace == "a"
    assert.equal(allowed(p, 'a/client'), 'allow');
    assert.equal(allowed(p, 'b/client'), 'deny');
  });

  test('namespaceSelector widens it to the namespaces whose labels match', () => {
    const p = ingressPolicy('action: Allow\nsource:\n  selector: app == "client"\n  namespaceSelector: team == "y"');
    // pcns.team == "y" -> only namespace b.
    assert.equal(allowed(p, 'b/client'), 'allow');
    assert.equal(allowed(p, 'a/client'), 'deny');
  });

  test('namespaceSelector all() means every namespace', () => {
    const p = ingressPolicy('action: Allow\nsource:\n  namespaceSelector: all()');
    assert.equal(allowed(p, 'b/client'), 'allow');
    // An address outside the cluster is in no namespace: has(projectcalico.org/namespace) fails.
    assert.equal(allowed(p, '198.51.100.1'), 'deny');
  });

  test('notSelector alone still confines the positive side to the namespace (pitfall 16)', () => {
    const p = ingressPolicy('action: Allow\nsource:\n  notSelector: role == "x"');
    assert.equal(allowed(p, 'a/client'), 'allow');
    assert.equal(allowed(p, 'a/special'), 'deny');
    // Another namespace's pod is not role x, but the namespace limit excludes it.
    assert.equal(allowed(p, 'b/client'), 'deny');
  });

  test('a nets-only rule is not namespace-confined', () => {
    const p = ingressPolicy('action: Allow\nsource:\n  nets: [10.2.0.0/16]');
    assert.equal(allowed(p, 'b/client'), 'allow');
    assert.equal(allowed(p, 'a/client'), 'deny');
    assert.equal(allowed(p, '10.2.9.9'), 'allow');
  });

  test('a GlobalNetworkPolicy rule selector spans every namespace', () => {
    const p = ingressPolicy('action: Allow\nsource:\n  selector: app == "client"', 'a', 'GlobalNetworkPolicy');
    assert.equal(allowed(p, 'b/client'), 'allow');
    assert.equal(allowed(p, 'a/client'), 'allow');
  });

  test('projectcalico.org/name in a namespaceSelector names the namespace', () => {
    const p = ingressPolicy('action: Allow\nsource:\n  namespaceSelector: projectcalico.org/name == "b"');
    assert.equal(allowed(p, 'b/client'), 'allow');
    assert.equal(allowed(p, 'a/client'), 'deny');
  });

  test('a GlobalNetworkPolicy namespaceSelector limits the endpoints it selects', () => {
    const gnp = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: isolate-y
spec:
  namespaceSelector: team == "y"
  types: [Ingress]
`;
    // Selects pods in namespace b only: b/client ingress is denied at the end of the tier, a/client is unselected.
    assert.equal(flow(modelOf(docs(world, gnp)), 'a/server', 'b/client', 'TCP', 1).verdict, 'deny');
    assert.equal(flow(modelOf(docs(world, gnp)), 'a/server', 'a/client', 'TCP', 1).verdict, 'allow');
  });
});

describe('service accounts', () => {
  test('serviceAccounts.names matches the pod service account (namespace-confined in a NetworkPolicy)', () => {
    const p = ingressPolicy('action: Allow\nsource:\n  serviceAccounts:\n    names: [frontend]');
    assert.equal(allowed(p, 'a/client'), 'allow');
    // special runs as "default".
    assert.equal(allowed(p, 'a/special'), 'deny');
    // b/client runs as frontend but in namespace b.
    assert.equal(allowed(p, 'b/client'), 'deny');
  });

  test('serviceAccounts.selector matches the service account labels', () => {
    const p = ingressPolicy('action: Allow\nsource:\n  serviceAccounts:\n    selector: tier == "batch"\n  namespaceSelector: all()');
    // Only b/frontend carries tier=batch.
    assert.equal(allowed(p, 'b/client'), 'allow');
    assert.equal(allowed(p, 'a/client'), 'deny');
  });

  test('a policy serviceAccountSelector limits the endpoints it selects', () => {
    const p = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: web-only
  namespace: a
spec:
  selector: all()
  serviceAccountSelector: tier == "web"
  types: [Egress]
`;
    // a/client (frontend, tier=web) is selected: its egress is denied; a/special (default) is not selected.
    assert.equal(flow(modelOf(docs(world, p)), 'a/client', 'a/server', 'TCP', 8080).decidedBy.side, 'egress');
    assert.equal(flow(modelOf(docs(world, p)), 'a/client', 'a/server', 'TCP', 8080).verdict, 'deny');
    assert.equal(flow(modelOf(docs(world, p)), 'a/special', 'a/server', 'TCP', 8080).verdict, 'allow');
  });
});

describe('ports, protocols, ICMP', () => {
  test('a named destination port resolves against the destination pod', () => {
    const p = ingressPolicy('action: Allow\nprotocol: TCP\ndestination:\n  ports: [http]');
    // server's http is TCP 8080.
    assert.equal(allowed(p, 'a/client', 'a/server', 'TCP', 8080), 'allow');
    assert.equal(allowed(p, 'a/client', 'a/server', 'TCP', 80), 'deny');
    // The flow may name the port too.
    assert.equal(allowed(p, 'a/client', 'a/server', 'TCP', 'http'), 'allow');
  });

  test('a named port also needs the protocol of the container port', () => {
    const p = ingressPolicy('action: Allow\nprotocol: TCP\ndestination:\n  ports: [dns]');
    // dns is UDP 53: TCP 53 is not the named port.
    assert.equal(allowed(p, 'a/client', 'a/server', 'TCP', 53), 'deny');
    const udp = ingressPolicy('action: Allow\nprotocol: UDP\ndestination:\n  ports: [dns]');
    assert.equal(allowed(udp, 'a/client', 'a/server', 'UDP', 53), 'allow');
  });

  test('port ranges are inclusive', () => {
    const p = ingressPolicy('action: Allow\nprotocol: TCP\ndestination:\n  ports: ["8000:8100"]');
    assert.equal(allowed(p, 'a/client', 'a/server', 'TCP', 8000), 'allow');
    assert.equal(allowed(p, 'a/client', 'a/server', 'TCP', 8100), 'allow');
    assert.equal(allowed(p, 'a/client', 'a/server', 'TCP', 8101), 'deny');
  });

  test('notPorts and notProtocol', () => {
    const p = ingressPolicy('action: Allow\nprotocol: TCP\ndestination:\n  notPorts: [22]');
    assert.equal(allowed(p, 'a/client', 'a/server', 'TCP', 22), 'deny');
    assert.equal(allowed(p, 'a/client', 'a/server', 'TCP', 23), 'allow');
    const np = ingressPolicy('action: Allow\nnotProtocol: UDP');
    assert.equal(allowed(np, 'a/client', 'a/server', 'UDP', 53), 'deny');
    assert.equal(allowed(np, 'a/client', 'a/server', 'SCTP', 53), 'allow');
  });

  test('protocol is matched by number as well as by name, case-insensitively on the query', () => {
    const p = ingressPolicy('action: Allow\nprotocol: 6');
    assert.equal(allowed(p, 'a/client', 'a/server', 'tcp', 1), 'allow');
    assert.equal(allowed(p, 'a/client', 'a/server', 'UDP', 1), 'deny');
  });

  test('icmp type is matched; a flow without a type makes it uncertain', () => {
    const p = ingressPolicy('action: Allow\nprotocol: ICMP\nicmp:\n  type: 8');
    const model = modelOf(docs(world, p));
    assert.equal(flow(model, 'a/client', 'a/server', 'ICMP', undefined, { icmp: { type: 8 } }).verdict, 'allow');
    assert.equal(flow(model, 'a/client', 'a/server', 'ICMP', undefined, { icmp: { type: 0 } }).verdict, 'deny');
    const unknown = flow(model, 'a/client', 'a/server', 'ICMP');
    assert.match(unknown.uncertain ?? '', /ICMP type/);
  });

  test('ipVersion 6 does not match an IPv4 flow', () => {
    const p = ingressPolicy('action: Allow\nipVersion: 6');
    assert.equal(allowed(p, 'a/client'), 'deny');
  });
});

describe('network sets', () => {
  const sets = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata:
  name: threats
  labels:
    feed: threat
spec:
  nets: [203.0.113.0/24]
---
apiVersion: projectcalico.org/v3
kind: NetworkSet
metadata:
  name: partners
  namespace: a
  labels:
    kind: partner
spec:
  nets: [192.0.2.0/24]
`;

  test('an address inside a global set carries its labels', () => {
    const gnp = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: block-threats
spec:
  selector: all()
  egress:
    - action: Deny
      destination:
        selector: feed == "threat"
    - action: Allow
`;
    const model = modelOf(docs(world, sets, gnp));
    assert.deepEqual(flow(model, 'a/client', '203.0.113.7', 'TCP', 443).decidedBy, { side: 'egress', tier: 'default', policy: 'block-threats', ruleIndex: 0, reason: 'rule' });
    assert.deepEqual(flow(model, 'a/client', '198.51.100.7', 'TCP', 443).decidedBy, { side: 'egress', tier: 'default', policy: 'block-threats', ruleIndex: 1, reason: 'rule' });
  });

  test('a namespaced set is only reachable from rules that reach its namespace', () => {
    const inA = ingressPolicy('action: Allow\nsource:\n  selector: kind == "partner"');
    const inB = ingressPolicy('action: Allow\nsource:\n  selector: kind == "partner"', 'b').replace('app == "server"', 'app == "client"');
    assert.equal(allowed(docs(sets, inA), '192.0.2.10'), 'allow');
    // The same selector in namespace b is confined to b; the partners set lives in a.
    assert.equal(allowed(docs(sets, inB), '192.0.2.10', 'b/client', 'TCP', 80), 'deny');
  });

  test('global() matches global sets and no pods', () => {
    const p = ingressPolicy('action: Allow\nsource:\n  selector: has(feed)\n  namespaceSelector: global()');
    assert.equal(allowed(docs(sets, p), '203.0.113.9'), 'allow');
    assert.equal(allowed(docs(sets, p), 'a/client'), 'deny');
  });
});

describe('network sets Calico would reject', () => {
  test('a set with a validation error lends its labels to no address', () => {
    const reserved = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata:
  name: bad-set
  labels:
    feed: threat
    projectcalico.org/namespace: a
spec:
  nets: [203.0.113.0/24]
`;
    const p = ingressPolicy('action: Allow\nsource:\n  selector: feed == "threat"', 'a', 'GlobalNetworkPolicy');
    // SET-RESERVED-LABEL: the set is rejected, so 203.0.113.5 carries no labels and the rule does not match.
    assert.equal(allowed(docs(reserved, p), '203.0.113.5'), 'deny');
    assert.equal(allowed(docs(reserved.replace('    projectcalico.org/namespace: a\n', ''), p), '203.0.113.5'), 'allow');
  });
});
