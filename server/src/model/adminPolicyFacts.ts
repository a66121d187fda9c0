// Reads Kubernetes' cluster-wide admin policies (policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy and
// BaselineAdminNetworkPolicy) into PolicyFacts the way Calico converts them: a global policy in tier
// kube-admin (order = priority) or kube-baseline, one Calico rule per peer and protocol, ports defaulting to TCP.
import type { Direction, EntityFacts, PolicyFacts, RuleFacts, SelectorFact } from './types';
import { asList, asMap, asNonEmptyString, asNumber, asText } from './values';
import { labelSelectorFact } from './kubernetesFacts';
import { resolveTier } from './tiers';

export const ADMIN_POLICY_API = 'policy.networking.k8s.io/v1alpha1';
export const adminPolicyKinds = ['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'] as const;

export function isAdminPolicyKind(kind: string, apiVersion: string): boolean {
  return apiVersion === ADMIN_POLICY_API && (adminPolicyKinds as readonly string[]).includes(kind);
}

/** A Kubernetes label selector as a Calico selector; `{}` selects every namespace/pod (`all()`). */
function selectorText(value: unknown): SelectorFact {
  const fact = labelSelectorFact(value);
  return fact.matchesAll ? { text: 'all()', matchesAll: true } : fact;
}

interface PeerEntity {
  entity: EntityFacts;
}

function peerEntities(peer: unknown): PeerEntity[] {
  const map = asMap(peer) ?? {};
  const out: PeerEntity[] = [];
  if (asMap(map.namespaces)) out.push({ entity: { namespaceSelector: selectorText(map.namespaces) } });
  const pods = asMap(map.pods);
  if (pods) out.push({ entity: { namespaceSelector: selectorText(pods.namespaceSelector), selector: selectorText(pods.podSelector) } });
  const networks = asList(map.networks).map(asText).filter((n): n is string => !!n);
  if (networks.length) out.push({ entity: { nets: networks } });
  // `nodes` peers are host endpoints, which the simulator does not model; they never match a pod.
  return out;
}

/** Port entries grouped by protocol: `portNumber`, `portRange` and `namedPort` (TCP). */
function portGroups(value: unknown): Map<string, string[]> | undefined {
  const list = asList(value);
  if (list.length === 0) return undefined;
  const groups = new Map<string, string[]>();
  const add = (protocol: string, port: string) => {
    const g = groups.get(protocol);
    if (g) g.push(port);
    else groups.set(protocol, [port]);
  };
  for (const entry of list) {
    const e = asMap(entry) ?? {};
    const number = asMap(e.portNumber);
    const range = asMap(e.portRange);
    const named = asNonEmptyString(e.namedPort);
    if (number && asNumber(number.port) !== undefined) add(asText(number.protocol) ?? 'TCP', String(number.port));
    else if (range && asNumber(range.start) !== undefined && asNumber(range.end) !== undefined) add(asText(range.protocol) ?? 'TCP', `${range.start}:${range.end}`);
    else if (named) add('TCP', named);
  }
  return groups;
}

function adminRules(values: unknown[], direction: Direction, allowed: readonly string[]): { rules: RuleFacts[]; dropped: string[] } {
  const rules: RuleFacts[] = [];
  const dropped: string[] = [];
  values.forEach((value, index) => {
    const map = asMap(value) ?? {};
    const action = asText(map.action) ?? '';
    if (!allowed.includes(action)) {
      dropped.push(`${direction} rule ${index}: unsupported action ${action || '(none)'}`);
      return;
    }
    const peers = asList(direction === 'ingress' ? map.from : map.to).flatMap(peerEntities);
    const ports = portGroups(map.ports);
    const protocols: [string | undefined, string[] | undefined][] = ports ? [...ports].map(([p, list]) => [p, list]) : [[undefined, undefined]];
    for (const { entity } of peers) {
      for (const [protocol, list] of protocols) {
        const peerSide: EntityFacts = { ...entity };
        const localSide: EntityFacts = {};
        if (list) (direction === 'ingress' ? localSide : peerSide).ports = list;
        const rule: RuleFacts = {
          direction,
          index,
          action,
          source: direction === 'ingress' ? peerSide : localSide,
          destination: direction === 'ingress' ? localSide : peerSide,
          matchesEverything: false,
        };
        if (protocol) rule.protocol = protocol;
        rules.push(rule);
      }
    }
  });
  return { rules, dropped };
}

export interface AdminPolicyReading {
  facts: PolicyFacts;
  /** Rules Calico drops while converting (e.g. an unsupported action). */
  dropped: string[];
}

export function adminPolicyFacts(resource: unknown, kind: string): AdminPolicyReading {
  const root = asMap(resource) ?? {};
  const spec = asMap(root.spec) ?? {};
  const baseline = kind === 'BaselineAdminNetworkPolicy';
  const actions = baseline ? ['Allow', 'Deny'] : ['Allow', 'Deny', 'Pass'];
  const ingressValues = asList(spec.ingress);
  const egressValues = asList(spec.egress);
  const ingress = adminRules(ingressValues, 'ingress', actions);
  const egress = adminRules(egressValues, 'egress', actions);
  const subject = asMap(spec.subject) ?? {};
  const pods = asMap(subject.pods);
  const facts: PolicyFacts = {
    kind,
    flavor: 'calico-global',
    tier: resolveTier(baseline ? 'kube-baseline' : 'kube-admin'),
    selector: pods ? selectorText(pods.podSelector) : { text: 'all()', matchesAll: true },
    namespaceSelector: pods ? selectorText(pods.namespaceSelector) : selectorText(subject.namespaces),
    // Types follow the rule lists as written, so a policy whose rules were all dropped still isolates.
    types: [...(ingressValues.length || egressValues.length === 0 ? (['ingress'] as const) : []), ...(egressValues.length ? (['egress'] as const) : [])],
    typesExplicit: false,
    ignoredDirections: [],
    ingress: ingress.rules,
    egress: egress.rules,
    doNotTrack: false,
    preDNAT: false,
    applyOnForward: false,
  };
  const name = asNonEmptyString(asMap(root.metadata)?.name);
  if (name) {
    facts.name = name;
    facts.calicoName = `${baseline ? 'kbanp.baselineadminnetworkpolicy.' : 'kanp.adminnetworkpolicy.'}${name}`;
  }
  const priority = asNumber(spec.priority);
  if (!baseline && priority !== undefined) facts.order = priority;
  return { facts, dropped: [...ingress.dropped, ...egress.dropped] };
}
