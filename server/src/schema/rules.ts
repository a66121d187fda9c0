// Schema pieces shared by policy kinds: Rule, EntityRule, ports, ICMP and HTTP matches.
import type { FieldSpec } from './types';

/** Operators of an HTTP header match (Calico Enterprise/Cloud). */
export const HEADER_OPERATORS = ['Exists', 'DoesNotExist', 'In', 'NotIn', 'HasPrefix', 'HasSuffix', 'MatchesRegex'];

const selectorDoc = (what: string) =>
  `${what}\n\nA Calico selector expression, e.g. \`app == "web" && tier in {"a", "b"}\`. Empty means \`all()\`.`;

export const portSpec: FieldSpec = {
  name: 'port',
  type: 'port',
  doc: 'A port number (`80`), an inclusive range as a quoted string (`"8000:8080"`), or a named container port (`http`, lower case, at most 15 characters).',
};

export const icmpFields: FieldSpec[] = [
  { name: 'type', type: 'integer', doc: 'ICMP type to match (0–254), e.g. `8` for echo request, `128` for ICMPv6 echo request.' },
  { name: 'code', type: 'integer', doc: 'ICMP code to match (0–255). Requires `type`.' },
];

export const serviceAccountsFields: FieldSpec[] = [
  { name: 'names', type: 'list', items: { name: 'name', type: 'string', doc: 'A service account name.' }, doc: 'Matches peers running as any of these service accounts.' },
  { name: 'selector', type: 'selector', doc: selectorDoc('Matches peers whose service account carries labels matching this selector.') },
];

export const servicesFields: FieldSpec[] = [
  { name: 'name', type: 'string', required: true, doc: 'Name of the Kubernetes Service whose endpoints are the peer.' },
  { name: 'namespace', type: 'string', doc: "Namespace of the Service. Defaults to the policy's namespace; required in a GlobalNetworkPolicy." },
];

export const entityRuleFields: FieldSpec[] = [
  { name: 'nets', type: 'list', items: { name: 'cidr', type: 'cidr', doc: 'A CIDR with a prefix length and no host bits, e.g. `10.0.0.0/8`.' }, doc: 'The peer IP must be in one of these CIDRs.' },
  { name: 'notNets', type: 'list', items: { name: 'cidr', type: 'cidr', doc: 'A CIDR with a prefix length and no host bits.' }, doc: 'The peer IP must be in none of these CIDRs.' },
  { name: 'selector', type: 'selector', doc: selectorDoc("The peer is an endpoint or network set whose labels match. In a NetworkPolicy only peers in the policy's namespace, unless `namespaceSelector` is set.") },
  { name: 'notSelector', type: 'selector', doc: selectorDoc("The peer is not an endpoint whose labels match. In a GlobalNetworkPolicy side with nothing else restricting the peer, that includes peers Calico does not know (outside the cluster); in a NetworkPolicy the side still only matches endpoints in the policy's namespace unless `namespaceSelector` is set.") },
  { name: 'namespaceSelector', type: 'selector', doc: selectorDoc('The peer lives in a namespace whose labels match. `all()` means any namespace; `global()` means non-namespaced peers (host endpoints, global network sets).') },
  { name: 'ports', type: 'list', items: portSpec, doc: 'Ports to match (any of them): under `source` the source port, under `destination` the destination port. Numeric ports need `protocol` TCP, UDP or SCTP.' },
  { name: 'notPorts', type: 'list', items: portSpec, doc: 'Ports that must not match: under `source` the source port, under `destination` the destination port. Numeric ports need `protocol` TCP, UDP or SCTP.' },
  { name: 'serviceAccounts', type: 'object', fields: serviceAccountsFields, doc: 'Matches peer pods by service account name and/or labels (both must match when both are given).' },
  {
    name: 'domains',
    type: 'list',
    edition: 'enterprise',
    items: { name: 'domain', type: 'string', doc: 'A domain name such as `api.example.com`, or one `*` standing for a whole label (`*.example.com`).' },
    doc: 'Calico Enterprise and Calico Cloud: the peer is one of these domain names, learnt from DNS answers. Only in the `destination` of an egress `Allow` rule, and not with `nets` or `selector`. A `*` stands for one or more whole labels at its position (`*.example.com` matches `www.example.com` but not `example.com`); one `*` per name.',
  },
  { name: 'services', type: 'object', fields: servicesFields, doc: "The peer is an endpoint of this Kubernetes Service. Ingress `source` or egress `destination` only; cannot be combined with selectors, nets or service accounts, and in `destination` not with `ports` (the Service's own ports apply)." },
];

