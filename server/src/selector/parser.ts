// Recursive-descent parser for Calico selectors (grammar in docs/selector.md): `!` binds tighter than `&&`,
// which binds tighter than `||`. Reports the first real error with its exact span; never throws.
// In validate-only mode it builds no AST, which is the fast path behind validateSelector.
import type { SelectorNode, StringLiteral, LabelRef, ComparisonOperator, SetOperator, Span } from './ast';
import type { SelectorError, SelectorErrorCode } from './errors';
import { SelectorLexer, Tok as TokenKind, quoteSnippet } from './lexer';

// Local alias: under per-file transpilers every read of an imported binding is a getter call.
const Tok = TokenKind;
type Tok = TokenKind;

export type SelectorParseResult = { ok: true; ast: SelectorNode } | { ok: false; error: SelectorError };

/** Thrown inside the parser only; parseSelector turns it into a result. */
class ParseFailure {
  constructor(readonly error: SelectorError) {}
}

const comparisonOperators: Partial<Record<Tok, ComparisonOperator>> = {
  [Tok.Eq]: '==',
  [Tok.Ne]: '!=',
  [Tok.Contains]: 'contains',
  [Tok.StartsWith]: 'starts with',
  [Tok.EndsWith]: 'ends with',
};

const logicalWords: Record<string, string> = { and: '&&', AND: '&&', And: '&&', or: '||', OR: '||', Or: '||', not: '!', NOT: '!', Not: '!' };

/**
 * Parentheses nested deeper than this are an error (Calico sets no limit, but no real selector comes close).
 * It bounds every AST to at most 2 × MAX_SELECTOR_NESTING + 2 levels, so recursive walks over it are safe.
 */
export const MAX_SELECTOR_NESTING = 100;

/** Stands in for every node when validating only. */
const placeholder: SelectorNode = { kind: 'all', span: { start: 0, end: 0 } };

