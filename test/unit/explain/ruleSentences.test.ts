import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { networkPolicyWithRule, sentencesOf } from './helpers';

// Expected sentences follow the reference: §4 (rule fields), §6.5 (how rule selectors are confined), §8.
const cases: { name: string; direction: 'ingress' | 'egress'; kind?: string; rule: string; expected: string }[] = [
  {
    name: 'tutorial rule: selector and namespaceSelector, destination port',
    direction: 'ingress',
    rule: `action: Allow
protocol: TCP
source:
  selector: app == "customer"
  namespaceSelector: ns == "summary"
destination:
  ports: [80]`,
    expected: 'Allow TCP from endpoints `app == "customer"` in namespaces `ns == "summary"` to port 80',
  },
  {
    name: 'NetworkPolicy rule selector without namespaceSelector stays in the policy namespace',
    direction: 'ingress',
    rule: `action: Allow
source:
  selector: app == "summary"`,
    expected: 'Allow traffic from endpoints `app == "summary"` in namespace `yaobank`',
  },
  {
    name: 'GlobalNetworkPolicy rule selector spans every namespace',
    direction: 'ingress',
    kind: 'GlobalNetworkPolicy',
    rule: `action: Allow
source:
  selector: app == "summary"`,
    expected: 'Allow traffic from endpoints `app == "summary"`',
  },
  {
    name: 'nets-only rule is not namespace-confined',
    direction: 'ingress',
    rule: `action: Allow
source:
  nets: [10.0.0.0/8, 192.168.0.0/16]`,
    expected: 'Allow traffic from addresses in `10.0.0.0/8` or `192.168.0.0/16`',
  },
  {
    name: 'notSelector alone still confines the positive side to the namespace (NetworkPolicy)',
    direction: 'ingress',
    rule: `action: Deny
source:
  notSelector: role == "x"`,
    expected: 'Deny traffic from endpoints in namespace `yaobank` except endpoints matching `role == "x"`',
  },
  {
    name: 'notSelector alone in a GlobalNetworkPolicy also matches peers outside Calico',
    direction: 'ingress',
    kind: 'GlobalNetworkPolicy',
    rule: `action: Deny
source:
  notSelector: role == "x"`,
    expected: 'Deny traffic from anything except endpoints matching `role == "x"`',
  },
  {
    name: 'empty ingress Allow rule matches everything',
    direction: 'ingress',
    rule: 'action: Allow',
    expected: 'Allow all traffic from anywhere',
  },
  {
    name: 'empty egress Deny rule',
    direction: 'egress',
    rule: 'action: Deny',
    expected: 'Deny all traffic to anywhere',
  },
  {
    name: 'Log continues with the next rule',
    direction: 'ingress',
    rule: `action: Log
protocol: TCP`,
    expected: 'Log TCP from anywhere (then continue with the next rule)',
  },
  {
    name: 'Pass skips the rest of the tier',
    direction: 'ingress',
    rule: `action: Pass
source:
  nets: [10.0.0.0/8]`,
    expected: 'Pass traffic from addresses in `10.0.0.0/8` (skip the rest of tier `default`)',
  },
  {
    name: 'ICMP echo request',
    direction: 'ingress',
    rule: `action: Allow
protocol: ICMP
icmp:
  type: 8`,
    expected: 'Allow ICMP type 8 (echo request) from anywhere',
  },
  {
    name: 'ICMPv6 type and code',
    direction: 'egress',
    rule: `action: Allow
protocol: ICMPv6
icmp: {type: 128, code: 0}`,
    expected: 'Allow ICMPv6 type 128 (echo request) code 0 to anywhere',
  },
  {
    name: 'notICMP under protocol ICMPv6 names the ICMPv6 type, not an ICMP one (§4.5)',
    direction: 'egress',
    rule: `action: Allow
protocol: ICMPv6
notICMP: {type: 128}`,
    expected: 'Allow ICMPv6 except type 128 (echo request) to anywhere',
  },
  {
    name: 'numeric protocol reads as its name; egress ports only',
    direction: 'egress',
    rule: `action: Allow
protocol: 17
destination:
  ports: [53]`,
    expected: 'Allow UDP to port 53',
  },
  {
    name: 'notProtocol and ipVersion',
    direction: 'ingress',
    rule: `action: Deny
ipVersion: 6
notProtocol: UDP`,
    expected: 'Deny IPv6 traffic other than UDP from anywhere',
  },
  {
    name: 'port range and named port',
    direction: 'ingress',
    rule: `action: Allow
protocol: TCP
destination:
  ports: ["8000:8080", http]`,
    expected: 'Allow TCP from anywhere to ports 8000–8080 or named port `http`',
  },
  {
    name: 'HTTP match',
    direction: 'ingress',
    rule: `action: Allow
http:
  methods: [GET]
  paths:
    - prefix: /api`,
    expected: 'Allow traffic from anywhere for HTTP requests with method `GET` and path `/api` (prefix)',
  },
  {
    name: 'egress to a Kubernetes service defaults to the policy namespace',
    direction: 'egress',
    rule: `action: Allow
destination:
  services:
    name: database`,
    expected: 'Allow traffic to endpoints of Kubernetes service `database` in namespace `yaobank`',
  },
  {
    name: 'service accounts by name',
    direction: 'ingress',
    rule: `action: Allow
source:
  serviceAccounts:
    names: [api, web]`,
    expected: 'Allow traffic from endpoints in namespace `yaobank` running as service accounts `api` or `web`',
  },
  {
    name: 'namespaceSelector global() means outside any namespace',
    direction: 'egress',
    kind: 'GlobalNetworkPolicy',
    rule: `action: Allow
destination:
  selector: role == "dns"
  namespaceSelector: global()`,
    expected: 'Allow traffic to endpoints `role == "dns"` outside any namespace (host endpoints and global network sets)',
  },
  {
    name: 'namespaceSelector all() means any namespace',
    direction: 'ingress',
    rule: `action: Allow
source:
  namespaceSelector: all()`,
    expected: 'Allow traffic from endpoints in any namespace',
  },
  {
    name: 'notNets and source ports',
    direction: 'ingress',
    rule: `action: Allow
protocol: UDP
source:
  notNets: [10.0.0.0/8]
  ports: [53]`,
    expected: 'Allow UDP from any address outside `10.0.0.0/8` on source port 53',
  },
  {
    name: 'selector with nets',
    direction: 'ingress',
    rule: `action: Allow
source:
  selector: app == "x"
  nets: [10.0.0.0/8]`,
    expected: 'Allow traffic from endpoints `app == "x"` in namespace `yaobank` with an address in `10.0.0.0/8`',
  },
  {
    name: 'invalid selector is flagged rather than interpreted',
    direction: 'ingress',
    rule: `action: Allow
source:
  selector: app = "x"`,
    expected: 'Allow traffic from endpoints `app = "x"` (invalid selector) in namespace `yaobank`',
  },
  {
    name: 'wrong-case action is called out',
    direction: 'ingress',
    rule: 'action: allow',
    expected: 'Invalid action `allow`: all traffic from anywhere',
  },
];

describe('rule sentences', () => {
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(sentencesOf(networkPolicyWithRule(c.direction, c.rule, c.kind)), [c.expected]);
    });
  }
});
