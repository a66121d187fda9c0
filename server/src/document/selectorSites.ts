// Where selector strings live in a policy: policy-level fields and every rule's source/destination.
import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { ParsedDocument, ResourceInfo, SelectorField, SelectorSite } from './types';

const POLICY_KINDS = new Set(['NetworkPolicy', 'GlobalNetworkPolicy', 'StagedNetworkPolicy', 'StagedGlobalNetworkPolicy']);

function stringScalar(node: unknown): Scalar | undefined {
  return isScalar(node) && typeof node.value === 'string' ? (node as Scalar) : undefined;
}

function sitesOfResource(resource: ResourceInfo, root: YAMLMap): SelectorSite[] {
  if (resource.family === 'kubernetes' || !POLICY_KINDS.has(resource.kind)) return [];
  const spec = root.get('spec', true);
  if (!isMap(spec)) return [];
  const sites: SelectorSite[] = [];
  const policyFields: SelectorField[] = ['selector', 'serviceAccountSelector', 'namespaceSelector'];
  for (const field of policyFields) {
    const s = stringScalar(spec.get(field, true));
    if (s) sites.push({ scalar: s, text: s.value as string, path: ['spec', field], field, level: 'policy', resource });
  }
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = spec.get(direction, true);
    if (!isSeq(rules)) continue;
    rules.items.forEach((rule, ruleIndex) => {
      if (!isMap(rule)) return;
      for (const side of ['source', 'destination'] as const) {
        const entity = rule.get(side, true);
        if (!isMap(entity)) continue;
        const base = ['spec', direction, ruleIndex, side];
        const common = { level: 'rule' as const, direction, side, ruleIndex, resource };
        for (const field of ['selector', 'notSelector', 'namespaceSelector'] as const) {
          const s = stringScalar(entity.get(field, true));
          if (s) sites.push({ scalar: s, text: s.value as string, path: [...base, field], field, ...common });
        }
        const sa = entity.get('serviceAccounts', true) as Node | undefined;
        if (isMap(sa)) {
          const s = stringScalar(sa.get('selector', true));
          if (s) sites.push({ scalar: s, text: s.value as string, path: [...base, 'serviceAccounts', 'selector'], field: 'serviceAccounts.selector', ...common });
        }
      }
    });
  }
  return sites;
}

const cache = new WeakMap<ParsedDocument['yaml'], SelectorSite[]>();

/** Every selector-valued scalar in a document (for a List: in every recognised item), with its context. */
export function selectorSites(doc: ParsedDocument): SelectorSite[] {
  const hit = cache.get(doc.yaml);
  if (hit) return hit;
  let sites: SelectorSite[] = [];
  if (doc.resource && isMap(doc.yaml.contents)) sites = sitesOfResource(doc.resource, doc.yaml.contents);
  else if (doc.items) for (const item of doc.items) sites.push(...sitesOfResource(item.resource, item.node));
  cache.set(doc.yaml, sites);
  return sites;
}
