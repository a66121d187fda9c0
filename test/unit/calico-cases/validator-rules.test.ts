// Calico's own validator cases for rules, entity rules, ICMP, ports, protocols, HTTP and service matches.
// Rows from the `Entry(...)` tables of libcalico-go/lib/validator/v3/validator_test.go, projectcalico/calico release v3.32.1 (commit 0ca9d1b93644778cafdf1812f3dda02ac0c361e8);
// the `derived` table is ours, following the validator's rule checks in validator.go there. Each rejected row names
// the code (docs/rules.md) of the rule that rejects it; other errors may come with it.
import { describe, test } from 'node:test';
import { assertCase, ruleIn, resource, type CalicoCase } from '../../support/calicoCases';

const allow = (extra: Record<string, unknown> = {}) => ruleIn({ action: 'Allow', ...extra });
const svc = { name: 'service1', namespace: 'default' };

const actions: CalicoCase[] = [
  { name: 'Allow action', doc: ruleIn({ action: 'Allow' }), valid: true },
  { name: 'Deny action', doc: ruleIn({ action: 'Deny' }), valid: true },
  { name: 'Log action', doc: ruleIn({ action: 'Log' }), valid: true },
  { name: 'Pass action', doc: ruleIn({ action: 'Pass' }), valid: true },
  { name: 'unknown action', doc: ruleIn({ action: 'unknown' }), valid: false, code: 'RULE-ACTION' },
  { name: 'action allowfoo', doc: ruleIn({ action: 'allowfoo' }), valid: false, code: 'RULE-ACTION' },
  { name: 'rule without an action', doc: ruleIn({ protocol: 'TCP' }), valid: false, code: 'RULE-ACTION' },
];

const ipVersions: CalicoCase[] = [
  { name: 'ipVersion 4', doc: allow({ ipVersion: 4 }), valid: true },
  { name: 'ipVersion 6', doc: allow({ ipVersion: 6 }), valid: true },
  { name: 'ipVersion 0', doc: allow({ ipVersion: 0 }), valid: false, code: 'RULE-IPVER' },
];

const protocols: CalicoCase[] = [
  ...['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite'].map((p): CalicoCase => ({ name: `protocol ${p}`, doc: allow({ protocol: p }), valid: true })),
  { name: 'protocol 1 as a number', doc: allow({ protocol: 1 }), valid: true },
  { name: 'protocol 255 as a number', doc: allow({ protocol: 255 }), valid: true },
  { name: 'protocol 255 as a string', doc: allow({ protocol: '255' }), valid: true },
  { name: 'protocol 1 as a string', doc: allow({ protocol: '1' }), valid: true },
  { name: 'protocol 0 as a number', doc: allow({ protocol: 0 }), valid: false, code: 'RULE-PROTO' },
  { name: 'protocol 256 as a string', doc: allow({ protocol: '256' }), valid: false, code: 'RULE-PROTO' },
  { name: 'protocol 0 as a string', doc: allow({ protocol: '0' }), valid: false, code: 'RULE-PROTO' },
  { name: 'protocol tcpfoo', doc: allow({ protocol: 'tcpfoo' }), valid: false, code: 'RULE-PROTO' },
  { name: 'protocol footcp', doc: allow({ protocol: 'footcp' }), valid: false, code: 'RULE-PROTO' },
  { name: 'protocol tcp in lower case', doc: allow({ protocol: 'tcp' }), valid: false, code: 'RULE-PROTO' },
];

