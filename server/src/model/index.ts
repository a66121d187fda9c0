// The compiled policy model: every policy of a parsed file read once into facts (tier, order, selectors, rules),
// shared by validation's rule lints, the explanations and the traffic simulator.
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { MAX_ALIAS_EXPANSION, aliasTarget, expandedSize, resourcesOf, type ParsedDocument, type ParsedFile, type ResourceInfo } from '../document';
import type { PolicyFacts } from './types';
import { calicoPolicyFacts, isCalicoPolicyKind } from './calicoFacts';
import { kubernetesPolicyFacts } from './kubernetesFacts';
import type { TierDefaults } from './tiers';
import { asMap, asText } from './values';

export type * from './types';
export { calicoPolicyFacts, entityFacts, entityIsEmpty, isCalicoPolicyKind, calicoPolicyKinds } from './calicoFacts';
export { kubernetesPolicyFacts, labelSelectorFact } from './kubernetesFacts';
export { adminPolicyFacts, isAdminPolicyKind, ADMIN_POLICY_API, type AdminPolicyReading } from './adminPolicyFacts';
export { resolveTier, type TierDefaults } from './tiers';
export { selectorFact } from './selectorFact';
export { compileSelector, compileNamespaceSelector, compileServiceAccountSelector, matchesLabels, type CompiledSelector } from './compiledSelector';
export * from './values';

/** A policy found in a file, with the nodes and file offsets the editor features need. */
export interface PolicySource {
  document: ParsedDocument;
  resource: ResourceInfo;
  node: YAMLMap;
  facts: PolicyFacts;
  start: number;
  end: number;
}

/** Kinds with rules to explain: Calico policies (enforced and staged) and Kubernetes NetworkPolicies. */
export function isExplainable(resource: ResourceInfo): boolean {
  if (resource.family === 'kubernetes') return resource.kind === 'NetworkPolicy';
  if (resource.kind === 'StagedKubernetesNetworkPolicy') return true;
  return isCalicoPolicyKind(resource.kind);
}

/**
 * Plain JS for a resource node, like the yaml library's `toJS` but bounded: aliases resolve through the
 * document's anchor index (never a search), share one converted value and together expand at most
 * MAX_ALIAS_EXPANSION nodes (past that they read as null; YAML-ALIAS-LIMIT reports it); keys that are
 * collections are left out (YAML-COMPLEX-KEY reports them); an explicit stack, so depth never matters.
 */
export function plainValue(_doc: ParsedDocument, node: Node): unknown {
  let budget = MAX_ALIAS_EXPANSION;
  const converted = new Map<Node, unknown>();
  const open = new Set<Node>();
  let result: unknown = null;
  type Task = { node: unknown; set: (v: unknown) => void } | { close: Node };
  const stack: Task[] = [{ node, set: (v) => (result = v) }];
  const keyOf = (key: unknown): string | undefined => {
    const k = isAlias(key) ? aliasTarget(key) : key;
    if (k === null || k === undefined) return '';
    if (!isScalar(k)) return undefined;
    return k.value === null || k.value === undefined ? '' : String(k.value);
  };
  const setKey = (obj: Record<string, unknown>, key: string, value: unknown) => {
    if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
    else obj[key] = value;
  };
  const pairInto = (obj: Record<string, unknown>, pair: Pair, later: Task[]) => {
    const key = keyOf(pair.key);
    if (key === undefined) return;
    setKey(obj, key, null);
    later.push({ node: pair.value, set: (v) => setKey(obj, key, v) });
  };
  while (stack.length > 0) {
    const task = stack.pop()!;
    if ('close' in task) {
      open.delete(task.close);
      continue;
    }
    let n = task.node;
    if (isAlias(n)) {
      const target = aliasTarget(n);
      const cost = target ? expandedSize(target) : 0;
      // An alias of an enclosing node (a cycle), of nothing, or past the budget reads as null.
      if (!target || open.has(target) || cost > budget) {
        task.set(null);
        continue;
      }
      budget -= cost;
      n = target;
    }
    if (!n || typeof n !== 'object') {
      task.set(n ?? null);
      continue;
    }
    if (converted.has(n as Node)) {
      task.set(converted.get(n as Node));
      continue;
    }
    if (isScalar(n)) {
      task.set(n.value ?? null);
      continue;
    }
    const later: Task[] = [];
    let value: unknown;
    if (isMap(n)) {
      const obj: Record<string, unknown> = {};
      for (const pair of n.items) pairInto(obj, pair, later);
      value = obj;
    } else if (isSeq(n)) {
      const list: unknown[] = new Array(n.items.length).fill(null);
      n.items.forEach((item, i) => {
        if (isPair(item)) {
          const obj: Record<string, unknown> = {};
          list[i] = obj;
          pairInto(obj, item, later);
        } else later.push({ node: item, set: (v) => (list[i] = v) });
      });
      value = list;
    } else if (isPair(n)) {
      const obj: Record<string, unknown> = {};
      pairInto(obj, n, later);
      value = obj;
    } else value = null;
    converted.set(n as Node, value);
    task.set(value);
    open.add(n as Node);
    stack.push({ close: n as Node });
    // Reversed, so values are assigned in document order and a repeated key keeps its last value.
    for (let i = later.length - 1; i >= 0; i--) stack.push(later[i]);
  }
  return result;
}

