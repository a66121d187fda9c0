// Named selector errors. A parse reports the first real error with the exact span to underline.

export type SelectorErrorCode =
  | 'illegal-whitespace' // newline, CR or other non space/tab whitespace outside a string
  | 'unexpected-character' // a character that starts no token, e.g. `@`, `:`, lone `=`, `&`, `|`
  | 'unterminated-string' // a quote with no closing quote
  | 'label-too-long' // a label key over Calico's 512-character cap
  | 'space-before-paren' // `has (a)`, `all ()`: the keyword must touch its `(`
  | 'expected-label' // e.g. `has()` or `== "x"` with no label on the left
  | 'expected-operator' // a label not followed by a comparison or set operator
  | 'expected-string' // `a == b`, `a == 5`: the right side must be a quoted string
  | 'expected-set' // `a in "x"`: a set in braces is required
  | 'expected-set-item' // inside `{ }`: a quoted string or `}` was expected
  | 'expected-close-paren' // a `(` never closed
  | 'expected-expression' // an operator or end of text where an expression must start
  | 'nesting-too-deep' // a `(` more than MAX_SELECTOR_NESTING levels inside others
  | 'unexpected-token'; // something left over after a complete expression

export interface SelectorError {
  code: SelectorErrorCode;
  /** A sentence a person understands, e.g. "expected a quoted value after '==', found `b`". */
  message: string;
  /** Offset into the selector text of the first character to underline. */
  offset: number;
  /** Characters to underline (at least 1 unless the problem is at the end of the text). */
  length: number;
}
