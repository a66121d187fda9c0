// Validator conformance beyond single rules: reference §10 pitfalls, tutorial policies that must lint clean,
// selector offsets through every YAML scalar style, version-dependent rules, documents that are not Calico's.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, assertFlagged, gnp, lintText, np, npEgress, npIngress, resource, unmark } from '../../support/conformanceYaml';

describe('validator conformance: tutorial policies lint clean', () => {
  const defaultAppPolicy = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: default-app-policy
spec:
  namespaceSelector: has(projectcalico.org/name) && projectcalico.org/name not in {"kube-system", "calico-system", "calico-apiserver"}
  types:
  - Ingress
  - Egress
  egress:
  - action: Allow
    protocol: UDP
    destination:
      selector: k8s-app == "kube-dns"
      ports:
      - 53
`;
  const yaobank = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: customer
  namespace: yaobank
spec:
  selector: app == 'customer'
  ingress:
  - action: Allow
    protocol: TCP
    destination:
      ports:
      - 80
  egress:
  - action: Allow
    protocol: TCP
    destination:
      serviceAccounts:
        names:
        - summary
      ports:
      - 80
  types:
  - Ingress
  - Egress
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: summary
  namespace: yaobank
spec:
  selector: app == 'summary'
  ingress:
  - action: Allow
    protocol: TCP
    source:
      serviceAccounts:
        names:
        - customer
    destination:
      ports:
      - 80
  egress:
  - action: Allow
    protocol: TCP
    destination:
      serviceAccounts:
        names:
        - database
      ports:
      - 2379
  types:
  - Ingress
  - Egress
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: database
  namespace: yaobank
spec:
  selector: app == 'database'
  ingress:
  - action: Allow
    protocol: TCP
    source:
      serviceAccounts:
        names:
        - summary
    destination:
      ports:
      - 2379
  egress:
  - action: Allow
    protocol: TCP
    destination:
      ports:
      - 2380
  types:
  - Ingress
  - Egress
`;
  const tiered = `apiVersion: projectcalico.org/v3
kind: Tier
metadata:
  name: security
spec:
  order: 300
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: security.block-alice
spec:
  tier: security
  order: 100
  selector: all()
  types: [Ingress]
  ingress:
  - action: Deny
    source:
      selector: user == "alice"
  - action: Pass
`;
  const denyAll = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: deny-app-policy
spec:
  namespaceSelector: has(projectcalico.org/name) && projectcalico.org/name not in {"kube-system", "calico-system", "calico-apiserver", "tigera-operator"}
  types:
  - Ingress
  - Egress
  egress:
  - action: Allow
    protocol: UDP
    destination:
      selector: k8s-app == "kube-dns"
      ports:
      - 53
  - action: Allow
    protocol: TCP
    destination:
      selector: k8s-app == "kube-dns"
      ports:
      - 53
`;
  const hostProtection = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: allow-ssh-from-admins
spec:
  selector: has(kubernetes-host)
  order: 10
  preDNAT: true
  applyOnForward: true
  ingress:
  - action: Allow
    protocol: TCP
    source:
      nets: [192.168.0.0/16]
    destination:
      ports: [22]
---
apiVersion: projectcalico.org/v3
kind: HostEndpoint
metadata:
  name: node1-eth0
  labels:
    kubernetes-host: ""
spec:
  node: node1
  interfaceName: eth0
  expectedIPs: [10.0.0.11]
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata:
  name: admins
  labels:
    role: admin
spec:
  nets:
  - 192.168.1.0/24
  - 10.10.10.10
`;
  const tutorials: [string, string][] = [
    ['default-app-policy GlobalNetworkPolicy', defaultAppPolicy],
    ['yaobank NetworkPolicies (customer, summary, database)', yaobank],
    ['tier with a tier-prefixed policy', tiered],
    ['default deny with DNS for TCP and UDP', denyAll],
    ['host protection (preDNAT, host endpoint, network set)', hostProtection],
  ];
  for (const [name, text] of tutorials) test(`${name}: no errors or warnings`, () => assertClean(text, {}, true));
});

