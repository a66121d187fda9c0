// Compiles a policy's facts (from the shared model) into what the simulator runs: Calico's name, tier and
// order, a selection test for endpoints, and each rule as compiled criteria.
import {
  compileNamespaceSelector,
  compileSelector,
  compileServiceAccountSelector,
  matchesLabels,
  type CompiledSelector,
  type PolicyFacts,
  type RuleFacts,
} from '../model';
import type { PolicySource, SourceLocation } from '../../../protocol/traffic';
import { calicoRuleCriteria, kubernetesRuleCriteria, usesKeysBeyondName } from './criteria';
import type { CompiledPolicy, CompiledRule, CriterionResult, Labels, Workload } from './types';

const OK: CriterionResult = { ok: true };
const NO: CriterionResult = { ok: false };

function family(facts: PolicyFacts): 'np' | 'gnp' | 'knp' {
  return facts.flavor === 'kubernetes' ? 'knp' : facts.flavor === 'calico-global' ? 'gnp' : 'np';
}

/** The name Calico shows: `ns/name`, a global policy by its name, a Kubernetes one `ns/knp.default.name`. */
export function calicoPolicyName(facts: PolicyFacts): string {
  const name = facts.name ?? '(unnamed)';
  const ns = facts.namespace ?? 'default';
  switch (family(facts)) {
    case 'knp':
      return `${ns}/knp.default.${name}`;
    case 'gnp':
      return facts.calicoName ?? name;
    default:
      return `${ns}/${name}`;
  }
}

/** What a staged policy stands in for: same family, namespace and name (a `tier.` prefix does not count). */
export function policyKey(facts: PolicyFacts): string {
  let name = (family(facts) === 'gnp' ? facts.calicoName : undefined) ?? facts.name ?? '';
  const prefix = `${facts.tier.name}.`;
  if (family(facts) !== 'knp' && name.startsWith(prefix)) name = name.slice(prefix.length);
  const ns = family(facts) === 'gnp' ? '' : facts.namespace ?? 'default';
  return `${family(facts)}|${ns}|${name}`;
}

function selectorOf(fact: { text: string; invalid?: string } | undefined, compile: (t: string) => CompiledSelector): CompiledSelector | undefined {
  if (!fact) return undefined;
  return fact.invalid ? { text: fact.text, error: fact.invalid } : compile(fact.text);
}

function selection(facts: PolicyFacts): (w: Workload) => CriterionResult {
  const selector = selectorOf(facts.selector, compileSelector)!;
  const ns = facts.namespace ?? 'default';
  if (facts.flavor === 'kubernetes') {
    return (w) => (w.namespace === ns && matchesLabels(selector, w.selectorLabels) ? OK : NO);
  }
  const accounts = selectorOf(facts.serviceAccountSelector, compileServiceAccountSelector);
  const namespaces = facts.flavor === 'calico-global' ? selectorOf(facts.namespaceSelector, compileNamespaceSelector) : undefined;
  const global = facts.flavor === 'calico-global';
  return (w) => {
    if (!global && w.namespace !== ns) return NO;
    if (!matchesLabels(selector, w.selectorLabels)) return NO;
    if (namespaces && !matchesLabels(namespaces, w.selectorLabels)) return NO;
    if (accounts && !matchesLabels(accounts, w.selectorLabels)) return NO;
    if (namespaces && w.namespaceImplicit && usesKeysBeyondName(namespaces))
      return { ok: true, uncertain: `namespace ${w.namespace} has no manifest, so whether ${calicoPolicyName(facts)}'s namespaceSelector selects it is unknown` };
    if (accounts && !w.serviceAccountKnown && usesKeysBeyondName(accounts))
      return { ok: true, uncertain: `service account ${w.namespace}/${w.serviceAccount} has no manifest, so whether ${calicoPolicyName(facts)}'s serviceAccountSelector selects it is unknown` };
    return OK;
  };
}

function compileRules(facts: PolicyFacts, rules: RuleFacts[], location: (offset: number) => SourceLocation | undefined, namespaceLabels: (ns: string) => Labels): CompiledRule[] {
  return rules.map((rule) => {
    const compiled: CompiledRule = {
      index: rule.index,
      action: rule.action ?? 'Allow',
      criteria: facts.flavor === 'kubernetes' ? kubernetesRuleCriteria(rule, facts, namespaceLabels) : calicoRuleCriteria(rule, facts),
    };
    const at = rule.range ? location(rule.range.start) : undefined;
    if (at) compiled.location = at;
    return compiled;
  });
}

export interface CompileOptions {
  source: PolicySource;
  location?: SourceLocation;
  locate: (offset: number) => SourceLocation | undefined;
  namespaceLabels: (ns: string) => Labels;
}

export function compilePolicy(facts: PolicyFacts, options: CompileOptions): CompiledPolicy {
  const policy: CompiledPolicy = {
    name: calicoPolicyName(facts),
    shortName: facts.name ?? '(unnamed)',
    key: policyKey(facts),
    kind: facts.kind,
    tier: facts.tier.name,
    types: facts.types,
    ingress: compileRules(facts, facts.ingress, options.locate, options.namespaceLabels),
    egress: compileRules(facts, facts.egress, options.locate, options.namespaceLabels),
    selects: selection(facts),
    source: options.source,
    facts,
  };
  if (facts.flavor !== 'calico-global') policy.namespace = facts.namespace ?? 'default';
  if (facts.order !== undefined) policy.order = facts.order;
  if (facts.staged) policy.staged = facts.staged;
  if (options.location) policy.location = options.location;
  return policy;
}

/** Calico's order inside a tier: ascending `order`, omitted last, ties by name. */
export function comparePolicies(a: CompiledPolicy, b: CompiledPolicy): number {
  const oa = a.order ?? Number.POSITIVE_INFINITY;
  const ob = b.order ?? Number.POSITIVE_INFINITY;
  if (oa !== ob) return oa < ob ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
