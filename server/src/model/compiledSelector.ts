// Selector texts compiled once: the AST (or the parse error) per text, and the label-prefixed forms Calico
// derives from them (docs/semantics.md, "Selector scope": `pcns.` for namespace selectors, `pcsa.` for service-account selectors).
import { evaluateSelector, parseSelector, type SelectorNode } from '../selector';

export interface CompiledSelector {
  text: string;
  ast?: SelectorNode;
  /** Parse error message when the text is not a selector. */
  error?: string;
}

// Bounded: a long editor session sees many selector texts; the hot ones stay.
const MAX_ENTRIES = 20_000;
const compiled = new Map<string, CompiledSelector>();
const prefixed = new Map<string, CompiledSelector>();

function remember(cache: Map<string, CompiledSelector>, key: string, value: CompiledSelector): CompiledSelector {
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

/** The compiled form of a selector text; the same text is parsed only once. */
export function compileSelector(text: string): CompiledSelector {
  const hit = compiled.get(text);
  if (hit) return hit;
  const parsed = parseSelector(text);
  return remember(compiled, text, parsed.ok ? { text, ast: parsed.ast } : { text, error: parsed.error.message });
}

/** The AST with every label key prefixed (Calico's namespace/service-account selector translation). */
function withPrefix(node: SelectorNode, prefix: string, allAs?: SelectorNode, globalAs?: SelectorNode): SelectorNode {
  switch (node.kind) {
    case 'all':
      return allAs ?? node;
    case 'global':
      return globalAs ?? node;
    case 'has':
    case 'compare':
    case 'set':
      return { ...node, key: { ...node.key, name: prefix + node.key.name } } as SelectorNode;
    case 'not':
      return { ...node, operand: withPrefix(node.operand, prefix, allAs, globalAs) };
    case 'and':
    case 'or':
      return { ...node, operands: node.operands.map((o) => withPrefix(o, prefix, allAs, globalAs)) };
  }
}

const NAMESPACE_KEY = 'projectcalico.org/namespace';
const hasNamespace: SelectorNode = { kind: 'has', key: { name: NAMESPACE_KEY, span: { start: 0, end: 0 } }, span: { start: 0, end: 0 } };
const notNamespaced: SelectorNode = { kind: 'not', operand: hasNamespace, span: { start: 0, end: 0 } };

/**
 * A namespace selector as Calico rewrites it: keys get `pcns.`, `all()` becomes "has a namespace" and
 * `global()` "has none" (so global network sets and host endpoints match `global()`).
 */
export function compileNamespaceSelector(text: string): CompiledSelector {
  const key = `ns\u0000${text}`;
  const hit = prefixed.get(key);
  if (hit) return hit;
  const base = compileSelector(text);
  const out: CompiledSelector = base.ast ? { text, ast: withPrefix(base.ast, 'pcns.', hasNamespace, notNamespaced) } : base;
  return remember(prefixed, key, out);
}

/** A service-account selector as Calico rewrites it: keys get `pcsa.`. */
export function compileServiceAccountSelector(text: string): CompiledSelector {
  const key = `sa\u0000${text}`;
  const hit = prefixed.get(key);
  if (hit) return hit;
  const base = compileSelector(text);
  const out: CompiledSelector = base.ast ? { text, ast: withPrefix(base.ast, 'pcsa.') } : base;
  return remember(prefixed, key, out);
}

/** Whether the labels match; an invalid selector matches nothing. */
export function matchesLabels(selector: CompiledSelector, labels: Readonly<Record<string, string>>): boolean {
  return selector.ast ? evaluateSelector(selector.ast, labels) : false;
}