describe('validator conformance: selector errors point at the exact character in every YAML scalar style', () => {
  const rows: [string, string][] = [
    ['plain scalar', np('selector: app ⟦=⟧ "web"')],
    ['double-quoted with escaped quotes before the error', np('selector: "app == \\"web\\" ⟦&⟧ tier == \\"1\\""')],
    ['double-quoted with a \\t escape before the error', np('selector: "app\\t==\\t\'web\'\\t⟦&⟧ x == \'y\'"')],
    ['single-quoted with doubled quotes before the error', np(`selector: 'app == ''web'' ⟦|⟧ tier == ''1'''`)],
    ['literal block |-', np('selector: |-\n  app == "web" ⟦AND⟧ tier == "1"')],
    ['folded block >-', np('selector: >-\n  app == "web" ⟦&⟧ tier == "1"')],
    ['plain scalar folded over two lines', np('selector: app == "web" &&\n  tier ⟦=⟧ "1"')],
    ['double-quoted scalar folded over two lines', np('selector: "app == \'web\' &&\n  tier ⟦=⟧ \'1\'"')],
    ['flow mapping in a rule', npIngress('action: Allow\nsource: {selector: "role ⟦=⟧ \'db\'"}')],
    ['unterminated string: from the opening quote', np(`selector: 'app == ⟦"⟧web'`)],
    ['illegal character', np('selector: app ⟦@⟧ "web"')],
    ['leftover after a complete expression', np('selector: app == "web" ⟦tier⟧ == "1"')],
    ['expected string after ==', np('selector: app == ⟦web⟧')],
    ['thing=hello &', np('selector: thing⟦=⟧hello &')],
    ['double-quoted with \\u escapes before the error', np('selector: "a == \\u0027x\\u0027 ⟦&⟧ b == \\u0027y\\u0027"')],
    ['double-quoted with an escaped line break', np('selector: "app == \'web\' \\\n  ⟦&⟧ x == \'y\'"')],
    ['literal block with an indentation indicator', np('selector: |2-\n  app == "web" ⟦|⟧ x == "y"')],
    ['selector inside a flow-style document', '{apiVersion: projectcalico.org/v3, kind: NetworkPolicy, metadata: {name: web, namespace: shop}, spec: {selector: "app ⟦=⟧ \'web\'"}}\n'],
    ['513-character label in a policy selector', np(`selector: ⟪${'a'.repeat(513)}⟫ == "x"`)],
    ['selector after a comment line', np('# the web pods\nselector: app ⟦=⟧ "web" # trailing comment')],
    ['CRLF file', np('selector: app ⟦=⟧ "web"').replace(/\n/g, '\r\n')],
    ['file starting with a byte-order mark', '\uFEFF' + np('selector: app ⟦=⟧ "web"')],
    ['second document of a CRLF file', (np('selector: all()') + '---\n' + np('selector: app ⟦=⟧ "web"')).replace(/\n/g, '\r\n')],
  ];
  for (const [name, yaml] of rows) test(name, () => void assertFlagged(yaml, ['POL-SEL-PARSE', 'ER-SEL-PARSE']));

  test('a blank line inside a quoted selector folds to a newline, which is flagged on the blank line', () => {
    void assertFlagged(np(`selector: 'app == "web"⟪\n\n⟫  && x == "y"'`), 'POL-SEL-PARSE');
  });
  test('|+ keeps trailing newlines, which are flagged', () => void assertFlagged(np('selector: |+\n  app == "web"⟪⟫\n\ntypes: [Ingress]'), 'POL-SEL-PARSE'));

  test('a selector with a trailing newline from a | block is flagged at the newline, not elsewhere', () => {
    const text = np('selector: |\n  app == "web"\ntypes: [Ingress]');
    const d = lintText(text).find((x) => x.code === 'POL-SEL-PARSE');
    assert.ok(d, 'POL-SEL-PARSE expected');
    const newline = text.indexOf('"web"') + 5;
    assert.ok(d.start <= newline && d.end >= newline, `range ${d.start}-${d.end} should reach the newline at ${newline}`);
  });

  test('a valid selector in every scalar style gives no selector error', () => {
    for (const sel of ['app == "web"', '"app == \'web\'"', `'app == "web"'`, '|-\n    app == "web"', '>-\n    app == "web"']) {
      assertClean(np(`selector: ${sel}`));
    }
  });
});