const icmp: CalicoCase[] = [
  { name: 'ICMP protocol with an empty icmp block', doc: allow({ protocol: 'ICMP', icmp: {} }), valid: true },
  { name: 'ICMP type 0', doc: allow({ protocol: 'ICMP', icmp: { type: 0 } }), valid: true },
  { name: 'ICMP type 254', doc: allow({ protocol: 'ICMP', icmp: { type: 254 } }), valid: true },
  { name: 'ICMP type 128 code 0', doc: allow({ protocol: 'ICMP', icmp: { type: 128, code: 0 } }), valid: true },
  { name: 'ICMP type 128 code 255', doc: allow({ protocol: 'ICMP', icmp: { type: 128, code: 255 } }), valid: true },
  { name: 'ICMP code without a type', doc: allow({ protocol: 'ICMP', icmp: { code: 0 } }), valid: false, code: 'ICMP-CODE-NOTYPE' },
  { name: 'ICMP type 255', doc: allow({ protocol: 'ICMP', icmp: { type: 255 } }), valid: false, code: 'ICMP-RANGE' },
  { name: 'ICMP code 256', doc: allow({ protocol: 'ICMP', icmp: { type: 128, code: 256 } }), valid: false, code: 'ICMP-RANGE' },
  { name: 'icmp fields without a protocol', doc: allow({ ipVersion: 4, icmp: { type: 0 } }), valid: false, code: 'RULE-ICMP-PROTO' },
  { name: 'ICMP fields without ipVersion', doc: allow({ protocol: 'ICMP', icmp: { type: 0 } }), valid: true },
  { name: 'ICMPv6 fields without ipVersion', doc: allow({ protocol: 'ICMPv6', icmp: { type: 0 } }), valid: true },
  { name: 'ICMP with ipVersion 6', doc: allow({ protocol: 'ICMP', ipVersion: 6 }), valid: false, code: 'RULE-ICMP-IPVER' },
  { name: 'ICMPv6 with ipVersion 4', doc: allow({ protocol: 'ICMPv6', ipVersion: 4 }), valid: false, code: 'RULE-ICMP-IPVER' },
  { name: 'ICMP with ipVersion 4 and a type', doc: allow({ protocol: 'ICMP', ipVersion: 4, icmp: { type: 0 } }), valid: true },
  { name: 'ICMPv6 with ipVersion 6 and a type', doc: allow({ protocol: 'ICMPv6', ipVersion: 6, icmp: { type: 0 } }), valid: true },
];

const ports: CalicoCase[] = [
  { name: 'SCTP with nothing else', doc: allow({ protocol: 'SCTP' }), valid: true },
  { name: 'source port with protocol 6', doc: allow({ protocol: 6, source: { ports: [1] } }), valid: true },
  { name: 'named source port with protocol 6', doc: allow({ protocol: 6, source: { ports: ['foo'] } }), valid: true },
  { name: 'named source port with TCP', doc: allow({ protocol: 'TCP', source: { ports: ['foo'] } }), valid: true },
  { name: 'named source port with UDP', doc: allow({ protocol: 'UDP', source: { ports: ['foo'] } }), valid: true },
  { name: 'empty source ports with protocol 7', doc: allow({ protocol: 7, source: { ports: [] } }), valid: true },
  { name: 'source notPorts with protocol 17', doc: allow({ protocol: 17, source: { notPorts: [1] } }), valid: true },
  { name: 'empty source notPorts with protocol 100', doc: allow({ protocol: 100, source: { notPorts: [] } }), valid: true },
  { name: 'destination port with TCP', doc: allow({ protocol: 'TCP', destination: { ports: [1] } }), valid: true },
  { name: 'destination port without a protocol', doc: allow({ destination: { ports: [1] } }), valid: false, code: 'RULE-PORTS-NOPROTO' },
  { name: 'destination notPorts 0', doc: allow({ protocol: 'TCP', destination: { notPorts: [0] } }), valid: false, code: 'PORT-ZERO' },
  { name: 'destination notPorts range from 0', doc: allow({ protocol: 'TCP', destination: { notPorts: ['0:456'] } }), valid: false, code: 'PORT-ZERO' },
  { name: 'named port with an unknown protocol', doc: allow({ protocol: 'unknown', destination: { notPorts: ['foo'] } }), valid: false, code: 'RULE-PROTO' },
  { name: 'empty destination ports with SCTP', doc: allow({ protocol: 'SCTP', destination: { ports: [] } }), valid: true },
  { name: 'empty destination notPorts with ICMPv6', doc: allow({ protocol: 'ICMPv6', ipVersion: 6, destination: { notPorts: [] } }), valid: true },
  { name: 'source port with protocol 7', doc: allow({ protocol: 7, source: { ports: [1] } }), valid: false, code: 'RULE-PORTS-PROTO' },
  { name: 'source notPorts with protocol 100', doc: allow({ protocol: 100, source: { notPorts: [1] } }), valid: false, code: 'RULE-PORTS-PROTO' },
  { name: 'destination port with SCTP', doc: allow({ protocol: 'SCTP', destination: { ports: [1] } }), valid: true },
  { name: 'destination notPorts with lower-case icmp', doc: allow({ protocol: 'icmp', ipVersion: 4, destination: { notPorts: [1] } }), valid: false, code: 'RULE-PROTO' },
  { name: 'reversed source port range', doc: allow({ protocol: 'TCP', source: { ports: ['200:100'] } }), valid: false, code: 'PORT-RANGE-ORDER' },
  { name: 'reversed source notPorts range', doc: allow({ protocol: 'TCP', source: { notPorts: ['200:100'] } }), valid: false, code: 'PORT-RANGE-ORDER' },
  { name: 'reversed destination port range', doc: allow({ protocol: 'TCP', destination: { ports: ['200:100'] } }), valid: false, code: 'PORT-RANGE-ORDER' },
  { name: 'reversed destination notPorts range', doc: allow({ protocol: 'TCP', destination: { notPorts: ['200:100'] } }), valid: false, code: 'PORT-RANGE-ORDER' },
  { name: 'destination notPorts range 0:100', doc: allow({ protocol: 'TCP', destination: { notPorts: ['0:100'] } }), valid: false, code: 'PORT-ZERO' },
];

