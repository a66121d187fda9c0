// Calico's own validator cases for policies, network sets, host endpoints and object metadata.
// Rows from the `Entry(...)` tables of libcalico-go/lib/validator/v3/validator_test.go, projectcalico/calico release v3.32.1 (commit 0ca9d1b93644778cafdf1812f3dda02ac0c361e8).
// Each rejected row names the code (docs/rules.md) of the rule that rejects it; other errors may come with it.
import { describe, test } from 'node:test';
import { assertCase, resource, type CalicoCase } from '../../support/calicoCases';

const gnp = (spec: Record<string, unknown>, name = 'thing') => resource('GlobalNetworkPolicy', name, spec);
const np = (spec: Record<string, unknown>, name = 'thing') => resource('NetworkPolicy', name, spec);
const allowRule = { action: 'Allow' };
const long = (n: number) => 'x'.repeat(n);

const globalPolicy: CalicoCase[] = [
  { name: 'name with ~ and !', doc: gnp({}, 't~!s.h.i.ng'), valid: false, code: 'META-NAME-FMT' },
  { name: 'mixed-case name', doc: gnp({}, 'tHiNg'), valid: false, code: 'META-NAME-FMT' },
  { name: 'plain name', doc: gnp({}, 'thing'), valid: true },
  { name: 'Kubernetes policy name prefix', doc: gnp({}, 'knp.default.thing'), valid: false, code: 'META-NAME-FMT' },
  { name: 'name with dots', doc: gnp({}, 't.h.i.ng'), valid: false, code: 'META-NAME-FMT' },
  { name: 'preDNAT with doNotTrack', doc: gnp({ preDNAT: true, doNotTrack: true, applyOnForward: true }), valid: false, code: 'GNP-DNT-PREDNAT' },
  { name: 'preDNAT without doNotTrack', doc: gnp({ preDNAT: true, applyOnForward: true }), valid: true },
  { name: 'doNotTrack without preDNAT', doc: gnp({ preDNAT: false, doNotTrack: true, applyOnForward: true }), valid: true },
  { name: 'preDNAT with an egress rule', doc: gnp({ preDNAT: true, applyOnForward: true, egress: [allowRule] }), valid: false, code: 'GNP-PREDNAT-EGRESS' },
  { name: 'preDNAT with an ingress rule', doc: gnp({ preDNAT: true, applyOnForward: true, ingress: [allowRule] }), valid: true },
  { name: 'applyOnForward alone', doc: gnp({ preDNAT: false, applyOnForward: true }), valid: true },
  { name: 'applyOnForward with doNotTrack false', doc: gnp({ doNotTrack: false, applyOnForward: true }), valid: true },
  { name: 'applyOnForward with doNotTrack', doc: gnp({ doNotTrack: true, applyOnForward: true }), valid: true },
  { name: 'all three flags false', doc: gnp({ preDNAT: false, doNotTrack: false, applyOnForward: false }), valid: true },
  { name: 'preDNAT without applyOnForward', doc: gnp({ preDNAT: true, applyOnForward: false }), valid: false, code: 'GNP-AOF' },
  { name: 'doNotTrack without applyOnForward', doc: gnp({ doNotTrack: true, applyOnForward: false }), valid: false, code: 'GNP-AOF' },
  { name: 'ingress type with preDNAT', doc: gnp({ preDNAT: true, applyOnForward: true, types: ['Ingress'] }), valid: true },
  { name: 'egress type with preDNAT', doc: gnp({ preDNAT: true, applyOnForward: true, types: ['Egress'] }), valid: false, code: 'GNP-PREDNAT-TYPE' },
  { name: 'both types with preDNAT', doc: gnp({ preDNAT: true, applyOnForward: true, types: ['Ingress', 'Egress'] }), valid: false, code: 'GNP-PREDNAT-TYPE' },
  { name: 'HTTP match in an egress rule', doc: gnp({ egress: [{ action: 'Allow', http: { methods: ['GET'] } }], types: ['Ingress', 'Egress'] }), valid: false, code: 'POL-EGRESS-HTTP' },
  { name: 'global() as the namespaceSelector', doc: gnp({ namespaceSelector: 'global()' }), valid: false, code: 'POL-SEL-GLOBAL' },
  { name: 'global() as the selector', doc: gnp({ selector: 'global()' }), valid: false, code: 'POL-SEL-GLOBAL' },
  { name: 'global() as the serviceAccountSelector', doc: gnp({ serviceAccountSelector: 'global()' }), valid: false, code: 'POL-SEL-GLOBAL' },
  { name: 'global() in a rule selector', doc: gnp({ ingress: [{ action: 'Allow', source: { selector: 'global()' } }] }), valid: false, code: 'ER-SEL-GLOBAL' },
  {
    name: 'global() and projectcalico.org/name in rule namespace selectors',
    doc: gnp({ ingress: [{ action: 'Allow', source: { namespaceSelector: 'global()' }, destination: { namespaceSelector: "projectcalico.org/name == 'test'" } }] }),
    valid: true,
  },
];

