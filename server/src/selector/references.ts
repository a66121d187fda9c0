// Lists every label key a selector mentions, in source order, for hover, rename and completion.
import type { LabelRef, SelectorNode } from './ast';

export function labelReferences(ast: SelectorNode): { key: LabelRef; node: SelectorNode }[] {
  const out: { key: LabelRef; node: SelectorNode }[] = [];
  const visit = (node: SelectorNode): void => {
    switch (node.kind) {
      case 'has':
      case 'compare':
      case 'set':
        out.push({ key: node.key, node });
        break;
      case 'not':
        visit(node.operand);
        break;
      case 'and':
      case 'or':
        node.operands.forEach(visit);
        break;
    }
  };
  visit(ast);
  return out;
}
