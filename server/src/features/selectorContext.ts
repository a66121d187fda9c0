// Cursor → selector position: what kind of thing may be typed at an offset inside selector text
// (a label key, an operator, a value, a set member…), worked out from the lenient tokenizer.
import { isPolicyKind } from '../schema';
import { Scalar, isScalar } from 'yaml';
import { tokenizeSelector, isLabelChar, type SelectorToken } from '../selector/tokenizer';
import { documentAt, locate, selectorSites, fileOffsetToValueOffset, valueOffsetToFileOffset, valueRangeToFileRange } from '../document';
import type { ParsedDocument, ParsedFile, ResourceInfo, SelectorField, SelectorSite } from '../document';

export type SelectorPosition =
  /** Where an expression may start: label keys, `has(`, `all()`, `global()`, `!`, `(`. */
  | { kind: 'expression'; afterNot: boolean }
  /** Typing a label key (a prefix is already written). */
  | { kind: 'label' }
  /** Inside `has( … )`: only label keys. */
  | { kind: 'has-argument' }
  /** Right after a label key and a blank: an operator. */
  | { kind: 'operator'; key: string }
  /** After `==`, `!=`, `contains`, `starts with`, `ends with`: a quoted value. */
  | { kind: 'value'; key: string; operator: string; quote?: '"' | "'" }
  /** After `in` / `not in`: a set `{ … }`. */
  | { kind: 'set'; key: string; operator: string }
  /** Inside `{ … }` of a set: a quoted member (members already present are listed). */
  | { kind: 'set-member'; key: string; operator: string; present: string[]; quote?: '"' | "'" }
  /** After a complete term: `&&`, `||`, or `)`. */
  | { kind: 'after-term' }
  /** Nothing sensible can be offered (e.g. after a syntax error). */
  | { kind: 'none' };

export interface SelectorCursorInfo {
  position: SelectorPosition;
  /** Selector-text range of the word being replaced by a completion (start ≤ cursor ≤ end). */
  replaceStart: number;
  replaceEnd: number;
  /** The already typed part of that word. */
  prefix: string;
  tokens: SelectorToken[];
}

const VALUE_OPERATORS = new Set(['==', '!=', 'contains', 'starts with', 'ends with']);

export function selectorCursor(text: string, offset: number): SelectorCursorInfo {
  const { tokens } = tokenizeSelector(text);
  const cursor = Math.max(0, Math.min(offset, text.length));
  const base = { tokens, replaceStart: cursor, replaceEnd: cursor, prefix: '' };

  // A token the cursor is inside of, or at the end of (for words being typed).
  const current = tokens.find((t) => t.start < cursor && cursor <= t.end && (t.kind === 'label' || t.kind === 'string' || t.kind === 'function'));
  if (current && current.kind === 'string') {
    const closed = current.text.length >= 2 && current.text.endsWith(current.text[0]);
    if (closed && cursor === current.end) {
      // Just after a closing quote: the term may be complete.
      return { ...base, position: afterToken(tokens, tokens.indexOf(current)) };
    }
    const before = tokens.slice(0, tokens.indexOf(current));
    const ctx = valueContext(before);
    const quote = current.text[0] as '"' | "'";
    const replaceEnd = closed ? current.end : Math.max(cursor, wordEnd(text, cursor));
    const info = { ...base, replaceStart: current.start, replaceEnd, prefix: text.slice(current.start + 1, cursor) };
    if (ctx?.kind === 'value') return { ...info, position: { ...ctx, quote } };
    if (ctx?.kind === 'set-member') return { ...info, position: { ...ctx, quote } };
    return { ...base, position: { kind: 'none' } };
  }
  if (current && (current.kind === 'label' || current.kind === 'function')) {
    const index = tokens.indexOf(current);
    const info = { ...base, replaceStart: current.start, replaceEnd: current.end, prefix: text.slice(current.start, cursor) };
    const prev = tokens[index - 1];
    const prev2 = tokens[index - 2];
    if (prev?.kind === 'paren' && prev.text === '(' && prev2?.kind === 'function' && prev2.text === 'has') {
      return { ...info, position: { kind: 'has-argument' } };
    }
    const beforeCtx = contextAfter(tokens, index - 1);
    if (beforeCtx.kind === 'expression') return { ...info, position: { kind: 'label' } };
    if (beforeCtx.kind === 'operator') return { ...info, position: beforeCtx };
    return { ...info, position: beforeCtx };
  }
  const lastBefore = lastTokenBefore(tokens, cursor);
  return { ...base, position: contextAfter(tokens, lastBefore) };
}

/** Index of the last token ending at or before `cursor`, or -1. */
function lastTokenBefore(tokens: SelectorToken[], cursor: number): number {
  let last = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].end <= cursor) last = i;
    else break;
  }
  return last;
}

