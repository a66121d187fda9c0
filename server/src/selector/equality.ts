// Structural selector equality: ignores spans, quote style, set order and duplicates, and `!!`.
import type { SelectorNode } from './ast';
import { canonicalSetValues } from './printer';

function stripDoubleNegation(node: SelectorNode): SelectorNode {
  while (node.kind === 'not' && node.operand.kind === 'not') node = node.operand.operand;
  return node;
}

export function selectorsEqual(a: SelectorNode, b: SelectorNode): boolean {
  a = stripDoubleNegation(a);
  b = stripDoubleNegation(b);
  switch (a.kind) {
    case 'all':
    case 'global':
      return b.kind === a.kind;
    case 'has':
      return b.kind === 'has' && a.key.name === b.key.name;
    case 'compare':
      return b.kind === 'compare' && a.key.name === b.key.name && a.operator === b.operator && a.value.value === b.value.value;
    case 'set': {
      if (b.kind !== 'set' || a.key.name !== b.key.name || a.operator !== b.operator) return false;
      const x = canonicalSetValues(a.values);
      const y = canonicalSetValues(b.values);
      return x.length === y.length && x.every((v, i) => v === y[i]);
    }
    case 'not':
      return b.kind === 'not' && selectorsEqual(a.operand, b.operand);
    case 'and':
    case 'or':
      return b.kind === a.kind && a.operands.length === b.operands.length && a.operands.every((o, i) => selectorsEqual(o, b.operands[i]));
  }
}
