// Finds selectors that can never match. Negations are pushed down to label tests, then each
// `&&` group's restrictions on every label are intersected. Only provable conflicts are reported.
import type { SelectorNode, Span } from './ast';
import { quoteValue, canonicalSetValues } from './printer';

type StringTest = 'contains' | 'starts with' | 'ends with';

/** One label test after pushing `!` down; `negated` string tests mean "absent, or the test fails". */
type Literal =
  | { t: 'never'; what: string; span: Span }
  | { t: 'present'; key: string; span: Span }
  | { t: 'absent'; key: string; span: Span }
  | { t: 'oneOf'; key: string; values: string[]; asSet: boolean; span: Span }
  | { t: 'noneOf'; key: string; values: string[]; asSet: boolean; span: Span }
  | { t: 'str'; key: string; test: StringTest; s: string; negated: boolean; span: Span };

type Formula = Literal | { t: 'always' } | { t: 'and'; items: Formula[]; span: Span } | { t: 'or'; items: Formula[]; span: Span };

export interface Contradiction {
  message: string;
  span: Span;
}

function toFormula(node: SelectorNode, negated: boolean, span: Span): Formula {
  switch (node.kind) {
    case 'all':
    case 'global':
      return negated ? { t: 'never', what: `!${node.kind}()`, span } : { t: 'always' };
    case 'has':
      return { t: negated ? 'absent' : 'present', key: node.key.name, span };
    case 'compare': {
      const key = node.key.name;
      const v = node.value.value;
      if (node.operator === '==' || node.operator === '!=') {
        const positive = (node.operator === '==') !== negated;
        return { t: positive ? 'oneOf' : 'noneOf', key, values: [v], asSet: false, span };
      }
      return { t: 'str', key, test: node.operator, s: v, negated, span };
    }
    case 'set': {
      const positive = (node.operator === 'in') !== negated;
      return { t: positive ? 'oneOf' : 'noneOf', key: node.key.name, values: canonicalSetValues(node.values), asSet: true, span };
    }
    case 'not': {
      const leaf = node.operand.kind !== 'and' && node.operand.kind !== 'or' && node.operand.kind !== 'not';
      return toFormula(node.operand, !negated, leaf ? span : node.operand.span);
    }
    case 'and':
    case 'or': {
      // De Morgan: a negated `&&` is an `||` of negations and vice versa.
      const items = node.operands.map((o) => toFormula(o, negated, o.span));
      return (node.kind === 'and') !== negated ? { t: 'and', items, span: node.span } : { t: 'or', items, span: node.span };
    }
  }
}

function describe(l: Literal): string {
  switch (l.t) {
    case 'never':
      return `\`${l.what}\``;
    case 'present':
      return `\`has(${l.key})\``;
    case 'absent':
      return `\`!has(${l.key})\``;
    case 'oneOf':
      return l.asSet ? `\`${l.key} in {${l.values.map(quoteValue).join(', ')}}\`` : `\`${l.key} == ${quoteValue(l.values[0])}\``;
    case 'noneOf':
      return l.asSet ? `\`${l.key} not in {${l.values.map(quoteValue).join(', ')}}\`` : `\`${l.key} != ${quoteValue(l.values[0])}\``;
    case 'str':
      return l.negated ? `\`!${l.key} ${l.test} ${quoteValue(l.s)}\`` : `\`${l.key} ${l.test} ${quoteValue(l.s)}\``;
  }
}

function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function conflict(a: Literal, b: Literal, why: string): Contradiction {
  return { message: `this selector can never match: ${describe(a)} and ${describe(b)} ${why}`, span: cover(a.span, b.span) };
}

function passesTest(value: string, test: StringTest, s: string): boolean {
  return test === 'contains' ? value.includes(s) : test === 'starts with' ? value.startsWith(s) : value.endsWith(s);
}

/** True when every value passing the positive test `p` also passes the test `n`. */
function implies(p: Extract<Literal, { t: 'str' }>, n: Extract<Literal, { t: 'str' }>): boolean {
  if (n.test === 'contains') return p.s.includes(n.s);
  if (n.test === 'starts with') return p.test === 'starts with' && p.s.startsWith(n.s);
  return p.test === 'ends with' && p.s.endsWith(n.s);
}

/** Checks the label tests of one `&&` group for a conflict. */
function checkLiterals(literals: readonly Literal[]): Contradiction | undefined {
  const byKey = new Map<string, Literal[]>();
  for (const l of literals) {
    if (l.t === 'never') return { message: `this selector can never match: ${describe(l)} matches nothing`, span: l.span };
    const list = byKey.get(l.key);
    if (list) list.push(l);
    else byKey.set(l.key, [l]);
  }
  for (const [key, list] of byKey) {
    const found = checkKey(key, list);
    if (found) return found;
  }
  return undefined;
}

