// Bounds on what one YAML document may cost to read: nesting depth, syntax errors kept, alias expansion.
import { YAMLParseError, type CST, type ErrorCode } from 'yaml';

/** Deeper than any real manifest (CRD schemas stay well under 100), shallow enough for every recursive reader. */
export const MAX_NESTING = 256;
/** Syntax errors kept per document; the rest are only counted (one stray token each can mean 100,000s). */
export const MAX_SYNTAX_ERRORS = 100;
/** Nodes that aliases of one document may add when expanded (a "billion laughs" file adds billions). */
export const MAX_ALIAS_EXPANSION = 100_000;

/** A problem the document layer found itself; `rule` is the diagnostic code the validator reports it as. */
export class DocumentLimitError extends YAMLParseError {
  constructor(
    pos: [number, number],
    code: ErrorCode,
    message: string,
    readonly rule: 'YAML-TOO-DEEP' | 'YAML-COMPLEX-KEY' | 'YAML-ALIAS-LIMIT' | 'YAML-DUP-KEY' | 'INTERNAL',
  ) {
    super(pos, code, message);
  }
}

export function tooDeepError(at: number): DocumentLimitError {
  return new DocumentLimitError(
    [at, at + 1],
    'RESOURCE_EXHAUSTION',
    `the YAML is nested more than ${MAX_NESTING} levels deep here; this document is not checked further`,
    'YAML-TOO-DEEP',
  );
}

type Item = { key?: CST.Token | null; value?: CST.Token };

/**
 * Where a CST document first nests deeper than MAX_NESTING collections (the offset of the collection that is one
 * too many), or undefined. An explicit stack: the tree may be far deeper than the call stack allows.
 */
export function tooDeepAt(token: CST.Token): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = [{ token, depth: 0 }];
  while (stack.length > 0) {
    const { token: t, depth } = stack.pop()!;
    if (t.type === 'document') {
      if (t.value) stack.push({ token: t.value, depth });
      continue;
    }
    if (t.type !== 'block-map' && t.type !== 'block-seq' && t.type !== 'flow-collection') continue;
    if (depth + 1 > MAX_NESTING) return t.type === 'flow-collection' ? t.start.offset : t.offset;
    const items = t.items as Item[];
    // Pushed in reverse so the first item is examined first: the earliest too-deep place is reported.
    for (let i = items.length - 1; i >= 0; i--) {
      const { key, value } = items[i];
      if (value) stack.push({ token: value, depth: depth + 1 });
      if (key) stack.push({ token: key, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Where one line opens more than MAX_NESTING collections with indicators (`- - - …`, `? ? …`, with anchors or
 * tags between them), or undefined. The library's CST parser recurses once per such indicator, so this cheap
 * scan of the text runs before it; nesting across lines and flow brackets are counted on the CST (tooDeepAt).
 */
export function compactNestingAt(text: string): number | undefined {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let count = 0;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    for (;;) {
      const c = text[i];
      const next = text[i + 1];
      const endsToken = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
      if ((c === '-' || c === '?' || c === ':') && endsToken) {
        if (++count > MAX_NESTING) return i;
        i++;
      } else if (c === '&' || c === '!') {
        while (i < n && text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\n') i++;
      } else break;
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    }
    const nl = text.indexOf('\n', i);
    i = nl < 0 ? n : nl + 1;
  }
  return undefined;
}
