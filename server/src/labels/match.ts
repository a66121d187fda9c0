// Which objects a selector talks about (its scope) and which of them it matches.
import type { LabelIndex, LabelScope } from './labelIndex';
import type { SelectorNode } from '../selector/ast';
import { evaluateSelector, parseSelector } from '../selector';
import { NAME_LABEL } from './implicitLabels';
import { kindInfo } from '../schema';

export interface SelectorMatches {
  count: number;
  samples: { name: string; namespace?: string; kind: string }[];
  namespaces: string[];
}

/** Endpoints (or namespaces / service accounts) in scope whose labels, Calico's included, the selector matches. */
export function matchSelector(index: LabelIndex, scope: LabelScope, ast: SelectorNode, sampleLimit = 3): SelectorMatches {
  let count = 0;
  const samples: SelectorMatches['samples'] = [];
  const namespaces = new Set<string>();
  for (const group of index.groups(scope)) {
    if (!evaluateSelector(ast, group.labels)) continue;
    count += group.count;
    if (group.namespace !== undefined) namespaces.add(group.namespace);
    for (const name of group.sampleNames) {
      if (samples.length >= sampleLimit) break;
      samples.push({ name, kind: group.kind, ...(group.namespace !== undefined ? { namespace: group.namespace } : {}) });
    }
  }
  return { count, samples, namespaces: [...namespaces].sort() };
}

/**
 * The LabelScope a selector field talks about. `sameRuleNamespaceSelector` is the text of the
 * namespaceSelector beside a rule's selector, which widens it beyond the policy's namespace.
 */
export function scopeForSelector(
  site: { field: string; level: 'policy' | 'rule' },
  resource: { kind: string; namespace?: string },
  sameRuleNamespaceSelector?: string,
): LabelScope {
  // A namespaced policy's selectors are confined to its own namespace (docs/semantics.md, "Selector scope").
  const namespaced = kindInfo(resource.kind)?.namespaced ?? false;
  const ownNamespace = namespaced ? (resource.namespace ?? 'default') : undefined;
  if (site.field === 'namespaceSelector') return { kind: 'namespaces' };
  if (site.level === 'policy') {
    if (site.field === 'serviceAccountSelector') return { kind: 'serviceAccounts', namespace: ownNamespace };
    return { kind: 'endpoints', namespace: ownNamespace };
  }
  // Rule level: a namespaceSelector beside the selector decides which namespaces are searched.
  const namespace =
    sameRuleNamespaceSelector !== undefined ? pinnedNamespace(sameRuleNamespaceSelector) : site.field === 'notSelector' ? undefined : ownNamespace;
  if (site.field === 'serviceAccounts.selector') return { kind: 'serviceAccounts', namespace };
  return { kind: 'endpoints', namespace };
}

/** `projectcalico.org/name == "x"` pins one namespace; anything else may span several. */
function pinnedNamespace(namespaceSelector: string): string | undefined {
  const parsed = parseSelector(namespaceSelector);
  if (!parsed.ok) return undefined;
  const ast = parsed.ast;
  if (ast.kind === 'compare' && ast.operator === '==' && ast.key.name === NAME_LABEL) return ast.value.value;
  if (ast.kind === 'set' && ast.operator === 'in' && ast.key.name === NAME_LABEL && ast.values.length === 1) return ast.values[0].value;
  return undefined;
}
