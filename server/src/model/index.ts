// The compiled policy model: every policy of a parsed file read once into facts (tier, order, selectors, rules),
// shared by validation's rule lints, the explanations and the traffic simulator.
import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import { resourcesOf, type ParsedDocument, type ParsedFile, type ResourceInfo } from '../document';
import type { PolicyFacts } from './types';
import { calicoPolicyFacts, isCalicoPolicyKind } from './calicoFacts';
import { kubernetesPolicyFacts } from './kubernetesFacts';
import type { TierDefaults } from './tiers';
import { asMap, asText } from './values';

export type * from './types';
export { calicoPolicyFacts, entityFacts, entityIsEmpty, isCalicoPolicyKind, calicoPolicyKinds } from './calicoFacts';
export { kubernetesPolicyFacts, labelSelectorFact } from './kubernetesFacts';
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

/** Plain JS for a resource node; aliases resolve against the document, and a broken node reads as empty. */
export function plainValue(doc: ParsedDocument, node: Node): unknown {
  try {
    return node.toJS(doc.yaml, { maxAliasCount: 1000 });
  } catch {
    return {};
  }
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