/** Policy-type cases that hold for both namespaced and global policies. */
function typeCases(make: (spec: Record<string, unknown>) => Record<string, unknown>): CalicoCase[] {
  return [
    { name: 'no types', doc: make({}), valid: true },
    { name: 'empty types', doc: make({ types: [] }), valid: true },
    { name: 'Ingress type', doc: make({ types: ['Ingress'] }), valid: true },
    { name: 'Egress type', doc: make({ types: ['Egress'] }), valid: true },
    { name: 'both types', doc: make({ types: ['Ingress', 'Egress'] }), valid: true },
    { name: 'Egress twice', doc: make({ types: ['Egress', 'Egress'] }), valid: false, code: 'POL-TYPES-DUP' },
    { name: 'unexpected type', doc: make({ types: ['unexpected'] }), valid: false, code: 'POL-TYPES-ENUM' },
    { name: 'Egress type with ingress rules', doc: make({ ingress: [allowRule], types: ['Egress'] }), valid: true },
    { name: 'Ingress type with egress rules', doc: make({ egress: [allowRule], types: ['Ingress'] }), valid: true },
    { name: 'Ingress type with ingress rules', doc: make({ ingress: [allowRule], types: ['Ingress'] }), valid: true },
    { name: 'both types with ingress rules', doc: make({ ingress: [allowRule], types: ['Ingress', 'Egress'] }), valid: true },
    { name: 'Egress type with egress rules', doc: make({ egress: [allowRule], types: ['Egress'] }), valid: true },
    { name: 'both types with egress rules', doc: make({ egress: [allowRule], types: ['Ingress', 'Egress'] }), valid: true },
  ];
}

const namespacedPolicy: CalicoCase[] = [
  { name: 'plain name', doc: np({}, 'thing'), valid: true },
  { name: 'name with dots', doc: np({}, 't.h.i.ng'), valid: false, code: 'META-NAME-FMT' },
  { name: 'mixed-case name', doc: np({}, 'tHiNg'), valid: false, code: 'META-NAME-FMT' },
  { name: 'name of 253 characters', doc: np({}, long(253)), valid: true },
  { name: 'name of 254 characters', doc: np({}, long(254)), valid: false, code: 'META-NAME-LEN' },
  { name: 'Kubernetes policy name prefix', doc: np({}, 'knp.default.thing'), valid: true },
  { name: 'single-dot name', doc: np({}, 'th.ing'), valid: true },
  { name: 'tier-prefixed name with its tier', doc: np({ tier: 'th' }, 'th.ing'), valid: true },
  { name: 'HTTP match in an egress rule', doc: np({ egress: [{ action: 'Allow', http: { methods: ['GET'] } }], types: ['Ingress', 'Egress'] }), valid: false, code: 'POL-EGRESS-HTTP' },
  { name: 'global() as the selector', doc: np({ selector: 'global()' }), valid: false, code: 'POL-SEL-GLOBAL' },
  { name: 'global() as the serviceAccountSelector', doc: np({ serviceAccountSelector: 'global()' }), valid: false, code: 'POL-SEL-GLOBAL' },
];

const tier = (name: string) => resource('Tier', name, { order: 100 });
const tiers: CalicoCase[] = [
  { name: 'tier foo', doc: tier('foo'), valid: true },
  { name: 'tier fo-o', doc: tier('fo-o'), valid: true },
  { name: 'tier name with a dot', doc: tier('fo.o'), valid: false, code: 'META-NAME-FMT' },
  { name: 'tier name of 63 characters', doc: tier(long(63)), valid: true },
  { name: 'tier name of 64 characters', doc: tier(long(64)), valid: false, code: 'META-NAME-LEN' },
  { name: 'tier name with ~ and !', doc: tier('t~!s.h.i.ng'), valid: false, code: 'META-NAME-FMT' },
];

const sets: CalicoCase[] = [];
for (const kind of ['GlobalNetworkSet', 'NetworkSet']) {
  sets.push(
    { name: `${kind} with IPs and CIDRs`, doc: resource(kind, 'testset', { nets: ['10.0.0.1', '11.0.0.0/8', 'dead:beef::', 'dead:beef::/96'] }), valid: true },
    { name: `${kind} with a garbage net`, doc: resource(kind, 'testset', { nets: ['garbage'] }), valid: false, code: 'SET-NETS' },
    { name: `${kind} with a plain label`, doc: resource(kind, 'testset', { nets: ['10.0.0.1'] }, { labels: { a: 'b' } }), valid: true },
    { name: `${kind} with the reserved namespace label`, doc: resource(kind, 'testset', { nets: ['10.0.0.1'] }, { labels: { 'projectcalico.org/namespace': 'foo' } }), valid: false, code: 'SET-RESERVED-LABEL' },
    { name: `${kind} named test$set`, doc: resource(kind, 'test$set', { nets: ['10.0.0.1'] }), valid: false, code: 'META-NAME-FMT' },
  );
}