function checkKey(key: string, list: readonly Literal[]): Contradiction | undefined {
  let requiresPresence: Literal | undefined;
  let absent: Literal | undefined;
  let allowed: Set<string> | undefined;
  let narrowedBy: Literal | undefined;
  const strTests: Extract<Literal, { t: 'str' }>[] = [];
  for (const l of list) {
    if (l.t === 'absent') absent ??= l;
    else if (l.t === 'present' || l.t === 'oneOf' || (l.t === 'str' && !l.negated)) requiresPresence ??= l;
    if (l.t === 'str') strTests.push(l);
    if (l.t === 'oneOf') {
      if (l.values.length === 0) return { message: `this selector can never match: ${describe(l)} has an empty set`, span: l.span };
      if (!allowed) {
        allowed = new Set(l.values);
        narrowedBy = l;
      } else {
        const next = new Set(l.values.filter((v) => allowed!.has(v)));
        if (next.size === 0) return conflict(narrowedBy!, l, `require different values of \`${key}\``);
        allowed = next;
        narrowedBy = l;
      }
    }
  }
  if (requiresPresence && absent) return conflict(requiresPresence, absent, `need label \`${key}\` both present and absent`);
  if (!requiresPresence) return undefined; // Absence satisfies every remaining test.
  if (allowed && narrowedBy) {
    // A finite set of candidate values: test each one exactly.
    for (const l of list) {
      if (l.t === 'noneOf') {
        for (const v of l.values) allowed.delete(v);
        if (allowed.size === 0) return conflict(narrowedBy, l, `leave no possible value for \`${key}\``);
      } else if (l.t === 'str') {
        for (const v of [...allowed]) if (passesTest(v, l.test, l.s) === l.negated) allowed.delete(v);
        if (allowed.size === 0) return conflict(narrowedBy, l, `leave no possible value for \`${key}\``);
      }
    }
    return undefined;
  }
  const positives = strTests.filter((l) => !l.negated);
  const negatives = strTests.filter((l) => l.negated);
  for (let i = 0; i < positives.length; i++) {
    for (let j = i + 1; j < positives.length; j++) {
      const a = positives[i];
      const b = positives[j];
      if (a.test === 'starts with' && b.test === 'starts with' && !a.s.startsWith(b.s) && !b.s.startsWith(a.s)) {
        return conflict(a, b, `need \`${key}\` to start two different ways`);
      }
      if (a.test === 'ends with' && b.test === 'ends with' && !a.s.endsWith(b.s) && !b.s.endsWith(a.s)) {
        return conflict(a, b, `need \`${key}\` to end two different ways`);
      }
    }
  }
  for (const n of negatives) {
    if (n.s === '') return conflict(requiresPresence, n, `cannot both hold: every value of \`${key}\` passes ${describe({ ...n, negated: false })}`);
    for (const p of positives) if (implies(p, n)) return conflict(p, n, `cannot both hold for any value of \`${key}\``);
  }
  return undefined;
}

/** Is `formula`, AND-ed with `context`, unsatisfiable? */
function never(formula: Formula, context: readonly Literal[]): Contradiction | undefined {
  if (formula.t === 'always') return checkLiterals(context);
  if (formula.t === 'or') {
    let first: Contradiction | undefined;
    for (const branch of formula.items) {
      const found = never(branch, context);
      if (!found) return undefined;
      first ??= found;
    }
    if (formula.items.length === 1) return first;
    const rest = context.length > 0 ? ' together with the conditions it is combined with' : '';
    return { message: `this selector can never match: no alternative of this \`||\` group can match${rest}`, span: formula.span };
  }
  if (formula.t !== 'and') return checkLiterals([...context, formula]);
  // Gather the group's own tests (flattening nested `&&`), then try each `||` member against them.
  const literals = [...context];
  const alternatives: Formula[] = [];
  const gather = (f: Formula): void => {
    if (f.t === 'and') f.items.forEach(gather);
    else if (f.t === 'or') alternatives.push(f);
    else if (f.t !== 'always') literals.push(f);
  };
  gather(formula);
  const direct = checkLiterals(literals);
  if (direct) return direct;
  for (const alt of alternatives) {
    const found = never(alt, literals);
    if (found) return found;
  }
  return undefined;
}

/** Returns why the selector can never match, or undefined if some labels could match it. */
export function findContradiction(ast: SelectorNode): Contradiction | undefined {
  return never(toFormula(ast, false, ast.span), []);
}
