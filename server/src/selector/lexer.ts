// A streaming scanner for selector text following Calico's lexical rules (docs/selector.md). It produces one
// token at a time into its own fields, so the parser and validator allocate nothing per token.
import type { SelectorError } from './errors';

/** Token kinds, as small integers for speed. */
export enum Tok {
  Label,
  String,
  Eq,
  Ne,
  In,
  NotIn,
  Contains,
  StartsWith,
  EndsWith,
  Not,
  And,
  Or,
  Has,
  All,
  Global,
  LParen,
  RParen,
  LBrace,
  RBrace,
  Comma,
  /** End of the text. */
  End,
  /** The scanner hit an error at `start`; `error` describes it. */
  Error,
}

/** Calico caps a label key at 512 characters (newest tokenizer). */
export const MAX_LABEL_LENGTH = 512;

/** `a-z A-Z 0-9 _ . / -`: the characters a label key may contain. */
export function isLabelChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x5f || // _
    c === 0x2e || // .
    c === 0x2f || // /
    c === 0x2d // -
  );
}

/** Whitespace other than space and tab, which Calico rejects outside strings. */
export function isIllegalWhitespace(c: number): boolean {
  return (
    (c >= 0x0a && c <= 0x0d) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Quotes a piece of selector text for an error message, shortening long pieces. */
export function quoteSnippet(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `\`${short}\``;
}

const OPERATOR_HINT = '==, !=, in, not in, contains, starts with or ends with';

function skipBlanks(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) break;
    i++;
  }
  return i;
}

function labelRunEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n && isLabelChar(text.charCodeAt(i))) i++;
  return i;
}

/** True if the label-character run [start, end) is exactly `word`. */
function runIs(text: string, start: number, end: number, word: string): boolean {
  return end - start === word.length && text.startsWith(word, start);
}

export class SelectorLexer {
  kind: Tok = Tok.End;
  start = 0;
  end = 0;
  /** The first error met so far (the scanner skips bad characters and carries on). */
  error: SelectorError | undefined;
  private pos = 0;
  /** After a plain label (not the argument of has()), Calico only accepts an operator word. */
  private expectOperator = false;
  /** The token before `kind`, to recognise the argument of has(). */
  private prev: Tok = Tok.End;
  private prevLabelStart = 0;
  private prevLabelEnd = 0;

  /** @param stopAtError when true, the first error yields a `Tok.Error` token and scanning ends. */
  constructor(
    readonly text: string,
    private readonly stopAtError: boolean,
  ) {}

  /** Advances to the next token; `kind` is `Tok.End` at the end of the text. */
  next(): Tok {
    if (this.kind === Tok.Error) return Tok.Error;
    while (true) {
      const kind = this.scan();
      if (kind !== Tok.Error || this.stopAtError) {
        this.prev = this.kind;
        return (this.kind = kind);
      }
      // Lenient: the bad character was skipped; scan on.
    }
  }

  private fail(error: SelectorError, skipTo: number): Tok {
    this.error ??= error;
    this.start = error.offset;
    this.pos = skipTo;
    this.expectOperator = false;
    return Tok.Error;
  }

  private scan(): Tok {
    const text = this.text;
    const n = text.length;
    let i = skipBlanks(text, this.pos);
    const afterLabel = this.expectOperator;
    this.expectOperator = false;
    this.start = i;
    if (i >= n) {
      this.pos = this.end = n;
      return Tok.End;
    }
    const c = text.charCodeAt(i);
    let kind: Tok;
    switch (c) {
      case 0x28: // (
        kind = Tok.LParen;
        i++;
        break;
      case 0x29: // )
        kind = Tok.RParen;
        i++;
        break;
      case 0x7b: // {
        kind = Tok.LBrace;
        i++;
        break;
      case 0x7d: // }
        kind = Tok.RBrace;
        i++;
        break;
      case 0x2c: // ,
        kind = Tok.Comma;
        i++;
        break;
      case 0x22: // "
      case 0x27: {
        // ' — Calico strings have no escapes: the literal ends at the next identical quote.
        const close = text.indexOf(text[i], i + 1);
        if (close < 0) {
          this.error ??= { code: 'unterminated-string', message: `this string has no closing ${text[i]}`, offset: i, length: n - i };
          if (this.stopAtError) return this.fail(this.error, n);
          // Leniently, the rest of the text is the string, so highlighting still colours it.
          kind = Tok.String;
          i = n;
        } else {
          kind = Tok.String;
          i = close + 1;
        }
        break;
      }
      case 0x3d: // =
        if (text.charCodeAt(i + 1) !== 0x3d) {
          return this.fail({ code: 'unexpected-character', message: 'a single `=` is not an operator; use `==`', offset: i, length: 1 }, i + 1);
        }
        kind = Tok.Eq;
        i += 2;
        break;
      case 0x21: // !
        if (text.charCodeAt(i + 1) === 0x3d) {
          kind = Tok.Ne;
          i += 2;
        } else {
          kind = Tok.Not;
          i++;
        }
        break;
      case 0x26: // &
      case 0x7c: // |
        if (text.charCodeAt(i + 1) !== c) {
          const ch = text[i];
          return this.fail({ code: 'unexpected-character', message: `a single \`${ch}\` is not an operator; use \`${ch}${ch}\``, offset: i, length: 1 }, i + 1);
        }
        kind = c === 0x26 ? Tok.And : Tok.Or;
        i += 2;
        break;
      default:
        if (isLabelChar(c)) return this.scanWord(i, afterLabel);
        if (isIllegalWhitespace(c)) {
          const what = c === 0x0a ? 'a newline' : c === 0x0d ? 'a carriage return' : c === 0x0c ? 'a form feed' : c === 0x0b ? 'a vertical tab' : 'this kind of whitespace';
          return this.fail(
            { code: 'illegal-whitespace', message: `${what} is not allowed in a selector; only spaces and tabs may separate tokens`, offset: i, length: 1 },
            i + 1,
          );
        } else {
          const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
          return this.fail(
            {
              code: 'unexpected-character',
              message: `unexpected character ${quoteSnippet(text.slice(i, i + width))}; label keys may only contain letters, digits, '_', '.', '/' and '-'`,
              offset: i,
              length: width,
            },
            i + width,
          );
        }
    }
    this.pos = this.end = i;
    return kind;
  }

