// One declarative description per resource kind: metadata plus the kind's spec.
import type { FieldSpec } from './types';
import { ruleFields } from './rules';
import { kindInfo, kindTable } from './kindTable';

const str = (name: string, doc: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, type: 'string', doc, ...extra });

const GLOBAL_POLICY = kindTable.filter((k) => k.isPolicy && !k.namespaced).map((k) => k.kind);

function metadataFor(kind: string): FieldSpec {
  const fields: FieldSpec[] = [
    str('name', 'Name of the resource. Lower-case letters, digits, `-` and `.`; the allowed form depends on the kind.', { required: true }),
    { name: 'labels', type: 'map', items: str('value', 'Label value (at most 63 characters; quote values like `"true"`).'), doc: 'Labels on this resource; rule selectors can match them.' },
    { name: 'annotations', type: 'map', items: str('value', 'Annotation value.'), doc: 'Free-form annotations (keys are lower-cased before they are checked like label keys; keys and values at most 256 KiB in total).' },
    str('generateName', 'Prefix for a server-generated name.'),
    str('uid', 'Set by the API server.'),
    str('resourceVersion', 'Set by the API server; used for optimistic concurrency.'),
    { name: 'generation', type: 'integer', doc: 'Set by the API server.' },
    str('creationTimestamp', 'Set by the API server.'),
    str('deletionTimestamp', 'Set by the API server.'),
    { name: 'deletionGracePeriodSeconds', type: 'integer', doc: 'Set by the API server.' },
    { name: 'ownerReferences', type: 'list', doc: 'Objects that own this one.', open: true, fields: [] },
    { name: 'finalizers', type: 'list', items: str('finalizer', 'A finalizer name.'), doc: 'Finalizers that must run before deletion.' },
    { name: 'managedFields', type: 'list', doc: 'Field ownership tracked by the API server.', open: true, fields: [] },
  ];
  if (kindInfo(kind)?.namespaced) fields.splice(1, 0, str('namespace', 'Namespace of the resource. Omitted: the current namespace of the tool applying it.'));
  return { name: 'metadata', type: 'object', required: true, doc: 'Standard object metadata: name, namespace, labels, annotations.', fields };
}

const policyTypes: FieldSpec = {
  name: 'types',
  type: 'list',
  items: { name: 'type', type: 'enum', values: ['Ingress', 'Egress'], doc: '`Ingress` or `Egress`.' },
  doc: "Directions this policy applies to. Omitted: inferred from the rules — `Ingress` and `Egress` when both lists have rules, `Egress` when there are only egress rules, otherwise `Ingress`. A listed direction without rules denies that direction for the selected endpoints (the tier's default action applies: `Deny` unless the Tier sets `Pass`) unless another policy in the tier allows it; rules of a direction left out are ignored.",
};

function policySpecFields(kind: string): FieldSpec[] {
  const fields: FieldSpec[] = [
    str('tier', 'Tier this policy belongs to. The tier must exist; `default` always does.', { default: 'default' }),
    { name: 'order', type: 'number', doc: 'Position within the tier: lower orders are applied first. Omitted: after every ordered policy; ties are broken by name.' },
    { name: 'selector', type: 'selector', default: 'all()', doc: 'Endpoints this policy applies to. In a NetworkPolicy, only endpoints in its namespace; in a GlobalNetworkPolicy, workloads in every namespace and host endpoints.' },
    { name: 'serviceAccountSelector', type: 'selector', doc: 'Further restricts the selected endpoints to pods whose service account labels match.' },
    { name: 'namespaceSelector', type: 'selector', kinds: GLOBAL_POLICY, doc: 'Restricts the policy to pods in namespaces whose labels match (GlobalNetworkPolicy only). With it, host endpoints are never selected.' },
    policyTypes,
    { name: 'ingress', type: 'list', fields: ruleFields, doc: 'Ordered rules for traffic arriving at the selected endpoints.' },
    { name: 'egress', type: 'list', fields: ruleFields, doc: 'Ordered rules for traffic leaving the selected endpoints.' },
    {
      name: 'performanceHints',
      type: 'list',
      items: { name: 'hint', type: 'enum', values: ['AssumeNeededOnEveryNode'], doc: 'Pre-load the policy on every node.' },
      doc: 'Hints that never change enforcement. `AssumeNeededOnEveryNode` pre-loads the policy on every node.',
    },
    { name: 'doNotTrack', type: 'boolean', default: 'false', kinds: GLOBAL_POLICY, doc: 'Apply before connection tracking; accepted packets are not tracked, so return traffic must be allowed explicitly. Needs `applyOnForward: true`; cannot be combined with `preDNAT`.' },
    { name: 'preDNAT', type: 'boolean', default: 'false', kinds: GLOBAL_POLICY, doc: 'Apply before DNAT on ingress (e.g. to filter NodePort traffic by its original destination). Ingress only (no egress rules, no `Egress` type); needs `applyOnForward: true`; cannot be combined with `doNotTrack`.' },
    { name: 'applyOnForward', type: 'boolean', default: 'false', kinds: GLOBAL_POLICY, doc: 'Also apply to traffic forwarded through the host. Must be `true` when `doNotTrack` or `preDNAT` is.' },
  ];
  return fields.filter((f) => !f.kinds || f.kinds.includes(kind));
}