class Parser {
  private readonly lexer: SelectorLexer;
  /** End offset of the last consumed token. */
  private lastEnd = 0;
  /** Start offset and text of the last consumed token, for messages. */
  private lastStart = -1;
  /** Parentheses open around the current token. */
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly build: boolean,
  ) {
    this.lexer = new SelectorLexer(text, true);
    this.lexer.next();
  }

  parseRoot(): SelectorNode {
    if (this.peek() === Tok.End) return this.build ? { kind: 'all', implicit: true, span: { start: 0, end: this.text.length } } : placeholder;
    const node = this.parseOr();
    const extra = this.peek();
    if (extra !== Tok.End) {
      if (extra === Tok.RParen) this.fail('unexpected-token', 'unexpected `)` with no matching `(`');
      const word = this.tokenText();
      if (extra === Tok.Label && Object.hasOwn(logicalWords, word)) {
        this.fail('unexpected-token', `${quoteSnippet(word)} is not a selector operator; use \`${logicalWords[word]}\``);
      }
      this.fail('unexpected-token', `unexpected ${quoteSnippet(word)} after a complete expression; join expressions with \`&&\` or \`||\``);
    }
    return node;
  }

  /** The kind of the next token; a scanner error is the first error, so it is thrown here. */
  private peek(): Tok {
    const kind = this.lexer.kind;
    if (kind === Tok.Error) throw new ParseFailure(this.lexer.error!);
    return kind;
  }

  private consume(): void {
    this.lastStart = this.lexer.start;
    this.lastEnd = this.lexer.end;
    this.lexer.next();
  }

  private tokenText(): string {
    return this.text.slice(this.lexer.start, this.lexer.end);
  }

  /** Fails at the current token (or at the end of the text, with length 0). */
  private fail(code: SelectorErrorCode, message: string): never {
    const { start, end } = this.lexer;
    throw new ParseFailure({ code, message, offset: start, length: end - start });
  }

  private found(): string {
    return this.lexer.kind === Tok.End ? 'the end of the selector' : quoteSnippet(this.tokenText());
  }

  private previous(): string {
    return this.text.slice(this.lastStart, this.lastEnd);
  }

  private parseOr(): SelectorNode {
    const start = this.lexer.start;
    const first = this.parseAnd();
    if (this.peek() !== Tok.Or) return first;
    const operands: SelectorNode[] = [first];
    while (this.peek() === Tok.Or) {
      this.consume();
      const operand = this.parseAnd();
      if (this.build) operands.push(operand);
    }
    return this.build ? { kind: 'or', operands, span: { start, end: this.lastEnd } } : placeholder;
  }

  private parseAnd(): SelectorNode {
    const start = this.lexer.start;
    const first = this.parseUnary();
    if (this.peek() !== Tok.And) return first;
    const operands: SelectorNode[] = [first];
    while (this.peek() === Tok.And) {
      this.consume();
      const operand = this.parseUnary();
      if (this.build) operands.push(operand);
    }
    return this.build ? { kind: 'and', operands, span: { start, end: this.lastEnd } } : placeholder;
  }

  private parseUnary(): SelectorNode {
    const start = this.lexer.start;
    let bangs = 0;
    while (this.peek() === Tok.Not) {
      bangs++;
      this.consume();
    }
    const operand = this.parsePrimary();
    // Like Calico, a run of `!` collapses: an even number cancels out.
    if (bangs % 2 === 0 || !this.build) return operand;
    return { kind: 'not', operand, span: { start, end: this.lastEnd } };
  }

  private parsePrimary(): SelectorNode {
    const kind = this.peek();
    switch (kind) {
      case Tok.Has:
      case Tok.All:
      case Tok.Global:
        return this.parseFunction(kind);
      case Tok.Label:
        return this.parseComparison();
      case Tok.LParen: {
        const open = { start: this.lexer.start, end: this.lexer.end };
        if (this.depth >= MAX_SELECTOR_NESTING) {
          this.fail('nesting-too-deep', `parentheses are nested more than ${MAX_SELECTOR_NESTING} deep here; simplify the selector`);
        }
        this.depth++;
        this.consume();
        const inner = this.parseOr();
        this.depth--;
        const close = this.peek();
        if (close === Tok.End) {
          throw new ParseFailure({
            code: 'expected-close-paren',
            message: 'this `(` is never closed; expected `)` before the end of the selector',
            offset: open.start,
            length: 1,
          });
        }
        if (close !== Tok.RParen) this.fail('expected-close-paren', `expected \`)\` to close the \`(\` at offset ${open.start}, found ${this.found()}`);
        this.consume();
        return inner;
      }
      case Tok.String:
        return this.fail('expected-label', `a comparison must start with a label key, not the string ${this.found()}`);
      case Tok.Eq:
      case Tok.Ne:
      case Tok.In:
      case Tok.NotIn:
      case Tok.Contains:
      case Tok.StartsWith:
      case Tok.EndsWith:
        return this.fail('expected-label', `expected a label key before ${this.found()}`);
      case Tok.End:
        return this.fail('expected-expression', this.lastStart >= 0 ? `expected an expression after ${quoteSnippet(this.previous())}, but the selector ends here` : 'expected an expression');
      default: {
        const where = this.lastStart >= 0 ? `after ${quoteSnippet(this.previous())}` : 'at the start of the selector';
        return this.fail('expected-expression', `expected an expression ${where}, found ${this.found()}`);
      }
    }
  }

  private parseFunction(kind: Tok): SelectorNode {
    const start = this.lexer.start;
    this.consume();
    this.consume(); // The scanner only makes a function token when `(` follows directly, so this is `(`.
    if (kind === Tok.Has) {
      if (this.peek() !== Tok.Label) this.fail('expected-label', `expected a label key inside \`has(\`, found ${this.found()}`);
      const keyStart = this.lexer.start;
      const keyEnd = this.lexer.end;
      this.consume();
      if (this.peek() !== Tok.RParen) {
        this.fail('expected-close-paren', `expected \`)\` after \`has(${this.text.slice(keyStart, keyEnd)}\`, found ${this.found()}`);
      }
      this.consume();
      if (!this.build) return placeholder;
      return { kind: 'has', key: { name: this.text.slice(keyStart, keyEnd), span: { start: keyStart, end: keyEnd } }, span: { start, end: this.lastEnd } };
    }
    const name = kind === Tok.All ? 'all' : 'global';
    if (this.peek() !== Tok.RParen) this.fail('expected-close-paren', `\`${name}(\` takes no arguments; expected \`)\`, found ${this.found()}`);
    this.consume();
    if (!this.build) return placeholder;
    return kind === Tok.All ? { kind: 'all', span: { start, end: this.lastEnd } } : { kind: 'global', span: { start, end: this.lastEnd } };
  }

  private parseComparison(): SelectorNode {
    const keyStart = this.lexer.start;
    const keyEnd = this.lexer.end;
    this.consume();
    const op = this.peek();
    const operatorSpan: Span = { start: this.lexer.start, end: this.lexer.end };
    if (op === Tok.In || op === Tok.NotIn) {
      this.consume();
      return this.parseSet(keyStart, keyEnd, op === Tok.In ? 'in' : 'not in', operatorSpan);
    }
    const operator = comparisonOperators[op];
    if (operator === undefined) {
      const label = this.text.slice(keyStart, keyEnd);
      if (op === Tok.LParen && (label === 'has' || label === 'all' || label === 'global')) {
        throw new ParseFailure({
          code: 'space-before-paren',
          message: `\`${label}\` must be followed directly by \`(\`; remove the space`,
          offset: keyEnd,
          length: this.lexer.start - keyEnd,
        });
      }
      this.fail('expected-operator', `expected an operator (==, !=, in, not in, contains, starts with or ends with) after label ${quoteSnippet(label)}, found ${this.found()}`);
    }
    this.consume();
    if (this.peek() !== Tok.String) this.fail('expected-string', `expected a quoted value after '${operator}', found ${this.found()}`);
    const value = this.literal();
    this.consume();
    if (!this.build) return placeholder;
    return { kind: 'compare', key: this.labelRef(keyStart, keyEnd), operator, operatorSpan, value: value!, span: { start: keyStart, end: this.lastEnd } };
  }

  private parseSet(keyStart: number, keyEnd: number, operator: SetOperator, operatorSpan: Span): SelectorNode {
    if (this.peek() !== Tok.LBrace) this.fail('expected-set', `expected a set such as {"a", "b"} after '${operator}', found ${this.found()}`);
    this.consume();
    const values: StringLiteral[] = [];
    while (this.peek() !== Tok.RBrace) {
      if (this.peek() !== Tok.String) this.fail('expected-set-item', `expected a quoted value or \`}\` in the set, found ${this.found()}`);
      const value = this.literal();
      if (value) values.push(value);
      this.consume();
      const after = this.peek();
      if (after === Tok.Comma) this.consume();
      else if (after !== Tok.RBrace) this.fail('expected-set-item', `expected \`,\` or \`}\` after a set value, found ${this.found()}`);
    }
    this.consume();
    if (!this.build) return placeholder;
    return { kind: 'set', key: this.labelRef(keyStart, keyEnd), operator, operatorSpan, values, span: { start: keyStart, end: this.lastEnd } };
  }

  private labelRef(start: number, end: number): LabelRef {
    return { name: this.text.slice(start, end), span: { start, end } };
  }

  /** The current string token as a literal (undefined when validating only). */
  private literal(): StringLiteral | undefined {
    if (!this.build) return undefined;
    const { start, end } = this.lexer;
    return { value: this.text.slice(start + 1, end - 1), quote: this.text.charCodeAt(start) === 0x27 ? "'" : '"', span: { start, end } };
  }
}

function run(text: string, build: boolean): SelectorParseResult {
  if (typeof text !== 'string') {
    return { ok: false, error: { code: 'unexpected-token', message: 'a selector must be a string', offset: 0, length: 0 } };
  }
  try {
    return { ok: true, ast: new Parser(text, build).parseRoot() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    // Unreachable by design (nesting is capped); kept so the parser still never throws.
    const reason = e instanceof RangeError ? 'the selector is nested too deeply' : String(e);
    return { ok: false, error: { code: e instanceof RangeError ? 'nesting-too-deep' : 'unexpected-token', message: `could not parse the selector: ${reason}`, offset: 0, length: text.length } };
  }
}

/** Parses selector text; the empty or blank selector is an implicit `all()`. Never throws. */
export function parseSelector(text: string): SelectorParseResult {
  return run(text, true);
}

/** The first error in the selector, or undefined if it is valid; builds no AST. Never throws. */
export function validateSelector(text: string): SelectorError | undefined {
  const result = run(text, false);
  return result.ok ? undefined : result.error;
}