describe('validator conformance: reference §10 pitfalls', () => {
  test('1: != alone also matches endpoints without the label (warning)', () => {
    const ds = assertFlagged(np('selector: ⟪app != "web"⟫'), 'SEL-MISSING-LABEL');
    assert.ok(ds.every((d) => d.severity !== 'error'), 'only a warning');
  });
  test('1: not in alone also matches endpoints without the label (warning)', () => void assertFlagged(np('selector: ⟪app not in {"web"}⟫'), 'SEL-MISSING-LABEL'));
  test('1: has(app) && app != "web" is not warned about', () => {
    assert.equal(lintText(np('selector: has(app) && app != "web"')).filter((d) => d.code === 'SEL-MISSING-LABEL').length, 0);
  });
  test('2: a > folded selector keeps its trailing newline and is rejected', () => void assertFlagged(np('selector: >\n  app == "web"⟪⟫\ntypes: [Ingress]'), 'POL-SEL-PARSE'));
  test('3: !app == "web" is a valid selector', () => assertClean(np('selector: "!app == \'web\'"')));
  test('4: and/or words are rejected', () => void assertFlagged(np('selector: has(a) ⟦or⟧ has(b)'), 'POL-SEL-PARSE'));
  test('5: has (a) is rejected in a rule selector', () => void assertFlagged(npIngress('action: Allow\nsource:\n  selector: has⟪ (⟫a)'), 'ER-SEL-PARSE'));
  test('5: a in {} and a trailing comma are valid', () => assertClean(npIngress('action: Allow\nsource:\n  selector: a in {} || b in {"x",}')));
  test('6: rule nets need a prefix and no host bits, network sets do not', () => {
    assertFlagged(npIngress('action: Allow\nsource:\n  nets: [⟦192.168.1.1⟧]'), ['RULE-NET-PARSE']);
    assertClean(resource('NetworkSet', 'hosts', 'nets: [192.168.1.1, 192.168.1.1/24, "fd00::1"]', 'shop'));
  });
  test('7: "80-90" is not a range', () => void assertFlagged(npIngress('action: Allow\nprotocol: TCP\ndestination:\n  ports: [⟦"80-90"⟧]'), ['PORT-NAME', 'PORT-PARSE']));
  test('7: UDPLite has no ports', () => void assertFlagged(npIngress('action: Allow\nprotocol: UDPLite\ndestination:\n  ⟪ports: [5000]⟫'), 'RULE-PORTS-PROTO'));
  test('7: protocol 132 (SCTP by number) has ports', () => assertClean(npIngress('action: Allow\nprotocol: 132\ndestination:\n  ports: [5000]')));
  test('8: protocol and action names are case-sensitive', () => {
    assertFlagged(npIngress('action: Allow\nprotocol: ⟦udp⟧'), 'RULE-PROTO');
    assertFlagged(npIngress('action: ⟦deny⟧'), 'RULE-ACTION');
  });
  test('9: notProtocol ICMP fixes ipVersion 4 too', () => void assertFlagged(npIngress('action: Allow\nnotProtocol: ⟪ICMP⟫\nipVersion: ⟪6⟫'), 'RULE-ICMP-IPVER'));
  test('9: code needs type also in notICMP', () => void assertFlagged(npIngress('action: Deny\nprotocol: ICMP\nnotICMP:\n  ⟪code⟫: 3'), 'ICMP-CODE-NOTYPE'));
  test('10: global() is fine as the whole rule namespaceSelector of a NetworkPolicy', () => assertClean(npIngress('action: Allow\nsource:\n  namespaceSelector: global()\n  selector: role == "x"')));
  test('10: global() in a quoted value of a rule selector is still rejected', () => void assertFlagged(npIngress(`action: Allow\nsource:\n  selector: ⟪'x == "global()"'⟫`), 'ER-SEL-GLOBAL'));
  test('10: global() in a policy selector is rejected even combined', () => void assertFlagged(gnp('selector: ⟪has(a) && global()⟫'), 'POL-SEL-GLOBAL'));
  test('11: GNP ingress source.services needs a namespace; NP does not', () => {
    assertFlagged(gnp('selector: all()\ningress:\n- action: Allow\n  source:\n    ⟪services⟫:\n      name: web'), 'GNP-SVC-NS');
    assertClean(npIngress('action: Allow\nsource:\n  services:\n    name: web'));
  });
  test('12: http only on ingress Allow with TCP or no protocol', () => {
    assertClean(npIngress('action: Allow\nhttp:\n  methods: [GET]'));
    assertFlagged(npEgress('action: Allow\n⟪http⟫:\n  methods: [GET]'), 'POL-EGRESS-HTTP');
  });
  test('13: preDNAT and doNotTrack need applyOnForward: true (omitted counts as false)', () => void assertFlagged(gnp('selector: all()\n⟪preDNAT: true⟫\ningress:\n- action: Allow'), 'GNP-AOF'));
  test('14: rules for a direction left out of explicit types are ignored (warning)', () => {
    const ds = assertFlagged(np('selector: all()\ntypes: [Ingress]\ningress:\n- action: Allow\n⟪egress⟫:\n- action: Allow'), 'POL-TYPES-IGNORED');
    assert.ok(ds.every((d) => d.severity !== 'error'));
  });
  test('14: ingress rules with types [Egress] are ignored (warning)', () => void assertFlagged(np('selector: all()\ntypes: [Egress]\n⟪ingress⟫:\n- action: Allow\negress:\n- action: Allow'), 'POL-TYPES-IGNORED'));
  test('14: an explicit type with no rules denies that direction (hint, not an error)', () => {
    const ds = lintText(np('selector: all()\ntypes: [Ingress, Egress]\ningress:\n- action: Allow'));
    assert.ok(ds.some((d) => d.code === 'POL-TYPES-DENY-ALL'), 'POL-TYPES-DENY-ALL expected');
    assert.ok(ds.every((d) => d.severity !== 'error'));
  });
  test('15: GNP name with one dot is fine, NP knp.default. names are exempt from the one-dot rule', () => {
    assertClean(gnp('tier: default\nselector: all()', 'default.web'));
    assertClean(np('selector: all()', 'knp.default.web.frontend'));
  });
  test('15: label keys allow upper case in the name part but not the prefix; annotation keys are lower-cased', () => {
    assertClean(np('selector: all()', 'web', 'labels:\n  example.com/App: x\nannotations:\n  Example.COM/Note: x'));
    assertFlagged(np('selector: all()', 'web', 'labels:\n  ⟦EXAMPLE.com/app⟧: x'), 'META-LABEL-KEY');
  });
  test('selectors that can never match are warned about', () => void assertFlagged(np('selector: ⟪app == "a" && app == "b"⟫'), 'SEL-NEVER-MATCH'));
  test('a rule after a catch-all rule is unreachable (warning)', () => {
    const ds = assertFlagged(np('selector: all()\ningress:\n- action: Deny\n- ⟪action: Allow⟫\n  protocol: TCP'), 'RULE-UNREACHABLE');
    assert.ok(ds.every((d) => d.severity === 'warning'));
  });
  test('a Log rule is not a catch-all', () => {
    assert.equal(lintText(np('selector: all()\ningress:\n- action: Log\n- action: Allow\n  protocol: TCP')).filter((d) => d.code === 'RULE-UNREACHABLE').length, 0);
  });
});

