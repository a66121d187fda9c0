// Public API of the selector engine: tokenize, parse, evaluate, print, compare and analyse.
import type { SelectorNode } from './ast';
import { parseSelector } from './parser';

export * from './ast';
export * from './errors';
export { tokenizeSelector, isValidLabelKey, MAX_LABEL_LENGTH } from './tokenizer';
export type { SelectorToken, SelectorTokenKind, SelectorTokens } from './tokenizer';
export { parseSelector, validateSelector, MAX_SELECTOR_NESTING } from './parser';
export type { SelectorParseResult } from './parser';
export { evaluateSelector } from './evaluate';
export { printSelector } from './printer';
export { selectorsEqual } from './equality';
export { findContradiction } from './contradictions';
export type { Contradiction } from './contradictions';
export { labelReferences } from './references';

/** Parses and returns the AST, or undefined if the text is not a valid selector. */
export function parseSelectorOrUndefined(text: string): SelectorNode | undefined {
  const result = parseSelector(text);
  return result.ok ? result.ast : undefined;
}