const stagedAction: FieldSpec = {
  name: 'stagedAction',
  type: 'enum',
  values: ['Set', 'Delete', 'Learn', 'Ignore'],
  default: 'Set',
  doc: 'Staged policies are never enforced. `Set` previews this policy as written; `Delete` previews removing it (then only `tier` may be set); `Learn` and `Ignore` are also accepted.',
};

// Kubernetes NetworkPolicy shapes (networking.k8s.io/v1), also used by StagedKubernetesNetworkPolicy.
const labelSelectorFields: FieldSpec[] = [
  { name: 'matchLabels', type: 'map', items: str('value', 'Label value that must match exactly.'), doc: 'Labels that must all be present with these values.' },
  {
    name: 'matchExpressions',
    type: 'list',
    doc: 'Label requirements that must all hold.',
    fields: [
      str('key', 'The label key.', { required: true }),
      { name: 'operator', type: 'enum', values: ['In', 'NotIn', 'Exists', 'DoesNotExist'], required: true, doc: '`In`, `NotIn`, `Exists` or `DoesNotExist`.' },
      { name: 'values', type: 'list', items: str('value', 'A label value.'), doc: 'Values for `In`/`NotIn`; must be empty for `Exists`/`DoesNotExist`.' },
    ],
  },
];
const k8sPeerFields: FieldSpec[] = [
  { name: 'podSelector', type: 'object', fields: labelSelectorFields, doc: 'Pods whose labels match (in the policy namespace unless `namespaceSelector` is given). `{}` selects all pods.' },
  { name: 'namespaceSelector', type: 'object', fields: labelSelectorFields, doc: 'Namespaces whose labels match. `{}` selects all namespaces.' },
  {
    name: 'ipBlock',
    type: 'object',
    doc: 'An IP range; cannot be combined with the selectors.',
    fields: [
      { name: 'cidr', type: 'string', required: true, doc: 'A CIDR such as `10.0.0.0/8`.' },
      { name: 'except', type: 'list', items: str('cidr', 'A CIDR inside `cidr`.'), doc: 'CIDRs to exclude.' },
    ],
  },
];
const k8sPortFields: FieldSpec[] = [
  { name: 'protocol', type: 'enum', values: ['TCP', 'UDP', 'SCTP'], default: 'TCP', doc: '`TCP`, `UDP` or `SCTP`.' },
  { name: 'port', type: 'int-or-string', doc: 'Port number or named port.' },
  { name: 'endPort', type: 'integer', doc: 'End of a numeric port range starting at `port`.' },
];
// A StagedKubernetesNetworkPolicy has no tier, so with Delete no other field may be set (docs/semantics.md, "Staged policies").
const kubernetesStagedAction: FieldSpec = {
  ...stagedAction,
  doc: 'Staged policies are never enforced. `Set` previews this policy as written; `Delete` previews removing it (then no other field may be set); `Learn` and `Ignore` are also accepted.',
};

function k8sSpecFields(staged: boolean): FieldSpec[] {
  return [
    ...(staged ? [kubernetesStagedAction] : []),
    { name: 'podSelector', type: 'object', required: !staged, fields: labelSelectorFields, doc: 'Pods this policy applies to. `{}` selects every pod in the namespace.' },
    {
      name: 'ingress',
      type: 'list',
      doc: 'Allowed incoming traffic.',
      fields: [
        { name: 'from', type: 'list', fields: k8sPeerFields, doc: 'Allowed sources (any of them). Omitted or empty: any source.' },
        { name: 'ports', type: 'list', fields: k8sPortFields, doc: 'Allowed destination ports. Omitted or empty: all ports.' },
      ],
    },
    {
      name: 'egress',
      type: 'list',
      doc: 'Allowed outgoing traffic.',
      fields: [
        { name: 'to', type: 'list', fields: k8sPeerFields, doc: 'Allowed destinations (any of them). Omitted or empty: any destination.' },
        { name: 'ports', type: 'list', fields: k8sPortFields, doc: 'Allowed destination ports. Omitted or empty: all ports.' },
      ],
    },
    { name: 'policyTypes', type: 'list', items: { name: 'type', type: 'enum', values: ['Ingress', 'Egress'], doc: '`Ingress` or `Egress`.' }, doc: 'Directions this policy isolates. Omitted: `Ingress`, plus `Egress` when there are egress rules.' },
  ];
}