describe('validator conformance: version-dependent rules', () => {
  test('META-NAME-TIER is an error from 3.28 to 3.31 and gone from 3.32 (the prefix is no longer required)', () => {
    const yaml = np('tier: default\nselector: all()', '⟦security.web⟧');
    const pinned = assertFlagged(yaml, ['META-NAME-TIER', 'META-NAME-FMT'], { calicoVersion: '3.28' });
    assert.ok(pinned.some((d) => d.severity === 'error'), 'error for 3.28');
    assert.ok(assertFlagged(yaml, 'META-NAME-TIER', { calicoVersion: '3.31' }).every((d) => d.severity === 'error'));
    assert.ok(!lintText(unmark(yaml).text).some((d) => d.code === 'META-NAME-TIER'), 'not on latest');
    assert.ok(!lintText(unmark(yaml).text, { calicoVersion: '3.32' }).some((d) => d.code === 'META-NAME-TIER'), 'not on 3.32');
  });
  test('before 3.28 a NetworkPolicy name may not contain a dot', () => {
    void assertFlagged(np('tier: default\nselector: all()', '⟦default.web⟧'), ['META-NAME-FMT', 'META-NAME-TIER'], { calicoVersion: '3.27' });
  });
  test('RULE-NOTNET-ALL is newest-only', () => {
    const yaml = npIngress('action: Allow\nsource:\n  notNets: [0.0.0.0/0]');
    assert.ok(lintText(yaml).some((d) => d.code === 'RULE-NOTNET-ALL'));
    assert.ok(!lintText(yaml, { calicoVersion: '3.20' }).some((d) => d.code === 'RULE-NOTNET-ALL'));
  });
  test('older releases need a protocol for named ports too', () => {
    const yaml = npIngress('action: Allow\ndestination:\n  ports: [http]');
    assertClean(yaml);
    assert.ok(lintText(yaml, { calicoVersion: '3.20' }).some((d) => d.code === 'RULE-PORTS-NOPROTO'));
  });
});

