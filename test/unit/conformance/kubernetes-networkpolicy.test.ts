// Kubernetes NetworkPolicy (networking.k8s.io/v1) validation agrees with the API server's.
// Rows restate, in our own words and YAML, the cases of kubernetes/kubernetes
// pkg/apis/networking/validation/validation_test.go (TestValidateNetworkPolicy, release-1.3x) and the rules of
// validation.go there and of the apimachinery validators it calls (IsValidPortNum, IsValidPortName,
// ValidateLabelSelector, IsDNS1123Label, IsValidCIDRForLegacyField). ⟦…⟧ marks what the diagnostic must cover.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { assertFlagged, indent, lintText, unmark } from '../../support/conformanceYaml';

const knp = (spec: string, meta = 'name: foo\nnamespace: bar') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n${indent(meta, 2)}\nspec:\n${indent(spec, 2)}\n`;
const ingressFrom = (peer: string) => knp(`podSelector: {}\ningress:\n- from:\n${indent(peer, 2)}`);
const egressTo = (peer: string) => knp(`podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n${indent(peer, 2)}`);
const ingressPort = (port: string) => knp(`podSelector: {}\ningress:\n- ports:\n${indent(port, 2)}`);
const egressPort = (port: string) => knp(`podSelector: {}\npolicyTypes: [Egress]\negress:\n- ports:\n${indent(port, 2)}`);
const ipBlock = (block: string) => ingressFrom(`- ipBlock:\n${indent(block, 4)}`);
const expr = (e: string) => knp(`podSelector:\n  matchExpressions:\n${indent(e, 2)}`);

interface Row {
  name: string;
  yaml: string;
  code: string;
}

// Kubernetes accepts these.
const valid: { name: string; yaml: string }[] = [
  { name: 'matchLabels selector with an empty ingress list', yaml: knp('podSelector:\n  matchLabels: {a: b}\ningress: []') },
  { name: 'a rule with empty from and ports', yaml: knp('podSelector:\n  matchLabels: {a: b}\ningress:\n- from: []\n  ports: []') },
  { name: 'ports: no protocol, protocol only, TCP 443, UDP named port dns, SCTP 7777', yaml: ingressPort('- port: 80\n- protocol: TCP\n- protocol: TCP\n  port: 443\n- protocol: UDP\n  port: dns\n- protocol: SCTP\n  port: 7777') },
  { name: 'peer with a podSelector', yaml: ingressFrom('- podSelector:\n    matchLabels: {c: d}') },
  { name: 'peer with a namespaceSelector', yaml: ingressFrom('- namespaceSelector:\n    matchLabels: {c: d}') },
  { name: 'peer with namespaceSelector and podSelector together', yaml: ingressFrom('- namespaceSelector:\n    matchLabels: {c: d}\n  podSelector:\n    matchLabels: {e: f}') },
  { name: 'ipBlock with two excepts inside it', yaml: ipBlock('cidr: 192.168.0.0/16\nexcept: [192.168.3.0/24, 192.168.4.0/24]') },
  { name: 'egress ipBlock with policyTypes Egress', yaml: egressTo('- ipBlock:\n    cidr: 192.168.0.0/16\n    except: [192.168.3.0/24]') },
  { name: 'both policyTypes', yaml: knp('podSelector: {}\npolicyTypes: [Ingress, Egress]\negress:\n- to:\n  - ipBlock: {cidr: 192.168.0.0/16}') },
  { name: 'IPv6 ipBlock with excepts', yaml: ipBlock('cidr: "fd00:192:168::/48"\nexcept: ["fd00:192:168:3::/64", "fd00:192:168:4::/64"]') },
  { name: 'egress ports like the ingress ones', yaml: egressPort('- port: 80\n- protocol: TCP\n- protocol: UDP\n  port: dns\n- protocol: SCTP\n  port: 7777') },
  { name: 'a port range with endPort', yaml: ingressPort('- protocol: TCP\n  port: 32000\n  endPort: 32768') },
  { name: 'endPort equal to port', yaml: ingressPort('- port: 8080\n  endPort: 8080') },
  { name: 'endPort 65535', yaml: ingressPort('- port: 1\n  endPort: 65535') },
  { name: 'named port of 15 characters with digits and single hyphens', yaml: ingressPort('- port: web-8080-metric') },
  { name: 'named port with a leading digit', yaml: ingressPort('- port: 8080-http') },
  { name: 'matchExpressions In with values', yaml: expr('- key: app\n  operator: In\n  values: [web, api]') },
  { name: 'matchExpressions NotIn with a value', yaml: expr('- key: tier\n  operator: NotIn\n  values: [db]') },
  { name: 'matchExpressions Exists without values', yaml: expr('- key: app\n  operator: Exists') },
  { name: 'matchExpressions DoesNotExist with an empty values list', yaml: expr('- key: app\n  operator: DoesNotExist\n  values: []') },
  { name: 'matchExpressions with a prefixed key and an empty-string value', yaml: expr('- key: example.com/team\n  operator: In\n  values: [""]') },
  { name: 'host bits in ipBlock cidr (legacy CIDR parsing accepts them)', yaml: ipBlock('cidr: 192.168.9.1/24') },
  { name: 'namespace of 63 characters', yaml: knp('podSelector: {}', `name: foo\nnamespace: ${'n'.repeat(63)}`) },
  { name: 'dotted policy name (a DNS subdomain)', yaml: knp('podSelector: {}', 'name: allow.web\nnamespace: bar') },
  { name: 'the same policy type twice (at most two entries are allowed)', yaml: knp('podSelector: {}\npolicyTypes: [Ingress, Ingress]') },
];

// Kubernetes rejects these; each names our code and marks the place.
const invalid: Row[] = [
  { name: 'namespaceSelector and ipBlock in one peer', code: 'K8S-POLICY', yaml: ingressFrom('- namespaceSelector:\n    matchLabels: {c: d}\n  ⟦ipBlock⟧:\n    cidr: 192.168.0.0/16') },
  { name: 'podSelector and ipBlock in one egress peer', code: 'K8S-POLICY', yaml: egressTo('- podSelector:\n    matchLabels: {c: d}\n  ⟦ipBlock⟧:\n    cidr: 192.168.0.0/16') },
  { name: 'an empty ingress peer', code: 'K8S-POLICY', yaml: ingressFrom('- ⟦{}⟧') },
  { name: 'an empty egress peer', code: 'K8S-POLICY', yaml: egressTo('- ⟦{}⟧') },
  { name: 'a peer whose only selector is null', code: 'K8S-POLICY', yaml: ingressFrom('- ⟦podSelector:⟧') },
  { name: 'invalid label key in spec.podSelector', code: 'K8S-POLICY', yaml: knp('podSelector:\n  matchLabels:\n    ⟦NoUppercaseOrSpecialCharsLike=Equals⟧: b') },
  { name: 'invalid label key in ingress podSelector', code: 'K8S-POLICY', yaml: ingressFrom('- podSelector:\n    matchLabels:\n      ⟦NoUppercaseOrSpecialCharsLike=Equals⟧: b') },
  { name: 'invalid label key in ingress namespaceSelector', code: 'K8S-POLICY', yaml: ingressFrom('- namespaceSelector:\n    matchLabels:\n      ⟦NoUppercaseOrSpecialCharsLike=Equals⟧: b') },
  { name: 'invalid label key in egress podSelector', code: 'K8S-POLICY', yaml: egressTo('- podSelector:\n    matchLabels:\n      ⟦NoUppercaseOrSpecialCharsLike=Equals⟧: b') },
  { name: 'invalid label value in matchLabels', code: 'K8S-POLICY', yaml: knp('podSelector:\n  matchLabels:\n    app: ⟦-web⟧') },
  { name: 'label value of 64 characters', code: 'K8S-POLICY', yaml: knp(`podSelector:\n  matchLabels:\n    app: ⟦${'v'.repeat(64)}⟧`) },
  { name: 'ingress port protocol ICMP', code: 'SCHEMA-ENUM', yaml: ingressPort('- protocol: ⟦ICMP⟧\n  port: 80') },
  { name: 'egress port protocol ICMP', code: 'SCHEMA-ENUM', yaml: egressPort('- protocol: ⟦ICMP⟧\n  port: 80') },
  { name: 'protocol in lower case', code: 'SCHEMA-ENUM', yaml: ingressPort('- protocol: ⟦tcp⟧\n  port: 80') },
  { name: 'ingress port 123456789', code: 'K8S-POLICY', yaml: ingressPort('- protocol: TCP\n  port: ⟦123456789⟧') },
  { name: 'egress port 123456789', code: 'K8S-POLICY', yaml: egressPort('- protocol: TCP\n  port: ⟦123456789⟧') },
  { name: 'port 0', code: 'K8S-POLICY', yaml: ingressPort('- port: ⟦0⟧') },
  { name: 'port 65536', code: 'K8S-POLICY', yaml: ingressPort('- port: ⟦65536⟧') },
  { name: 'ingress named port "!@#$"', code: 'K8S-POLICY', yaml: ingressPort('- protocol: TCP\n  port: ⟦"!@#$"⟧') },
  { name: 'egress named port "!@#$"', code: 'K8S-POLICY', yaml: egressPort('- protocol: TCP\n  port: ⟦"!@#$"⟧') },
  { name: 'named port of 16 characters', code: 'K8S-POLICY', yaml: ingressPort('- port: ⟦abcdefghijklmnop⟧') },
  { name: 'named port in upper case', code: 'K8S-POLICY', yaml: ingressPort('- port: ⟦HTTP⟧') },
  { name: 'named port without a letter', code: 'K8S-POLICY', yaml: ingressPort('- port: ⟦123-456⟧') },
  { name: 'a quoted number is a port name, and names need a letter', code: 'K8S-POLICY', yaml: ingressPort('- port: ⟦"8080"⟧') },
  { name: 'named port with a double hyphen', code: 'K8S-POLICY', yaml: ingressPort('- port: ⟦web--api⟧') },
  { name: 'named port starting with a hyphen', code: 'K8S-POLICY', yaml: ingressPort('- port: ⟦-http⟧') },
  { name: 'named port ending with a hyphen', code: 'K8S-POLICY', yaml: ingressPort('- port: ⟦http-⟧') },
  { name: 'named port with an underscore', code: 'K8S-POLICY', yaml: ingressPort('- port: ⟦my_port⟧') },
  { name: 'named port with a dot', code: 'K8S-POLICY', yaml: ingressPort('- port: ⟦web.api⟧') },
  { name: 'endPort without port', code: 'K8S-POLICY', yaml: ingressPort('- protocol: TCP\n  endPort: ⟦32768⟧') },
  { name: 'endPort with a named port', code: 'K8S-POLICY', yaml: ingressPort('- port: http\n  endPort: ⟦32768⟧') },
  { name: 'endPort below port', code: 'K8S-POLICY', yaml: ingressPort('- port: 32768\n  endPort: ⟦32000⟧') },
  { name: 'endPort above 65535', code: 'K8S-POLICY', yaml: ingressPort('- port: 32000\n  endPort: ⟦65536⟧') },
  { name: 'egress endPort below port', code: 'K8S-POLICY', yaml: egressPort('- port: 100\n  endPort: ⟦99⟧') },
  { name: 'ipBlock without cidr', code: 'SCHEMA-REQUIRED', yaml: ingressFrom('- ⟪ipBlock⟫:\n    except: [192.168.8.0/24, 192.168.9.0/24]') },
  { name: 'ipBlock cidr that is a bare address', code: 'K8S-POLICY', yaml: ipBlock('cidr: ⟦192.168.5.6⟧\nexcept: [192.168.1.0/24]') },
  { name: 'IPv6 ipBlock cidr without a prefix', code: 'K8S-POLICY', yaml: ipBlock('cidr: ⟦"fd00:192:168::"⟧') },
  { name: 'ipBlock cidr with prefix 33', code: 'K8S-POLICY', yaml: ipBlock('cidr: ⟦10.0.0.0/33⟧') },
  { name: 'empty ipBlock cidr', code: 'K8S-POLICY', yaml: ipBlock('cidr: ⟦""⟧') },
  { name: 'except entries that are empty or blank', code: 'K8S-POLICY', yaml: ipBlock('cidr: 192.168.8.0/24\nexcept: [⟦""⟧, " "]') },
  { name: 'except outside cidr', code: 'K8S-POLICY', yaml: ipBlock('cidr: 192.168.8.0/24\nexcept: [⟦192.168.9.1/24⟧]') },
  { name: 'except equal to cidr', code: 'K8S-POLICY', yaml: ipBlock('cidr: 192.168.0.0/24\nexcept: [⟦192.168.0.0/24⟧]') },
  { name: 'except larger than cidr', code: 'K8S-POLICY', yaml: ipBlock('cidr: 192.168.0.0/24\nexcept: [⟦192.168.0.0/16⟧]') },
  { name: 'IPv6 except outside cidr', code: 'K8S-POLICY', yaml: ipBlock('cidr: "fd00:192:168:1::/64"\nexcept: [⟦"fd00:192:168:2::/64"⟧]') },
  { name: 'IPv6 except in an IPv4 cidr', code: 'K8S-POLICY', yaml: ipBlock('cidr: 10.0.0.0/8\nexcept: [⟦"fd00::/64"⟧]') },
  { name: 'invalid except CIDR', code: 'K8S-POLICY', yaml: ipBlock('cidr: 10.0.0.0/8\nexcept: [⟦10.0.0.0/40⟧]') },
  { name: 'unknown policyTypes foo and bar', code: 'POL-TYPES-ENUM', yaml: knp('podSelector: {}\npolicyTypes: [⟦foo⟧, bar]') },
  { name: 'more than two policyTypes', code: 'K8S-POLICY', yaml: knp('podSelector: {}\npolicyTypes: ⟦[Ingress, Egress, Ingress]⟧') },
  { name: 'policyTypes in lower case', code: 'POL-TYPES-ENUM', yaml: knp('podSelector: {}\npolicyTypes: [⟦ingress⟧]') },
  { name: 'matchExpressions In without values', code: 'K8S-POLICY', yaml: expr('- key: app\n  operator: ⟦In⟧') },
  { name: 'matchExpressions NotIn with an empty values list', code: 'K8S-POLICY', yaml: expr('- key: app\n  operator: ⟦NotIn⟧\n  values: []') },
  { name: 'matchExpressions Exists with values', code: 'K8S-POLICY', yaml: expr('- key: app\n  operator: Exists\n  ⟦values⟧: [web]') },
  { name: 'matchExpressions DoesNotExist with values', code: 'K8S-POLICY', yaml: expr('- key: app\n  operator: DoesNotExist\n  ⟦values⟧: [web]') },
  { name: 'matchExpressions value with a space', code: 'K8S-POLICY', yaml: expr('- key: app\n  operator: In\n  values: [⟦"my web"⟧]') },
  { name: 'matchExpressions value of 64 characters', code: 'K8S-POLICY', yaml: expr(`- key: app\n  operator: In\n  values: [⟦${'v'.repeat(64)}⟧]`) },
  { name: 'matchExpressions value ending with a dot', code: 'K8S-POLICY', yaml: expr('- key: app\n  operator: NotIn\n  values: [ok, ⟦web.⟧]') },
  { name: 'matchExpressions key with two slashes', code: 'K8S-POLICY', yaml: expr('- key: ⟦a/b/c⟧\n  operator: Exists') },
  { name: 'matchExpressions key with an upper-case prefix', code: 'K8S-POLICY', yaml: expr('- key: ⟦Example.com/app⟧\n  operator: Exists') },
  { name: 'matchExpressions operator that is not one of the four', code: 'SCHEMA-ENUM', yaml: expr('- key: app\n  operator: ⟦Equals⟧\n  values: [web]') },
  { name: 'matchExpressions without key', code: 'SCHEMA-REQUIRED', yaml: expr('- ⟪operator⟫: Exists') },
  { name: 'invalid matchExpressions in a peer namespaceSelector', code: 'K8S-POLICY', yaml: ingressFrom('- namespaceSelector:\n    matchExpressions:\n    - key: team\n      operator: ⟦In⟧') },
  { name: 'namespace with upper case', code: 'K8S-POLICY', yaml: knp('podSelector: {}', 'name: foo\nnamespace: ⟦Shop⟧') },
  { name: 'namespace with a dot', code: 'K8S-POLICY', yaml: knp('podSelector: {}', 'name: foo\nnamespace: ⟦my.ns⟧') },
  { name: 'namespace of 64 characters', code: 'K8S-POLICY', yaml: knp('podSelector: {}', `name: foo\nnamespace: ⟦${'n'.repeat(64)}⟧`) },
  { name: 'policy name with upper case', code: 'META-NAME-FMT', yaml: knp('podSelector: {}', 'name: ⟦Foo⟧\nnamespace: bar') },
  { name: 'policy name of 254 characters', code: 'META-NAME-LEN', yaml: knp('podSelector: {}', `name: ⟦${'a'.repeat(254)}⟧\nnamespace: bar`) },
  { name: 'podSelector missing', code: 'SCHEMA-REQUIRED', yaml: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: foo\n  namespace: bar\n⟪spec⟫:\n  policyTypes: [Ingress]\n' },
];

const errorsOf = (yaml: string) => lintText(unmark(yaml).text).filter((d) => d.severity === 'error');

describe('Kubernetes NetworkPolicy validation (kubernetes/kubernetes networking validation cases)', () => {
  for (const row of valid) test(`accepts: ${row.name}`, () => assert.deepEqual(errorsOf(row.yaml).map((d) => `${d.code}: ${d.message}`), []));
  for (const row of invalid) test(`rejects: ${row.name}`, () => void assertFlagged(row.yaml, row.code));

  test('agreement with the upstream table', (t) => {
    const agree = valid.filter((r) => errorsOf(r.yaml).length === 0).length + invalid.filter((r) => errorsOf(r.yaml).some((d) => d.code === r.code)).length;
    const total = valid.length + invalid.length;
    t.diagnostic(`agreement ${agree}/${total} (${valid.length} valid, ${invalid.length} invalid rows)`);
    assert.equal(agree, total);
  });
});

describe('leading zeros in an ipBlock CIDR', () => {
  test('are a warning (a default API server accepts them), with the canonical form as the fix', () => {
    const [d] = assertFlagged(ipBlock('cidr: ⟦1.1.01.0/24⟧'), 'K8S-CIDR-LEADING-ZERO');
    assert.equal(d.severity, 'warning');
    assert.equal(d.fixes?.[0].edits[0].newText, '1.1.1.0/24');
    assert.deepEqual(errorsOf(ipBlock('cidr: 1.1.01.0/24')), []);
  });
  test('in an except entry too', () => {
    assertFlagged(ipBlock('cidr: 10.0.0.0/8\nexcept: [⟦10.01.0.0/16⟧]'), 'K8S-CIDR-LEADING-ZERO');
  });
});

describe('Kubernetes messages', () => {
  test('a quoted number says it is read as a port name', () => {
    const [d] = assertFlagged(ingressPort('- port: ⟦"8080"⟧'), 'K8S-POLICY');
    assert.match(d.message, /quoted/);
    assert.equal(d.fixes?.[0].edits[0].newText, '8080');
  });
  test('an upper-case port name gets a did-you-mean and a fix', () => {
    const [d] = assertFlagged(ingressPort('- port: ⟦HTTP⟧'), 'K8S-POLICY');
    assert.match(d.message, /did you mean `http`/);
    assert.equal(d.fixes?.[0].edits[0].newText, 'http');
  });
  test('a lower-case protocol gets a did-you-mean', () => {
    const [d] = assertFlagged(ingressPort('- protocol: ⟦tcp⟧\n  port: 80'), 'SCHEMA-ENUM');
    assert.match(d.message, /did you mean `TCP`/);
  });
  test('an upper-case namespace gets the lower-case fix', () => {
    const [d] = assertFlagged(knp('podSelector: {}', 'name: foo\nnamespace: ⟦Shop⟧'), 'K8S-POLICY');
    assert.equal(d.fixes?.[0].edits[0].newText, 'shop');
  });
  test('an empty peer says what a peer needs', () => {
    const [d] = assertFlagged(ingressFrom('- ⟦{}⟧'), 'K8S-POLICY');
    assert.match(d.message, /podSelector.*namespaceSelector.*ipBlock/);
  });
  test('StagedKubernetesNetworkPolicy gets the same checks under its own code', () => {
    const text = 'apiVersion: projectcalico.org/v3\nkind: StagedKubernetesNetworkPolicy\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ⟦{}⟧\n';
    assertFlagged(text, 'SKNP-CONVERT');
  });
});