function wordStart(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && isLabelChar(text.charCodeAt(i - 1))) i--;
  return i;
}

function wordEnd(text: string, cursor: number): number {
  let i = cursor;
  while (i < text.length && isLabelChar(text.charCodeAt(i))) i++;
  return i;
}

/** What may follow the token at `index` (-1 = start of text). */
function contextAfter(tokens: SelectorToken[], index: number): SelectorPosition {
  if (index < 0) return { kind: 'expression', afterNot: false };
  const t = tokens[index];
  switch (t.kind) {
    case 'logical':
      return { kind: 'expression', afterNot: t.text === '!' };
    case 'paren':
      if (t.text === '(') {
        const fn = tokens[index - 1];
        if (fn?.kind === 'function') return fn.text === 'has' ? { kind: 'has-argument' } : { kind: 'none' };
        return { kind: 'expression', afterNot: false };
      }
      return { kind: 'after-term' };
    case 'label': {
      const prev = tokens[index - 1];
      const prev2 = tokens[index - 2];
      if (prev?.kind === 'paren' && prev.text === '(' && prev2?.kind === 'function' && prev2.text === 'has') return { kind: 'none' };
      return { kind: 'operator', key: t.text };
    }
    case 'operator': {
      const key = tokens[index - 1]?.kind === 'label' ? tokens[index - 1].text : '';
      const op = t.value ?? t.text;
      if (VALUE_OPERATORS.has(op)) return { kind: 'value', key, operator: op };
      return { kind: 'set', key, operator: op };
    }
    case 'string':
      return afterToken(tokens, index);
    case 'brace':
      if (t.text === '{') return setMemberContext(tokens, index) ?? { kind: 'none' };
      return { kind: 'after-term' };
    case 'comma':
      return setMemberContext(tokens, index) ?? { kind: 'none' };
    case 'function':
      return { kind: 'none' };
  }
}

/** After a string literal: inside a set more members may follow, else the term is complete. */
function afterToken(tokens: SelectorToken[], index: number): SelectorPosition {
  const set = setMemberContext(tokens, index);
  if (set) return { kind: 'none' };
  return { kind: 'after-term' };
}

/** The value context for a string token preceded by `before`. */
function valueContext(before: SelectorToken[]): SelectorPosition | undefined {
  const last = before.length - 1;
  if (last < 0) return undefined;
  const t = before[last];
  if (t.kind === 'operator') {
    const ctx = contextAfter(before, last);
    return ctx.kind === 'value' ? ctx : undefined;
  }
  if (t.kind === 'brace' || t.kind === 'comma') return setMemberContext(before, last);
  return undefined;
}