describe('validator conformance: document-level behaviour', () => {
  test('non-Calico documents are skipped', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Web_App\nspec:\n  selector: app = web\n';
    assert.deepEqual(lintText(text), []);
  });
  test('a ConfigMap next to a policy does not hide the policy error', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n${npIngress('action: allow')}`;
    assert.ok(lintText(text).some((d) => d.code === 'RULE-ACTION'));
  });
  test('every document of a multi-document file is checked with file offsets', () => {
    const first = npIngress('action: Allow');
    const second = npIngress('action: deny');
    const text = `${first}---\n${second}`;
    const d = lintText(text).find((x) => x.code === 'RULE-ACTION');
    assert.ok(d);
    assert.equal(text.slice(d.start, d.end), 'deny');
    assert.ok(d.start > first.length);
  });
  test('kind List items are checked', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: projectcalico.org/v3\n  kind: NetworkPolicy\n  metadata:\n    name: web\n    namespace: shop\n  spec:\n    selector: app = "web"\n';
    const d = lintText(text).find((x) => x.code === 'POL-SEL-PARSE');
    assert.ok(d, 'POL-SEL-PARSE in a List item');
    assert.equal(text.slice(d.start, d.end), '=');
  });
  const schema: [string, string, string][] = [
    ['SCHEMA-UNKNOWN-FIELD', 'misspelled field', np('⟦selctor⟧: all()')],
    ['SCHEMA-KIND-FIELD', 'namespaceSelector in a NetworkPolicy spec', np('selector: all()\n⟦namespaceSelector⟧: all()')],
    ['SCHEMA-KIND-FIELD', 'doNotTrack in a NetworkPolicy spec', np('selector: all()\n⟦doNotTrack⟧: true')],
    ['SCHEMA-TYPE', 'order as a word', np('selector: all()\norder: ⟦first⟧')],
    ['SCHEMA-TYPE', 'selector as a number', np('selector: ⟦5⟧')],
    ['K8S-POLICY', 'Kubernetes NetworkPolicy with a bad ipBlock', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: ⟦10.0.0.300/8⟧\n'],
    ['SCHEMA-TYPE', 'ingress as a mapping', np('selector: all()\ningress: ⟦{action: Allow}⟧')],
    ['DOC-KIND-UNKNOWN', 'misspelled kind', 'apiVersion: projectcalico.org/v3\nkind: ⟦NetworkPolcy⟧\nmetadata:\n  name: web\n'],
    ['DOC-CRD-API', 'crd.projectcalico.org/v1', 'apiVersion: ⟦crd.projectcalico.org/v1⟧\nkind: NetworkPolicy\nmetadata:\n  name: web\n'],
    ['YAML-DUP-KEY', 'duplicate key', np('selector: all()\n⟦selector⟧: has(a)')],
  ];
  for (const [code, name, yaml] of schema) test(`${code}: ${name}`, () => void assertFlagged(yaml, code));

  test('YAML-SYNTAX: an unclosed flow sequence is reported from the [ onwards', () => {
    const text = np('selector: all()\ntypes: [Ingress');
    const d = lintText(text).find((x) => x.code === 'YAML-SYNTAX');
    assert.ok(d, 'YAML-SYNTAX expected');
    assert.ok(d.start >= text.indexOf('[Ingress') && d.end <= text.length);
  });

  test('malformed inputs never crash the validator', () => {
    const inputs = ['', '---', '---\n---\n', ':', '- a\n- b', 'apiVersion: projectcalico.org/v3', 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nspec: 5\n', 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: []\nspec:\n  ingress: [1, "x", null, {}]\n', 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: x}\nspec:\n  ingress:\n  - action: Allow\n    source: {nets: 5, ports: {a: b}, selector: 7}\n', '\t\tkind: [', '*alias', '&a [*a]', 'apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: default}\nspec: {order: .inf}\n'];
    for (const text of inputs) {
      const ds = lintText(text);
      assert.ok(ds.every((d) => d.code !== 'INTERNAL'), `internal error on ${JSON.stringify(text)}: ${ds.map((d) => d.message).join('; ')}`);
      assert.ok(ds.every((d) => d.start >= 0 && d.end <= text.length && d.start <= d.end));
    }
  });
});
