// Lists every label key a selector mentions, in source order, for hover, rename and completion.
import type { LabelRef, SelectorNode } from './ast';

export function labelReferences(ast: SelectorNode): { key: LabelRef; node: SelectorNode }[] {
  const out: { key: LabelRef; node: SelectorNode }[] = [];
  // An explicit stack, children pushed in reverse so keys come out in source order.
  const stack: SelectorNode[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.kind) {
      case 'has':
      case 'compare':
      case 'set':
        out.push({ key: node.key, node });
        break;
      case 'not':
        stack.push(node.operand);
        break;
      case 'and':
      case 'or':
        for (let i = node.operands.length - 1; i >= 0; i--) stack.push(node.operands[i]);
        break;
    }
  }
  return out;
}