function specFor(kind: string): FieldSpec[] {
  switch (kind) {
    case 'NetworkPolicy':
    case 'GlobalNetworkPolicy':
      return policySpecFields(kind);
    case 'StagedNetworkPolicy':
      return [stagedAction, ...policySpecFields('NetworkPolicy')];
    case 'StagedGlobalNetworkPolicy':
      return [stagedAction, ...policySpecFields('GlobalNetworkPolicy')];
    case 'StagedKubernetesNetworkPolicy':
      return k8sSpecFields(true);
    case 'NetworkSet':
    case 'GlobalNetworkSet':
      return [
        { name: 'nets', type: 'list', items: { name: 'net', type: 'string', doc: 'An IP address or CIDR (host bits allowed here).' }, doc: 'IP addresses and CIDRs in this set. Rule selectors match the set through its labels.' },
        {
          name: 'allowedEgressDomains',
          type: 'list',
          edition: 'enterprise',
          items: { name: 'domain', type: 'string', doc: 'A domain name such as `db.example.com`, or one `*` standing for a whole label (`*.example.com`).' },
          doc: 'Calico Enterprise and Calico Cloud: domain names in this set. They only allow egress: when an egress `Allow` rule\'s destination selector matches the set, traffic to these names (their IPs learnt from DNS) is allowed; they never deny and never match ingress.',
        },
      ];
    case 'Tier':
      return [
        { name: 'order', type: 'number', doc: 'Position of the tier: lower orders are evaluated first. Omitted: last. The built-in tiers have fixed orders: `kube-admin` 1000, `default` 1000000, `kube-baseline` 10000000.' },
        { name: 'defaultAction', type: 'enum', values: ['Deny', 'Pass'], default: 'Deny', doc: "What happens at the end of the tier to traffic of an endpoint that a policy in the tier selects, when none of the tier's policies decided it: `Deny` drops, `Pass` goes on to the next tier. The built-in `default` tier must be `Deny`; `kube-admin` and `kube-baseline` must be `Pass`." },
      ];
    case 'HostEndpoint':
      return [
        str('node', 'Name of the node this host endpoint is on.', { required: true }),
        str('interfaceName', 'Host interface this endpoint protects (at most 15 characters), or `*` for all interfaces.'),
        { name: 'expectedIPs', type: 'list', items: str('ip', 'An IP address of the host.'), doc: 'IP addresses the host uses on this endpoint; policy rules can match them.' },
        { name: 'profiles', type: 'list', items: str('profile', 'A profile name.'), doc: 'Profiles applied to this endpoint.' },
        {
          name: 'ports',
          type: 'list',
          doc: 'Named ports that rules can refer to by name.',
          fields: [
            str('name', 'Name of the port.', { required: true }),
            { name: 'protocol', type: 'protocol', doc: 'Protocol of the port: `TCP`, `UDP` or `SCTP` (the protocols that have ports).' },
            { name: 'port', type: 'integer', required: true, doc: 'Port number 1–65535.' },
          ],
        },
      ];
    default:
      return [];
  }
}

const schemaCache = new Map<string, FieldSpec[]>();

/** Top-level fields of a kind. `family` 'kubernetes' selects networking.k8s.io/v1 NetworkPolicy. */
export function rootFields(kind: string, family: string = 'calico'): FieldSpec[] | undefined {
  const key = `${family === 'kubernetes' ? 'k8s' : 'calico'}/${kind}`;
  const hit = schemaCache.get(key);
  if (hit) return hit;
  let spec: FieldSpec[];
  if (family === 'kubernetes') {
    if (kind !== 'NetworkPolicy') return undefined;
    spec = k8sSpecFields(false);
  } else {
    spec = specFor(kind);
    if (spec.length === 0) return undefined;
  }
  const fields: FieldSpec[] = [
    str('apiVersion', family === 'kubernetes' ? '`networking.k8s.io/v1`.' : '`projectcalico.org/v3` for Calico resources.', { required: true }),
    str('kind', 'The resource kind.', { required: true }),
    metadataFor(kind),
    { name: 'spec', type: 'object', fields: spec, doc: `Specification of the ${kind}.` },
  ];
  if (family === 'kubernetes') fields.push({ name: 'status', type: 'object', open: true, fields: [], doc: 'Set by the API server.' });
  schemaCache.set(key, fields);
  return fields;
}