const nets: CalicoCase[] = [
  { name: 'IPv4 source with IPv6 destination', doc: allow({ protocol: 'TCP', source: { nets: ['1.2.3.0/26'] }, destination: { nets: ['aabb:aabb::0000/122'] } }), valid: false, code: 'RULE-NET-MIX' },
  { name: 'IPv6 source with IPv4 destination', doc: allow({ protocol: 'TCP', source: { nets: ['aabb:aabb::/128'] }, destination: { nets: ['1.2.0.0/32'] } }), valid: false, code: 'RULE-NET-MIX' },
  { name: 'ipVersion 6 with IPv4 nets', doc: allow({ protocol: 'TCP', ipVersion: 6, source: { nets: ['1.0.0.0/10'] }, destination: { nets: ['1.2.0.0/32'] } }), valid: false, code: 'RULE-NET-IPVER' },
  { name: 'ipVersion 6 with IPv4 nets and notNets', doc: allow({ protocol: 'TCP', ipVersion: 6, source: { nets: ['1.0.0.0/10'] }, destination: { notNets: ['1.2.0.0/32'] } }), valid: false, code: 'RULE-NET-IPVER' },
  { name: 'ipVersion 6 with an IPv4 source net', doc: allow({ protocol: 'TCP', ipVersion: 6, source: { nets: ['1.2.3.4/32'] } }), valid: false, code: 'RULE-NET-IPVER' },
  { name: 'ipVersion 4 with an IPv6 destination net', doc: allow({ protocol: 'TCP', ipVersion: 4, destination: { nets: ['aabb:aabb::ffff/128'] } }), valid: false, code: 'RULE-NET-IPVER' },
];

const http: CalicoCase[] = [
  { name: 'Allow with an HTTP match', doc: allow({ http: { methods: ['GET'] } }), valid: true },
  { name: 'Deny with an HTTP match', doc: ruleIn({ action: 'Deny', http: { methods: ['GET'] } }), valid: false, code: 'RULE-HTTP-ACTION' },
  { name: 'UDP with an HTTP match', doc: allow({ protocol: 'UDP', http: { methods: ['GET'] } }), valid: false, code: 'RULE-HTTP-PROTO' },
  { name: 'TCP with an HTTP match', doc: allow({ protocol: 'TCP', http: { methods: ['GET'] } }), valid: true },
  { name: 'exact and prefix paths in separate entries', doc: allow({ http: { paths: [{ exact: '/foo' }, { prefix: '/bar' }] } }), valid: true },
  { name: 'exact and prefix in one path entry', doc: allow({ http: { paths: [{ exact: '/foo', prefix: '/bar' }, { prefix: '/bar' }] } }), valid: false, code: 'HTTP-PATH' },
  ...['/fo?o', '/fo o', '/f#oo', '/fo#!?o'].map((p): CalicoCase => ({ name: `path ${p}`, doc: allow({ http: { paths: [{ exact: p }] } }), valid: false, code: 'HTTP-PATH' })),
  { name: 'empty path entry', doc: allow({ http: { paths: [{}] } }), valid: false, code: 'HTTP-PATH' },
  { name: 'repeated HTTP method', doc: allow({ http: { methods: ['GET', 'GET', 'Foo'] } }), valid: false, code: 'HTTP-METHOD-DUP' },
  { name: 'HTTP match in an egress rule', doc: ruleIn({ action: 'Allow', http: { methods: ['GET'] } }, 'egress'), valid: false, code: 'POL-EGRESS-HTTP' },
];