/** If the token at `index` is inside an open `{ … }` set, the set-member context. */
function setMemberContext(tokens: SelectorToken[], index: number): (SelectorPosition & { kind: 'set-member' }) | undefined {
  const present: string[] = [];
  for (let i = index; i >= 0; i--) {
    const t = tokens[i];
    if (t.kind === 'string') present.unshift(t.value ?? '');
    else if (t.kind === 'comma') continue;
    else if (t.kind === 'brace' && t.text === '{') {
      const op = tokens[i - 1];
      const key = tokens[i - 2];
      if (op?.kind !== 'operator') return undefined;
      return {
        kind: 'set-member',
        key: key?.kind === 'label' ? key.text : '',
        operator: op.value ?? op.text,
        present,
      };
    } else return undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Where in a file the cursor sits inside a selector string.

/** How the YAML scalar holding the selector is written; decides how values must be quoted. */
export type ScalarStyle = 'plain' | 'double' | 'single' | 'block' | 'none';

export interface SelectorAtCursor {
  /** The selector field's description (a real site, or one made up for an empty value). */
  site: Pick<SelectorSite, 'field' | 'level' | 'direction' | 'side' | 'ruleIndex' | 'path' | 'resource'>;
  document: ParsedDocument;
  scalar?: Scalar;
  /** Selector text as Calico sees it, extended by blanks typed after a plain scalar. */
  text: string;
  /** Cursor offset in `text`. */
  valueOffset: number;
  style: ScalarStyle;
  /** Maps an offset in `text` to a file offset. */
  toFile(valueOffset: number): number;
  /** Sibling selectors of the same rule side (for the namespace a rule selector talks about). */
  siblings: SelectorSite[];
}

const SELECTOR_FIELDS = new Set(['selector', 'notSelector', 'namespaceSelector', 'serviceAccountSelector']);

function styleOf(scalar: Scalar): ScalarStyle {
  switch (scalar.type) {
    case Scalar.QUOTE_DOUBLE:
      return 'double';
    case Scalar.QUOTE_SINGLE:
      return 'single';
    case Scalar.BLOCK_FOLDED:
    case Scalar.BLOCK_LITERAL:
      return 'block';
    default:
      return 'plain';
  }
}

/** The selector string the cursor is in (or an empty selector value being typed), if any. */
export function selectorAt(file: ParsedFile, offset: number): SelectorAtCursor | undefined {
  const document = documentAt(file, offset);
  if (!document) return undefined;
  const sites = selectorSites(document);
  for (const site of sites) {
    const scalar = site.scalar;
    const range = scalar.range;
    if (!range || offset < range[0] || offset > range[2]) continue;
    const style = styleOf(scalar);
    const siblings = sites.filter((s) => s !== site && s.level === site.level && s.direction === site.direction && s.ruleIndex === site.ruleIndex && s.side === site.side);
    const valueOffset = fileOffsetToValueOffset(file, scalar, offset);
    if (valueOffset !== undefined) {
      return { site, document, scalar, text: site.text, valueOffset, style, siblings, toFile: (v) => valueOffsetToFileOffset(file, scalar, v) };
    }
    // Blanks typed after a plain scalar are not part of its value yet, but belong to the selector being typed.
    if (style === 'plain' && offset > range[1] && /^[ \t]*$/.test(file.text.slice(range[1], offset))) {
      const valueEnd = range[1];
      const length = site.text.length;
      const text = site.text + file.text.slice(valueEnd, offset);
      return {
        site, document, scalar, text, valueOffset: text.length, style, siblings,
        toFile: (v) => (v <= length ? valueOffsetToFileOffset(file, scalar, v) : valueEnd + (v - length)),
      };
    }
  }
  // An empty selector value (`selector: |`): nothing is written yet.
  const at = locate(file, offset);
  if (!at || !at.resource || !isPolicyKind(at.resource.kind) || at.resource.family === 'kubernetes') return undefined;
  const node = at.node;
  const emptyValue = at.on === 'value' && isScalar(node) && (node.value === null || node.value === '') && node.type === Scalar.PLAIN;
  if (!emptyValue) return undefined;
  const site = siteFromPath(at.path, at.resource);
  if (!site) return undefined;
  const sameSide = sites.filter((s) => s.level === site.level && s.direction === site.direction && s.ruleIndex === site.ruleIndex && s.side === site.side);
  return { site, document, text: '', valueOffset: 0, style: 'none', siblings: sameSide, toFile: () => offset };
}

/** Describes a selector field from its path, e.g. ['spec','ingress',0,'source','selector']. */
function siteFromPath(path: (string | number)[], resource: ResourceInfo): SelectorAtCursor['site'] | undefined {
  const last = path[path.length - 1];
  if (path[0] !== 'spec' || typeof last !== 'string') return undefined;
  if (path.length === 2 && (last === 'selector' || last === 'serviceAccountSelector' || last === 'namespaceSelector')) {
    return { field: last, level: 'policy', path, resource };
  }
  const [, direction, ruleIndex, side] = path;
  if ((direction !== 'ingress' && direction !== 'egress') || typeof ruleIndex !== 'number' || (side !== 'source' && side !== 'destination')) return undefined;
  const common = { level: 'rule' as const, direction: direction as 'ingress' | 'egress', ruleIndex, side: side as 'source' | 'destination', path, resource };
  if (path.length === 5 && SELECTOR_FIELDS.has(last) && last !== 'serviceAccountSelector') return { field: last as SelectorField, ...common };
  if (path.length === 6 && path[4] === 'serviceAccounts' && last === 'selector') return { field: 'serviceAccounts.selector', ...common };
  return undefined;
}

/**
 * Value-offset → file-offset mapping for a selector scalar. Single-line scalars without escapes map
 * by plain arithmetic; everything else goes through the document model's exact decoder.
 */
export function scalarRangeMapper(file: ParsedFile, scalar: Scalar, value: string): (start: number, end: number) => { start: number; end: number } {
  const range = scalar.range;
  if (range) {
    const source = file.text.slice(range[0], range[1]);
    const simple =
      !source.includes('\n') &&
      ((scalar.type === Scalar.PLAIN && source === value) ||
        ((scalar.type === Scalar.QUOTE_DOUBLE || scalar.type === Scalar.QUOTE_SINGLE) && source.length === value.length + 2 && source.slice(1, -1) === value));
    if (simple) {
      const base = range[0] + (scalar.type === Scalar.PLAIN ? 0 : 1);
      return (start, end) => ({ start: base + start, end: base + end });
    }
  }
  return (start, end) => valueRangeToFileRange(file, scalar, start, end);
}
