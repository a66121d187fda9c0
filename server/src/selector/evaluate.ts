// Evaluates a selector against one object's labels with Calico's semantics (docs/selector.md).
import type { SelectorNode } from './ast';

/** True when the labels match. A missing label makes `!=` and `not in` true and every other test false. */
export function evaluateSelector(ast: SelectorNode, labels: Readonly<Record<string, string>>): boolean {
  switch (ast.kind) {
    case 'all':
    case 'global':
      return true;
    case 'has':
      return Object.hasOwn(labels, ast.key.name);
    case 'compare': {
      const present = Object.hasOwn(labels, ast.key.name);
      const value = ast.value.value;
      if (!present) return ast.operator === '!=';
      const actual = labels[ast.key.name];
      switch (ast.operator) {
        case '==':
          return actual === value;
        case '!=':
          return actual !== value;
        case 'contains':
          return actual.includes(value);
        case 'starts with':
          return actual.startsWith(value);
        case 'ends with':
          return actual.endsWith(value);
      }
      return false;
    }
    case 'set': {
      if (!Object.hasOwn(labels, ast.key.name)) return ast.operator === 'not in';
      const actual = labels[ast.key.name];
      const member = ast.values.some((v) => v.value === actual);
      return ast.operator === 'in' ? member : !member;
    }
    case 'not':
      return !evaluateSelector(ast.operand, labels);
    case 'and':
      for (const operand of ast.operands) if (!evaluateSelector(operand, labels)) return false;
      return true;
    case 'or':
      for (const operand of ast.operands) if (evaluateSelector(operand, labels)) return true;
      return false;
  }
}
