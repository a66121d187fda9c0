// How many endpoints a policy selects, from the loaded labels (pods, and host endpoints for global policies).
// The labels module's matchSelector counts network sets too, which a policy never selects, so groups are filtered here.
import type { LabelIndex, LabelledGroup } from '../labels/labelIndex';
import { evaluateSelector, labelReferences, parseSelector } from '../selector';
import type { SelectorNode } from '../selector/ast';
import type { PolicyFacts, SelectorFact } from '../model';

const NAME_LABEL = 'projectcalico.org/name';
const SERVICE_ACCOUNT_LABEL = 'projectcalico.org/serviceaccount';

function astOf(fact: SelectorFact | undefined): SelectorNode | undefined | null {
  if (!fact) return undefined;
  const parsed = parseSelector(fact.text);
  return parsed.ok ? parsed.ast : null;
}

export interface SelectedEndpoints {
  count: number;
  namespaces: string[];
}

/** Undefined when a selector does not parse (nothing trustworthy to count). */
export function countSelectedEndpoints(policy: PolicyFacts, labels: LabelIndex): SelectedEndpoints | undefined {
  const selector = astOf(policy.selector);
  const namespaceSelector = astOf(policy.namespaceSelector);
  const accountSelector = astOf(policy.serviceAccountSelector);
  if (selector === null || namespaceSelector === null || accountSelector === null || selector === undefined) return undefined;
  // Loaded objects do not carry the profile-derived pcns./pcsa. labels (docs/semantics.md, "Labels every object carries"): a count would be wrong.
  if ([selector, namespaceSelector, accountSelector].some((ast) => ast && usesProfileLabels(ast))) return undefined;
  const global = policy.flavor === 'calico-global';
  const ownNamespace = global ? undefined : (policy.namespace ?? 'default');

  let namespaces: Set<string> | undefined;
  if (namespaceSelector) {
    namespaces = new Set();
    for (const group of labels.groups({ kind: 'namespaces' })) {
      const name = group.labels[NAME_LABEL];
      if (name !== undefined && evaluateSelector(namespaceSelector, group.labels)) namespaces.add(name);
    }
  }
  let accounts: Set<string> | undefined;
  if (accountSelector) {
    accounts = new Set();
    for (const group of labels.groups({ kind: 'serviceAccounts', namespace: ownNamespace })) {
      const name = group.labels[NAME_LABEL];
      if (name !== undefined && evaluateSelector(accountSelector, group.labels)) accounts.add(`${group.namespace ?? ''}/${name}`);
    }
  }
  const selectable = (group: LabelledGroup): boolean => {
    if (group.kind === 'hostEndpoint') return global && !namespaceSelector && !accountSelector;
    if (group.kind !== 'pod') return false;
    if (namespaces && !namespaces.has(group.namespace ?? '')) return false;
    if (accounts) {
      const account = group.labels[SERVICE_ACCOUNT_LABEL];
      if (account === undefined || !accounts.has(`${group.namespace ?? ''}/${account}`)) return false;
    }
    return true;
  };

  let count = 0;
  const seen = new Set<string>();
  for (const group of labels.groups({ kind: 'endpoints', namespace: ownNamespace })) {
    if (!selectable(group) || !evaluateSelector(selector, group.labels)) continue;
    count += group.count;
    if (group.namespace !== undefined) seen.add(group.namespace);
  }
  return { count, namespaces: [...seen].sort() };
}

function usesProfileLabels(ast: SelectorNode): boolean {
  return labelReferences(ast).some((r) => r.key.name.startsWith('pcns.') || r.key.name.startsWith('pcsa.'));
}
