// Where selector strings live in a policy: policy-level fields and every rule's source/destination.
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import { readFields } from './mapFields';
import type { ParsedDocument, ResourceInfo, SelectorField, SelectorSite } from './types';
import { isPolicyKind } from '../schema/kindTable';


function stringScalar(node: unknown): Scalar | undefined {
  return isScalar(node) && typeof node.value === 'string' ? (node as Scalar) : undefined;
}

const POLICY_FIELDS = ['selector', 'serviceAccountSelector', 'namespaceSelector'] as const;
const DIRECTIONS = ['ingress', 'egress'] as const;
const ENTITY_FIELDS = ['selector', 'notSelector', 'namespaceSelector'] as const;

function sitesOfResource(resource: ResourceInfo, root: YAMLMap): SelectorSite[] {
  if (resource.family === 'kubernetes' || !isPolicyKind(resource.kind)) return [];
  const spec = root.get('spec', true);
  if (!isMap(spec)) return [];
  const sites: SelectorSite[] = [];
  for (const field of POLICY_FIELDS) {
    const s = stringScalar(spec.get(field, true));
    if (s) sites.push({ scalar: s, text: s.value as string, path: ['spec', field], field, level: 'policy', resource });
  }
  for (const direction of DIRECTIONS) {
    const rules = spec.get(direction, true);
    if (isSeq(rules)) addRuleSites(sites, rules.items, direction, resource);
  }
  return sites;
}

const RULE_SIDES = ['source', 'destination'];
const ENTITY_SELECTORS = [...ENTITY_FIELDS, 'serviceAccounts'];
// Scratch for readFields: this walk is synchronous and each array is read before its next refill.
const sideNodes: unknown[] = [];
const entityNodes: unknown[] = [];

/** Sites of every rule's source and destination; each map is read in one pass, as this runs for every rule. */
function addRuleSites(sites: SelectorSite[], rules: unknown[], direction: 'ingress' | 'egress', resource: ResourceInfo): void {
  for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
    const rule = rules[ruleIndex];
    if (!isMap(rule)) continue;
    readFields(rule, RULE_SIDES, sideNodes);
    const source = sideNodes[0];
    const destination = sideNodes[1];
    if (isMap(source)) addEntitySites(sites, source, direction, ruleIndex, 'source', resource);
    if (isMap(destination)) addEntitySites(sites, destination, direction, ruleIndex, 'destination', resource);
  }
}

function addEntitySites(sites: SelectorSite[], entity: YAMLMap, direction: 'ingress' | 'egress', ruleIndex: number, side: 'source' | 'destination', resource: ResourceInfo): void {
  readFields(entity, ENTITY_SELECTORS, entityNodes);
  const sa = entityNodes[3];
  for (let i = 0; i < ENTITY_FIELDS.length; i++) {
    const s = stringScalar(entityNodes[i]);
    const field = ENTITY_FIELDS[i];
    if (s) sites.push({ scalar: s, text: s.value as string, path: ['spec', direction, ruleIndex, side, field], field, level: 'rule', direction, side, ruleIndex, resource });
  }
  if (isMap(sa)) {
    const s = stringScalar(sa.get('selector', true));
    if (s) sites.push({ scalar: s, text: s.value as string, path: ['spec', direction, ruleIndex, side, 'serviceAccounts', 'selector'], field: 'serviceAccounts.selector', level: 'rule', direction, side, ruleIndex, resource });
  }
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