const ruleMetadata: CalicoCase[] = [
  { name: 'rule annotations foo: bar', doc: allow({ metadata: { annotations: { foo: 'bar' } } }), valid: true },
  { name: 'rule annotation key ...', doc: allow({ metadata: { annotations: { '...': 'bar' } } }), valid: false, code: 'RULE-META-ANNOT' },
];

const selectors: CalicoCase[] = [
  { name: 'plain equality selector', doc: allow({ source: { selector: 'foo == "bar"' } }), valid: true },
  { name: 'has() with one slash', doc: allow({ source: { selector: 'has(calico/k8s_ns)' } }), valid: true },
  { name: 'has() with two slashes', doc: allow({ source: { selector: 'has(calico/k8s_ns/role)' } }), valid: true },
  { name: 'has() with two slashes, dash and dot', doc: allow({ source: { selector: 'has(calico/k8s_NS-.1/role)' } }), valid: true },
  { name: 'dangling &', doc: allow({ source: { selector: 'thing=hello &' } }), valid: false, code: 'ER-SEL-PARSE' },
  { name: 'global() as a selector', doc: allow({ source: { selector: '  global()  ' } }), valid: false, code: 'ER-SEL-GLOBAL' },
  { name: 'global() as a namespaceSelector', doc: allow({ source: { namespaceSelector: '  global()  ' } }), valid: true },
  { name: 'global() ANDed in a namespaceSelector', doc: allow({ source: { namespaceSelector: ' global() && all()' } }), valid: false, code: 'ER-NS-GLOBAL' },
  { name: 'global() ORed in a namespaceSelector', doc: allow({ source: { namespaceSelector: 'global()||all()' } }), valid: false, code: 'ER-NS-GLOBAL' },
  { name: 'global() with a bad term', doc: allow({ source: { selector: 'global() && bad' } }), valid: false, code: 'ER-SEL-PARSE' },
  {
    name: 'global() and projectcalico.org/name namespace selectors',
    doc: allow({ source: { namespaceSelector: 'global()' }, destination: { namespaceSelector: "projectcalico.org/name == 'test'" } }),
    valid: true,
  },
];

const services: CalicoCase[] = [
  { name: 'service in an egress destination', doc: ruleIn({ action: 'Allow', destination: { services: svc } }, 'egress'), valid: true },
  { name: 'service in an egress source', doc: ruleIn({ action: 'Allow', source: { services: svc } }, 'egress'), valid: false, code: 'POL-EGRESS-SRC-SVC' },
  { name: 'service in an ingress source', doc: ruleIn({ action: 'Allow', source: { services: svc } }), valid: true },
  { name: 'service in an ingress destination', doc: ruleIn({ action: 'Allow', destination: { services: svc } }), valid: false, code: 'POL-INGRESS-DST-SVC' },
  { name: 'service with service accounts', doc: ruleIn({ action: 'Allow', destination: { serviceAccounts: { names: ['serviceaccount'] }, services: svc } }), valid: false, code: 'ER-SVC-SA' },
  { name: 'service with destination ports', doc: ruleIn({ action: 'Allow', destination: { ports: [80], services: svc } }, 'egress'), valid: false, code: 'RULE-SVC-DSTPORTS' },
  { name: 'service with destination notPorts', doc: ruleIn({ action: 'Allow', destination: { notPorts: [80], services: svc } }, 'egress'), valid: false, code: 'RULE-SVC-DSTPORTS' },
  { name: 'service with source ports on ingress', doc: ruleIn({ action: 'Allow', protocol: 'TCP', source: { ports: [80], services: svc } }), valid: true },
  { name: 'service with source notPorts on ingress', doc: ruleIn({ action: 'Allow', protocol: 'TCP', source: { notPorts: [80], services: svc } }), valid: true },
  { name: 'service with nets', doc: ruleIn({ action: 'Allow', destination: { nets: ['10.0.0.0/8'], services: svc } }, 'egress'), valid: false, code: 'ER-SVC-NETS' },
  { name: 'service with notNets', doc: ruleIn({ action: 'Allow', destination: { notNets: ['10.0.0.0/8'], services: svc } }, 'egress'), valid: false, code: 'ER-SVC-NETS' },
  { name: 'service with a selector', doc: ruleIn({ action: 'Allow', destination: { selector: "x == 'y'", services: svc } }, 'egress'), valid: false, code: 'ER-SVC-SEL' },
  { name: 'service with a notSelector', doc: ruleIn({ action: 'Allow', destination: { notSelector: "x == 'y'", services: svc } }, 'egress'), valid: false, code: 'ER-SVC-SEL' },
  { name: 'service with a namespaceSelector', doc: ruleIn({ action: 'Allow', destination: { namespaceSelector: "x == 'y'", services: svc } }, 'egress'), valid: false, code: 'ER-SVC-NSSEL' },
  {
    name: 'service in a global ingress destination',
    doc: resource('GlobalNetworkPolicy', 'thing', { ingress: [{ action: 'Allow', destination: { services: svc } }] }),
    valid: false, code: 'POL-INGRESS-DST-SVC',
  },
  {
    name: 'service without a namespace in a global policy',
    doc: resource('GlobalNetworkPolicy', 'thing', { egress: [{ action: 'Allow', destination: { services: { name: 'service1' } } }] }),
    valid: false, code: 'GNP-SVC-NS',
  },
  {
    name: 'service with a namespaceSelector in a global policy',
    doc: resource('GlobalNetworkPolicy', 'thing', { egress: [{ action: 'Allow', destination: { namespaceSelector: "x == 'y'", services: svc } }] }),
    valid: false, code: 'ER-SVC-NSSEL',
  },
];

