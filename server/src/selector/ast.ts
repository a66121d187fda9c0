// The selector AST. Every node carries the span of selector text it came from (offsets into the
// selector string, end exclusive), so diagnostics, hover and semantic tokens can point at it exactly.
// Every AST comes from the parser, which caps nesting (MAX_SELECTOR_NESTING), so recursive walks are bounded.

export interface Span {
  start: number;
  end: number;
}

/** A label key as written, e.g. `app` or `projectcalico.org/name`. */
export interface LabelRef {
  name: string;
  span: Span;
}

/** A quoted string literal; `value` is the text between the quotes (Calico has no escapes). */
export interface StringLiteral {
  value: string;
  quote: '"' | "'";
  span: Span;
}

export type ComparisonOperator = '==' | '!=' | 'contains' | 'starts with' | 'ends with';
export type SetOperator = 'in' | 'not in';

export type SelectorNode =
  | AllNode
  | GlobalNode
  | HasNode
  | ComparisonNode
  | SetNode
  | NotNode
  | AndNode
  | OrNode;

/** `all()`; also the meaning of an empty or blank selector (then `implicit` is true). */
export interface AllNode {
  kind: 'all';
  implicit?: boolean;
  span: Span;
}

export interface GlobalNode {
  kind: 'global';
  span: Span;
}

export interface HasNode {
  kind: 'has';
  key: LabelRef;
  span: Span;
}

export interface ComparisonNode {
  kind: 'compare';
  key: LabelRef;
  operator: ComparisonOperator;
  operatorSpan: Span;
  value: StringLiteral;
  span: Span;
}

export interface SetNode {
  kind: 'set';
  key: LabelRef;
  operator: SetOperator;
  operatorSpan: Span;
  values: StringLiteral[];
  span: Span;
}

export interface NotNode {
  kind: 'not';
  operand: SelectorNode;
  span: Span;
}

/** Two or more operands joined by `&&` (flattened: `a && b && c` is one node). */
export interface AndNode {
  kind: 'and';
  operands: SelectorNode[];
  span: Span;
}

/** Two or more operands joined by `||` (flattened). */
export interface OrNode {
  kind: 'or';
  operands: SelectorNode[];
  span: Span;
}
