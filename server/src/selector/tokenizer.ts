// Splits selector text into tokens with source offsets, for highlighting, completion and tests.
import type { SelectorError } from './errors';
import { SelectorLexer, Tok as TokenKind, MAX_LABEL_LENGTH, isLabelChar } from './lexer';

// Local alias: under per-file transpilers every read of an imported binding is a getter call.
const Tok = TokenKind;
type Tok = TokenKind;

export { MAX_LABEL_LENGTH, isLabelChar, isIllegalWhitespace, quoteSnippet } from './lexer';

export type SelectorTokenKind = 'label' | 'string' | 'operator' | 'logical' | 'function' | 'paren' | 'brace' | 'comma';

export interface SelectorToken {
  kind: SelectorTokenKind;
  start: number;
  end: number;
  /** The token's source text, e.g. `not   in` or `"x"`. */
  text: string;
  /** For string tokens: the text between the quotes; for operators: the canonical spelling (`startswith` → `starts with`). */
  value?: string;
}

export interface SelectorTokens {
  tokens: SelectorToken[];
  error?: SelectorError;
}

const publicKinds: Record<Tok, SelectorTokenKind> = {
  [Tok.Label]: 'label',
  [Tok.String]: 'string',
  [Tok.Eq]: 'operator',
  [Tok.Ne]: 'operator',
  [Tok.In]: 'operator',
  [Tok.NotIn]: 'operator',
  [Tok.Contains]: 'operator',
  [Tok.StartsWith]: 'operator',
  [Tok.EndsWith]: 'operator',
  [Tok.Not]: 'logical',
  [Tok.And]: 'logical',
  [Tok.Or]: 'logical',
  [Tok.Has]: 'function',
  [Tok.All]: 'function',
  [Tok.Global]: 'function',
  [Tok.LParen]: 'paren',
  [Tok.RParen]: 'paren',
  [Tok.LBrace]: 'brace',
  [Tok.RBrace]: 'brace',
  [Tok.Comma]: 'comma',
  [Tok.End]: 'comma', // never emitted
  [Tok.Error]: 'comma', // never emitted
};

const operatorSpellings: Partial<Record<Tok, string>> = {
  [Tok.Eq]: '==',
  [Tok.Ne]: '!=',
  [Tok.In]: 'in',
  [Tok.NotIn]: 'not in',
  [Tok.Contains]: 'contains',
  [Tok.StartsWith]: 'starts with',
  [Tok.EndsWith]: 'ends with',
};

/** True if `label` is a complete, valid label key (1–512 label characters). */
export function isValidLabelKey(label: string): boolean {
  if (label.length === 0 || label.length > MAX_LABEL_LENGTH) return false;
  for (let i = 0; i < label.length; i++) if (!isLabelChar(label.charCodeAt(i))) return false;
  return true;
}

/**
 * Tokenizes leniently: the first problem is returned as `error`, and tokenizing carries on after
 * the bad character so highlighting and completion still see the rest of the text.
 */
export function tokenizeSelector(text: string): SelectorTokens {
  const lexer = new SelectorLexer(text, false);
  const tokens: SelectorToken[] = [];
  while (lexer.next() !== Tok.End) {
    const { start, end } = lexer;
    const source = text.slice(start, end);
    if (lexer.kind === Tok.String) {
      const closed = end - start >= 2 && text[end - 1] === text[start];
      tokens.push({ kind: 'string', start, end, text: source, value: text.slice(start + 1, closed ? end - 1 : end) });
    } else {
      const operator = operatorSpellings[lexer.kind];
      tokens.push(operator ? { kind: 'operator', start, end, text: source, value: operator } : { kind: publicKinds[lexer.kind], start, end, text: source });
    }
  }
  return lexer.error ? { tokens, error: lexer.error } : { tokens };
}
