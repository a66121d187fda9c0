// The Calico Policies tree: tiers in evaluation order, their policies in order with rules, network sets and
// Kubernetes NetworkPolicies, built from one cluster snapshot through the shared policy model.
import type { ClusterPoliciesResult, ClusterPoliciesStatus, ClusterPolicyItem, ClusterSetItem, ClusterTierItem } from '../../../protocol';
import { clusterUri, type ClusterObject, type PolicySnapshot } from '../cluster';
import { asMap, asNumber, asText, asTextList, calicoPolicyFacts, kubernetesPolicyFacts, type PolicyFacts, type TierDefaults } from '../model';
import { ruleContext, ruleSentence } from '../explain';
import { builtinTiers } from '../schema/builtinTiers';

export interface TreeOptions {
  namespace?: string;
  /** Finds the workspace file defining the same kind/namespace/name. */
  workspaceUri?(obj: ClusterObject): string | undefined;
}

/** Ascending order, unordered last, ties by name: how Calico visits tiers and the policies in a tier. */
export function byOrderThenName<T extends { order?: number; name: string }>(a: T, b: T): number {
  const ao = a.order ?? Infinity;
  const bo = b.order ?? Infinity;
  if (ao !== bo) return ao < bo ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function tierDefaults(snap: PolicySnapshot): TierDefaults {
  const tiers = new Map<string, 'Deny' | 'Pass'>();
  for (const o of snap.objects) {
    if (o.kind.kind !== 'Tier') continue;
    tiers.set(o.name, asText(asMap(o.object.spec)?.defaultAction) === 'Pass' ? 'Pass' : 'Deny');
  }
  return tiers;
}

export function objectFacts(obj: ClusterObject, tiers: TierDefaults): PolicyFacts | undefined {
  if (obj.kind.family === 'kubernetes' || obj.kind.kind === 'StagedKubernetesNetworkPolicy') return kubernetesPolicyFacts(obj.object, obj.kind.kind);
  if (obj.kind.kind === 'Tier' || obj.kind.kind.endsWith('NetworkSet')) return undefined;
  return calicoPolicyFacts(obj.object, { kind: obj.kind.kind, tiers });
}

export function clusterTree(snap: PolicySnapshot | undefined, status: ClusterPoliciesStatus, options: TreeOptions = {}): ClusterPoliciesResult {
  const result: ClusterPoliciesResult = { status, tiers: [], networkSets: [], kubernetesPolicies: [], namespaces: snap?.namespaces ?? [] };
  if (!snap) return result;
  const inScope = (o: ClusterObject) => !options.namespace || o.namespace === undefined || o.namespace === options.namespace;
  const tiers = tierDefaults(snap);
  const tierItems = new Map<string, ClusterTierItem>();
  const tierItem = (name: string): ClusterTierItem => {
    let item = tierItems.get(name);
    if (!item) {
      const builtin = builtinTiers[name];
      item = { name, defaultAction: tiers.get(name) ?? builtin?.defaultAction ?? 'Deny', declared: false, policies: [], ...(builtin ? { order: builtin.order } : {}) };
      tierItems.set(name, item);
    }
    return item;
  };
  for (const o of snap.objects) {
    if (o.kind.kind !== 'Tier') continue;
    const item = tierItem(o.name);
    item.declared = true;
    item.uri = clusterUri(snap.context, o);
    const order = asNumber(asMap(o.object.spec)?.order);
    if (order !== undefined) item.order = order;
    else delete item.order;
  }
  tierItem('default');
  for (const o of snap.objects) {
    if (!inScope(o)) continue;
    if (o.kind.kind.endsWith('NetworkSet')) {
      result.networkSets.push(setItem(snap, o));
      continue;
    }
    const facts = objectFacts(o, tiers);
    if (!facts) continue;
    const item = policyItem(snap, o, facts, options);
    if (facts.flavor === 'kubernetes') result.kubernetesPolicies.push(item);
    else tierItem(facts.tier.name).policies.push(item);
  }
  for (const t of tierItems.values()) t.policies.sort(byOrderThenName);
  result.tiers = [...tierItems.values()].sort(byOrderThenName);
  result.kubernetesPolicies.sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  result.networkSets.sort((a, b) => `${a.namespace ?? ''}/${a.name}`.localeCompare(`${b.namespace ?? ''}/${b.name}`));
  return result;
}

function policyItem(snap: PolicySnapshot, o: ClusterObject, facts: PolicyFacts, options: TreeOptions): ClusterPolicyItem {
  const ctx = ruleContext(facts);
  const rules = [...facts.ingress, ...facts.egress].map((r) => ({
    direction: r.direction,
    index: r.index,
    action: r.action ?? (r.kubernetes ? 'Allow' : ''),
    summary: ruleSentence(r, ctx),
  }));
  const item: ClusterPolicyItem = {
    kind: o.kind.kind,
    apiVersion: String(o.object.apiVersion),
    name: o.name,
    selector: facts.selector.text || 'all()',
    staged: Boolean(o.kind.staged),
    uri: clusterUri(snap.context, o),
    rules,
  };
  if (o.namespace) item.namespace = o.namespace;
  if (facts.order !== undefined) item.order = facts.order;
  else if (facts.flavor === 'kubernetes') item.order = 1000;
  const ws = options.workspaceUri?.(o);
  if (ws) item.workspaceUri = ws;
  return item;
}

function setItem(snap: PolicySnapshot, o: ClusterObject): ClusterSetItem {
  return {
    kind: o.kind.kind as ClusterSetItem['kind'],
    name: o.name,
    ...(o.namespace ? { namespace: o.namespace } : {}),
    nets: asTextList(asMap(o.object.spec)?.nets),
    uri: clusterUri(snap.context, o),
  };
}