/** Tier resources declared in the file: their default actions (Deny unless Pass is written). */
export function tiersInFile(file: ParsedFile): TierDefaults {
  const tiers = new Map<string, 'Deny' | 'Pass'>();
  for (const doc of file.documents) {
    for (const { resource, node } of resourcesOf(doc)) {
      if (resource.kind !== 'Tier' || resource.family === 'kubernetes' || !resource.name) continue;
      const spec = asMap(asMap(plainValue(doc, node))?.spec);
      tiers.set(resource.name, asText(spec?.defaultAction) === 'Pass' ? 'Pass' : 'Deny');
    }
  }
  return tiers;
}

/** Facts per resource node: the parser reuses the nodes of unchanged documents, so an edit re-reads one policy. */
const factsCache = new WeakMap<YAMLMap, { key: string; facts: PolicyFacts; rangedAt?: number }>();

function tiersKey(tiers?: TierDefaults): string {
  return tiers ? [...tiers].map(([name, action]) => `${name}=${action}`).join(',') : '';
}

export function policyFacts(doc: ParsedDocument, resource: ResourceInfo, node: YAMLMap, tiers?: TierDefaults): PolicyFacts {
  const key = `${resource.family}:${resource.kind}:${tiersKey(tiers)}`;
  const hit = factsCache.get(node);
  if (hit && hit.key === key) {
    // A reused node has the same tree; its rule ranges only need moving when the node itself moved.
    if (hit.rangedAt === undefined || hit.rangedAt !== node.range?.[0]) {
      withRuleRanges(hit.facts, node);
      hit.rangedAt = node.range?.[0];
    }
    return hit.facts;
  }
  const value = plainValue(doc, node);
  const facts =
    resource.family === 'kubernetes' || resource.kind === 'StagedKubernetesNetworkPolicy'
      ? kubernetesPolicyFacts(value, resource.kind)
      : calicoPolicyFacts(value, tiers ? { kind: resource.kind, tiers } : { kind: resource.kind });
  factsCache.set(node, { key, facts, rangedAt: node.range?.[0] });
  return withRuleRanges(facts, node);
}

/** Attaches each rule's file range from its YAML node. */
function withRuleRanges(facts: PolicyFacts, node: YAMLMap): PolicyFacts {
  const spec = node.get('spec', true);
  if (!isMap(spec)) return facts;
  for (const direction of ['ingress', 'egress'] as const) {
    const list = spec.get(direction, true);
    if (!isSeq(list)) continue;
    const rules = direction === 'ingress' ? facts.ingress : facts.egress;
    list.items.forEach((item, i) => {
      const range = (item as Node | null)?.range;
      const rule = rules[i];
      if (rule && range) rule.range = { start: range[0], end: range[1] };
    });
  }
  return facts;
}

/** Every explainable policy in the file (or in the given documents of it), in file order. */
export function policiesInFile(file: ParsedFile, documents: readonly ParsedDocument[] = file.documents): PolicySource[] {
  const tiers = tiersInFile(file);
  const out: PolicySource[] = [];
  for (const doc of documents) {
    for (const { resource, node } of resourcesOf(doc)) {
      if (!isExplainable(resource)) continue;
      const range = node.range ?? [doc.start, doc.end, doc.end];
      out.push({ document: doc, resource, node, facts: policyFacts(doc, resource, node, tiers), start: range[0], end: range[1] });
    }
  }
  return out;
}

/** The policy containing `offset`, or the first policy of the file when no offset is given. */
export function policyAt(file: ParsedFile, offset?: number): PolicySource | undefined {
  if (offset === undefined) {
    for (const doc of file.documents) {
      const first = policiesInFile(file, [doc])[0];
      if (first) return first;
    }
    return undefined;
  }
  const documents = file.documents.filter((d) => offset >= d.start && offset <= d.end);
  const policies = policiesInFile(file, documents);
  return (
    policies.find((p) => offset >= p.start && offset <= p.end) ??
    policies.find((p) => offset >= p.document.start && offset <= p.document.end)
  );
}
