// Prints a selector in canonical form (the form Calico itself prints, docs/selector.md): every `&&`/`||` group
// in parentheses, single spaces around operators, set members sorted and de-duplicated, double
// quotes unless the value contains `"`. Each negation node prints its own `!`: the parser already folds a
// run of leading `!`, and a `!` inside parentheses stays a node of its own, so `!(!has(a))` prints
// `!!has(a)` as Calico prints it (re-parsing that folds the run, an equal selector).
import type { SelectorNode, StringLiteral } from './ast';

/** Orders strings by Unicode code point (as Calico's byte-wise UTF-8 sort does), not UTF-16 unit. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral characters) sort after every other BMP unit in code point order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** The distinct values of a set, in canonical order. */
export function canonicalSetValues(values: readonly StringLiteral[]): string[] {
  const unique = [...new Set(values.map((v) => v.value))];
  return unique.sort(compareCodePoints);
}

export function quoteValue(value: string): string {
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

export function printSelector(ast: SelectorNode): string {
  switch (ast.kind) {
    case 'all':
      return 'all()';
    case 'global':
      return 'global()';
    case 'has':
      return `has(${ast.key.name})`;
    case 'compare':
      return `${ast.key.name} ${ast.operator} ${quoteValue(ast.value.value)}`;
    case 'set':
      return `${ast.key.name} ${ast.operator} {${canonicalSetValues(ast.values).map(quoteValue).join(', ')}}`;
    case 'not':
      return `!${printSelector(ast.operand)}`;
    case 'and':
      return `(${ast.operands.map(printSelector).join(' && ')})`;
    case 'or':
      return `(${ast.operands.map(printSelector).join(' || ')})`;
  }
}