export const httpFields: FieldSpec[] = [
  { name: 'methods', type: 'list', items: { name: 'method', type: 'string', doc: 'An HTTP method such as `GET`.' }, doc: 'HTTP methods to match (any of them). No duplicates.' },
  {
    name: 'paths',
    type: 'list',
    doc: 'HTTP paths to match (any of them); each entry has exactly one of `exact` or `prefix`.',
    fields: [
      { name: 'exact', type: 'string', doc: 'Matches this exact path. Starts with `/`; no `?`, `#` or spaces.' },
      { name: 'prefix', type: 'string', doc: 'Matches paths starting with this. Starts with `/`; no `?`, `#` or spaces.' },
    ],
  },
  {
    name: 'headers',
    type: 'list',
    edition: 'enterprise',
    doc: 'Calico Enterprise and Calico Cloud: HTTP request headers to match (all of them).',
    fields: [
      { name: 'header', type: 'string', required: true, doc: 'Name of the HTTP header (case-insensitive; write it in lower case), e.g. `x-forwarded-for`.' },
      {
        name: 'operator',
        type: 'enum',
        required: true,
        values: HEADER_OPERATORS,
        doc: '`Exists` / `DoesNotExist` (the header is present / absent; `values` are ignored), `In` / `NotIn` (its value is / is not one of `values`), `HasPrefix` / `HasSuffix` (it starts / ends with one of `values`), `MatchesRegex` (it matches one of the regular expressions in `values`). Case-sensitive.',
      },
      { name: 'values', type: 'list', items: { name: 'value', type: 'string', doc: 'A value to test the header against (case-sensitive).' }, doc: 'Values the operator tests the header value against.' },
    ],
  },
];

const protocolDoc = 'Protocol name (`TCP`, `UDP`, `ICMP`, `ICMPv6`, `SCTP`, `UDPLite`, case-sensitive) or number 1–255.';

export const ruleFields: FieldSpec[] = [
  { name: 'action', type: 'enum', values: ['Allow', 'Deny', 'Log', 'Pass'], required: true, doc: '`Allow` accepts and stops evaluation, `Deny` drops, `Log` logs and continues, `Pass` skips the rest of this tier.' },
  { name: 'ipVersion', type: 'enum', values: ['4', '6'], doc: 'Match only IPv4 (`4`) or IPv6 (`6`) traffic.' },
  { name: 'protocol', type: 'protocol', doc: `Match this protocol. ${protocolDoc}` },
  { name: 'notProtocol', type: 'protocol', doc: `Match any protocol except this one. ${protocolDoc}` },
  { name: 'icmp', type: 'object', fields: icmpFields, doc: 'ICMP type/code to match; needs `protocol: ICMP` or `ICMPv6`.' },
  { name: 'notICMP', type: 'object', fields: icmpFields, doc: 'ICMP type/code that must not match.' },
  { name: 'source', type: 'object', fields: entityRuleFields, doc: 'The sending peer. In an ingress rule: who may connect.' },
  { name: 'destination', type: 'object', fields: entityRuleFields, doc: 'The receiving peer. In an egress rule: where the endpoint may connect.' },
  { name: 'http', type: 'object', fields: httpFields, doc: 'Layer-7 HTTP match (application-layer policy). Ingress `Allow` rules with TCP or no protocol only.' },
  {
    name: 'metadata',
    type: 'object',
    doc: 'Free-form rule metadata.',
    fields: [{ name: 'annotations', type: 'map', items: { name: 'value', type: 'string', doc: 'Annotation value.' }, doc: 'Annotations on this rule (same key rules as object annotations).' }],
  },
];