  private scanWord(start: number, afterLabel: boolean): Tok {
    const text = this.text;
    const wordEnd = labelRunEnd(text, start);
    if (afterLabel) {
      const op = this.operatorAt(start, wordEnd);
      if (op !== Tok.Error) return op;
      const prevLabel = this.text.slice(this.prevLabelStart, this.prevLabelEnd);
      this.error ??= {
        code: 'expected-operator',
        message: `expected an operator (${OPERATOR_HINT}) after label ${quoteSnippet(prevLabel)}, found ${quoteSnippet(text.slice(start, wordEnd))}`,
        offset: start,
        length: wordEnd - start,
      };
      if (this.stopAtError) return this.fail(this.error, wordEnd);
      // Leniently the word is taken as a label.
    } else if (text.charCodeAt(wordEnd) === 0x28) {
      // `has(`, `all(`, `global(` are keywords only when the parenthesis touches them.
      const fn = runIs(text, start, wordEnd, 'has') ? Tok.Has : runIs(text, start, wordEnd, 'all') ? Tok.All : runIs(text, start, wordEnd, 'global') ? Tok.Global : Tok.Error;
      if (fn !== Tok.Error) {
        this.pos = this.end = wordEnd;
        return fn;
      }
    }
    if (wordEnd - start > MAX_LABEL_LENGTH) {
      this.error ??= {
        code: 'label-too-long',
        message: `this label key is ${wordEnd - start} characters long; Calico allows at most ${MAX_LABEL_LENGTH}`,
        offset: start,
        length: wordEnd - start,
      };
      if (this.stopAtError) return this.fail(this.error, wordEnd);
    }
    // The label inside has( ... ) is followed by `)`, not by an operator.
    const hasArgument = this.kind === Tok.LParen && this.prev === Tok.Has; // `kind` is still the previous token
    this.expectOperator = !hasArgument;
    this.prevLabelStart = start;
    this.prevLabelEnd = wordEnd;
    this.pos = this.end = wordEnd;
    return Tok.Label;
  }

  /** The operator word starting at `start` (its label-character run ends at `wordEnd`), or Tok.Error. */
  private operatorAt(start: number, wordEnd: number): Tok {
    const text = this.text;
    let kind: Tok = Tok.Error;
    let end = wordEnd;
    switch (wordEnd - start) {
      case 2:
        if (runIs(text, start, wordEnd, 'in')) kind = Tok.In;
        break;
      case 3:
      case 4:
      case 6: {
        // Two-word operators may have any spaces/tabs between the words; they end at a word boundary.
        const [first, second, twoWordKind] = runIs(text, start, wordEnd, 'not')
          ? ['not', 'in', Tok.NotIn]
          : runIs(text, start, wordEnd, 'ends')
            ? ['ends', 'with', Tok.EndsWith]
            : runIs(text, start, wordEnd, 'starts')
              ? ['starts', 'with', Tok.StartsWith]
              : ['', '', Tok.Error];
        if (first) {
          const secondStart = skipBlanks(text, wordEnd);
          const secondEnd = labelRunEnd(text, secondStart);
          if (runIs(text, secondStart, secondEnd, second)) {
            kind = twoWordKind;
            end = secondEnd;
          }
        }
        break;
      }
      case 5:
        if (runIs(text, start, wordEnd, 'notin')) kind = Tok.NotIn;
        break;
      case 8:
        if (runIs(text, start, wordEnd, 'contains')) kind = Tok.Contains;
        else if (runIs(text, start, wordEnd, 'endswith')) kind = Tok.EndsWith;
        break;
      case 10:
        if (runIs(text, start, wordEnd, 'startswith')) kind = Tok.StartsWith;
        break;
    }
    if (kind !== Tok.Error) this.pos = this.end = end;
    return kind;
  }
}
