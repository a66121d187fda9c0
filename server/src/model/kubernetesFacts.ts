// Reads a networking.k8s.io/v1 NetworkPolicy (or a StagedKubernetesNetworkPolicy) into PolicyFacts.
// Calico enforces it as `knp.default.<name>` in the default tier with order 1000 (docs/semantics.md, "Evaluation").
import type { Direction, KubernetesPeerFacts, PolicyFacts, RuleFacts, SelectorFact } from './types';
import { asList, asMap, asNonEmptyString, asNumber, asText, asTextList } from './values';
import { resolveTier } from './tiers';

export const KUBERNETES_POLICY_ORDER = 1000;

function quoteValue(value: string): string {
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

/** A Kubernetes label selector written as the equivalent Calico selector, so every sentence reads alike. */
export function labelSelectorFact(value: unknown): SelectorFact {
  const map = asMap(value) ?? {};
  const terms: string[] = [];
  for (const [key, v] of Object.entries(asMap(map.matchLabels) ?? {})) {
    const text = asText(v);
    if (text !== undefined) terms.push(`${key} == ${quoteValue(text)}`);
  }
  for (const entry of asList(map.matchExpressions)) {
    const expr = asMap(entry);
    const key = expr && asText(expr.key);
    if (!expr || !key) continue;
    const set = `{${asTextList(expr.values).map(quoteValue).join(', ')}}`;
    switch (asText(expr.operator)) {
      case 'In':
        terms.push(`${key} in ${set}`);
        break;
      case 'NotIn':
        terms.push(`${key} not in ${set}`);
        break;
      case 'Exists':
        terms.push(`has(${key})`);
        break;
      case 'DoesNotExist':
        terms.push(`!has(${key})`);
        break;
      default:
        return { text: terms.join(' && '), matchesAll: false, invalid: `unknown operator in matchExpressions for ${key}` };
    }
  }
  return { text: terms.join(' && '), matchesAll: terms.length === 0 };
}

function peerFacts(value: unknown): KubernetesPeerFacts {
  const map = asMap(value) ?? {};
  const peer: KubernetesPeerFacts = {};
  if (asMap(map.podSelector)) peer.podSelector = labelSelectorFact(map.podSelector);
  if (asMap(map.namespaceSelector)) peer.namespaceSelector = labelSelectorFact(map.namespaceSelector);
  const block = asMap(map.ipBlock);
  const cidr = block && asText(block.cidr);
  if (block && cidr) peer.ipBlock = { cidr, except: asTextList(block.except) };
  return peer;
}

function kubernetesRuleFacts(value: unknown, direction: Direction, index: number): RuleFacts {
  const map = asMap(value) ?? {};
  const peers = asList(direction === 'ingress' ? map.from : map.to).map(peerFacts);
  const ports = asList(map.ports).map((entry) => {
    const port = asMap(entry) ?? {};
    const out: { protocol: string; port?: string; endPort?: number } = { protocol: asText(port.protocol) ?? 'TCP' };
    const number = asText(port.port);
    if (number !== undefined) out.port = number;
    const endPort = asNumber(port.endPort);
    if (endPort !== undefined) out.endPort = endPort;
    return out;
  });
  return {
    direction,
    index,
    action: 'Allow',
    source: {},
    destination: {},
    kubernetes: { peers, ports },
    matchesEverything: peers.length === 0 && ports.length === 0,
  };
}

/** Kubernetes `policyTypes` defaulting: Ingress always, Egress when there is at least one egress rule. */
export function kubernetesDefaultTypes(egressCount: number): Direction[] {
  return egressCount > 0 ? ['ingress', 'egress'] : ['ingress'];
}

export function kubernetesPolicyFacts(resource: unknown, kind: string): PolicyFacts {
  const root = asMap(resource) ?? {};
  const metadata = asMap(root.metadata) ?? {};
  const spec = asMap(root.spec) ?? {};
  const ingressValues = asList(spec.ingress);
  const egressValues = asList(spec.egress);
  const written = asTextList(spec.policyTypes);
  const explicit: Direction[] | undefined =
    written.length > 0
      ? (['ingress', 'egress'] as const).filter((d) => written.includes(d === 'ingress' ? 'Ingress' : 'Egress'))
      : undefined;
  const types = explicit ?? kubernetesDefaultTypes(egressValues.length);
  const facts: PolicyFacts = {
    kind,
    flavor: 'kubernetes',
    tier: resolveTier('default'),
    order: KUBERNETES_POLICY_ORDER,
    selector: labelSelectorFact(spec.podSelector),
    types,
    typesExplicit: explicit !== undefined,
    ignoredDirections: [],
    ingress: ingressValues.map((r, i) => kubernetesRuleFacts(r, 'ingress', i)),
    egress: egressValues.map((r, i) => kubernetesRuleFacts(r, 'egress', i)),
    doNotTrack: false,
    preDNAT: false,
    applyOnForward: false,
  };
  const name = asNonEmptyString(metadata.name);
  if (name !== undefined) {
    facts.name = name;
    facts.calicoName = `knp.default.${name}`;
  }
  const namespace = asNonEmptyString(metadata.namespace);
  if (namespace !== undefined) facts.namespace = namespace;
  if (kind === 'StagedKubernetesNetworkPolicy') facts.staged = { action: asText(spec.stagedAction) ?? 'Set' };
  for (const d of ['ingress', 'egress'] as const) {
    if (!types.includes(d) && (d === 'ingress' ? ingressValues : egressValues).length > 0) facts.ignoredDirections.push(d);
  }
  return facts;
}