/** Further cases that follow directly from the validator's rule checks. */
const derived: CalicoCase[] = [
  { name: 'named destination port without a protocol', doc: allow({ destination: { ports: ['http'] } }), valid: true },
  { name: 'port range 80:80', doc: allow({ protocol: 'TCP', destination: { ports: ['80:80'] } }), valid: true },
  { name: 'port 65536', doc: allow({ protocol: 'TCP', destination: { ports: [65536] } }), valid: false, code: 'PORT-PARSE' },
  { name: 'ICMPv6 type 255', doc: allow({ protocol: 'ICMPv6', icmp: { type: 255 } }), valid: false, code: 'ICMP-RANGE' },
  { name: 'notICMP code without a type', doc: allow({ protocol: 'ICMP', notICMP: { code: 1 } }), valid: false, code: 'ICMP-CODE-NOTYPE' },
  { name: 'service with an empty name', doc: ruleIn({ action: 'Allow', destination: { services: { name: '', namespace: 'default' } } }, 'egress'), valid: false, code: 'ER-SVC-NAME' },
  { name: 'Pass with an HTTP match', doc: ruleIn({ action: 'Pass', http: { methods: ['GET'] } }), valid: false, code: 'RULE-HTTP-ACTION' },
  { name: 'net with host bits set', doc: allow({ source: { nets: ['1.2.3.4/24'] } }), valid: false, code: 'RULE-NET-MASK' },
  { name: 'bare address in rule nets', doc: allow({ destination: { nets: ['10.0.0.1'] } }), valid: false, code: 'RULE-NET-PARSE' },
  { name: 'HTTP prefix without a leading slash', doc: allow({ http: { paths: [{ prefix: 'foo' }] } }), valid: false, code: 'HTTP-PATH' },
  { name: 'notProtocol ICMP with ipVersion 6', doc: allow({ notProtocol: 'ICMP', ipVersion: 6 }), valid: false, code: 'RULE-ICMP-IPVER' },
  { name: 'protocol 6 with an HTTP match', doc: allow({ protocol: 6, http: { methods: ['GET'] } }), valid: true },
  { name: 'protocol 132 with ports', doc: allow({ protocol: 132, destination: { ports: [53] } }), valid: true },
  { name: 'UDPLite with ports', doc: allow({ protocol: 'UDPLite', destination: { ports: [53] } }), valid: false, code: 'RULE-PORTS-PROTO' },
  { name: 'ipVersion as the string "4"', doc: allow({ ipVersion: '4' }), valid: false, code: 'RULE-IPVER' },
  { name: 'global() in a notSelector is not checked', doc: allow({ source: { notSelector: 'global()' } }), valid: true },
];

const tables: Record<string, CalicoCase[]> = { derived, actions, ipVersions, protocols, icmp, ports, nets, http, ruleMetadata, selectors, services };

for (const [group, cases] of Object.entries(tables)) {
  describe(`Calico rule cases: ${group}`, () => {
    for (const c of cases) {
      test(`${c.valid ? 'accepts' : `rejects with ${c.code}`} ${c.name}`, () => assertCase(c));
    }
  });
}