const hep = (spec: Record<string, unknown>) => resource('HostEndpoint', 'host.eth0', spec);
const namedPort = { name: 'a-valid-port', protocol: 'TCP', port: 1234 };
const hostEndpoints: CalicoCase[] = [
  { name: 'a named port', doc: hep({ interfaceName: 'eth0', node: 'node01', ports: [namedPort] }), valid: true },
  { name: 'an unnamed port', doc: hep({ interfaceName: 'eth0', node: 'node01', ports: [{ protocol: 'TCP', port: 1234 }] }), valid: false, code: 'HEP-PORT' },
  { name: 'no node', doc: hep({ interfaceName: 'eth0', ports: [namedPort] }), valid: false, code: 'HEP-NODE' },
  { name: 'ports sharing a name', doc: hep({ interfaceName: 'eth0', node: 'node01', ports: [namedPort, { name: 'a-valid-port', protocol: 'UDP', port: 5456 }] }), valid: true },
  { name: 'interfaceName *', doc: hep({ interfaceName: '*', node: 'node01' }), valid: true },
  { name: 'interface and node', doc: hep({ interfaceName: 'eth0', node: 'node01' }), valid: true },
  { name: 'expected IPs only', doc: hep({ expectedIPs: ['1.2.3.4', 'aabb:aabb::ffff'], node: 'node01' }), valid: true },
  { name: 'interface and expected IPs', doc: hep({ interfaceName: 'eth0', expectedIPs: ['1.2.3.4', 'aabb:aabb::ffff'], node: 'node01' }), valid: true },
  { name: 'an empty spec', doc: hep({}), valid: false, code: 'HEP-IFACE-OR-IPS' },
  { name: 'blank interface and no IPs', doc: hep({ interfaceName: '', expectedIPs: [], node: 'node01' }), valid: false, code: 'HEP-IFACE-OR-IPS' },
  { name: 'Kubernetes-prefixed profile names', doc: hep({ interfaceName: 'eth0', profiles: ['knp.default.fun', 'knp.default.funner.11234-a'], node: 'node01' }), valid: true },
  { name: 'a plain profile name', doc: hep({ interfaceName: 'eth0', profiles: ['fun-funner1234'], node: 'node01' }), valid: true },
  { name: 'a profile name starting with a dot', doc: hep({ interfaceName: 'eth0', profiles: ['.fun'], node: 'node01' }), valid: false, code: 'HEP-PROFILE' },
];

const set = (meta: Record<string, unknown>, name = 'testset') => resource('GlobalNetworkSet', name, { nets: ['10.0.0.1'] }, meta);
const metadata: CalicoCase[] = [
  { name: 'label value of 63 characters', doc: set({ labels: { 'projectcalico.org/label': long(63) } }), valid: true },
  { name: 'label value of 64 characters', doc: set({ labels: { 'projectcalico.org/label': long(64) } }), valid: false, code: 'META-LABEL-VAL' },
  { name: 'label key starting with a dot', doc: set({ labels: { '.mylabel': 'value' } }), valid: false, code: 'META-LABEL-KEY' },
  { name: 'label key with !', doc: set({ labels: { 'my!nvalid-label': 'value' } }), valid: false, code: 'META-LABEL-KEY' },
  { name: 'label key with $', doc: set({ labels: { 'my-invalid-label$': 'value' } }), valid: false, code: 'META-LABEL-KEY' },
  { name: 'label key with an upper-case prefix', doc: set({ labels: { 'ProjectCalico.org/label': 'value' } }), valid: false, code: 'META-LABEL-KEY' },
  { name: 'label key with an upper-case name', doc: set({ labels: { 'projectcalico.org/Label': 'value' } }), valid: true },
  { name: 'annotation key with $', doc: set({ annotations: { 'projectcalico.org$label': 'value' } }), valid: false, code: 'META-ANNOT-KEY' },
  { name: 'annotation key with upper-case prefix and name', doc: set({ annotations: { 'ProjectCalico.org/Label': 'value' } }), valid: true },
  { name: 'annotations of exactly 256 KiB', doc: set({ annotations: { key: long(256 * 1024 - 3) } }), valid: true },
  { name: 'annotations one byte over 256 KiB', doc: set({ annotations: { key: long(256 * 1024 - 2) } }), valid: false, code: 'META-ANNOT-SIZE' },
  { name: 'name of 253 characters', doc: set({}, long(253)), valid: true },
  { name: 'name of 254 characters', doc: set({}, long(254)), valid: false, code: 'META-NAME-LEN' },
];

const tables: Record<string, CalicoCase[]> = {
  'global policy': globalPolicy,
  'global policy types': typeCases((spec) => gnp(spec)),
  'namespaced policy': namespacedPolicy,
  'namespaced policy types': typeCases((spec) => np(spec)),
  tiers,
  'network sets': sets,
  'host endpoints': hostEndpoints,
  metadata,
};

for (const [group, cases] of Object.entries(tables)) {
  describe(`Calico resource cases: ${group}`, () => {
    for (const c of cases) {
      test(`${c.valid ? 'accepts' : `rejects with ${c.code}`} ${c.name}`, () => assertCase(c));
    }
  });
}
