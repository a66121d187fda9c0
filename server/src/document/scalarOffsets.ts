// Maps between offsets in a scalar's decoded value and file offsets, for every YAML scalar style.
import { Scalar } from 'yaml';
import type { ParsedFile } from './types';

interface Decoded {
  value: string;
  /** map[i] = file offset of value character i; map[value.length] = the end of the value in the file. */
  map: number[];
}

// Offsets relative to the scalar's start, built once per scalar: a scalar object is only ever reused (moved) with
// its text unchanged (document/parse.ts reuses whole unchanged sections), so its map never needs re-checking.
const maps = new WeakMap<Scalar, number[]>();

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

function isBreak(text: string, i: number): number {
  if (text[i] === '\n') return 1;
  if (text[i] === '\r' && text[i + 1] === '\n') return 2;
  return 0;
}

/** Plain, single- and double-quoted scalars: line folding, `''` and backslash escapes. */
function decodeFlow(text: string, from: number, to: number, quote: '' | "'" | '"'): Decoded {
  const out: string[] = [];
  const map: number[] = [];
  let i = from;
  let end = to;
  if (quote) {
    i++;
    end--;
  }
  let trailingLiteralWs = 0;
  while (i < end) {
    const br = isBreak(text, i);
    if (br) {
      out.length -= trailingLiteralWs;
      map.length -= trailingLiteralWs;
      trailingLiteralWs = 0;
      const breakPos = i;
      i += br;
      const empties: number[] = [];
      for (;;) {
        while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
        const b = isBreak(text, i);
        if (!b || i >= end) break;
        empties.push(i);
        i += b;
      }
      if (empties.length === 0) {
        out.push(' ');
        map.push(breakPos);
      } else for (const e of empties) {
        out.push('\n');
        map.push(e);
      }
      continue;
    }
    const c = text[i];
    if (quote === "'" && c === "'" && text[i + 1] === "'") {
      out.push("'");
      map.push(i);
      i += 2;
      trailingLiteralWs = 0;
      continue;
    }
    if (quote === '"' && c === '\\') {
      const next = text[i + 1];
      const nb = isBreak(text, i + 1);
      if (nb) {
        // Escaped line break: joins lines without a space, and keeps whitespace before the backslash.
        i += 1 + nb;
        while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
        trailingLiteralWs = 0;
        continue;
      }
      if (next in SIMPLE_ESCAPES) {
        out.push(SIMPLE_ESCAPES[next]);
        map.push(i);
        i += 2;
      } else if (next in HEX_ESCAPES) {
        const n = HEX_ESCAPES[next];
        const code = parseInt(text.slice(i + 2, i + 2 + n), 16);
        const s = Number.isFinite(code) ? String.fromCodePoint(code) : '';
        for (const unit of s.split('')) {
          out.push(unit);
          map.push(i);
        }
        i += 2 + n;
      } else {
        out.push(next ?? '');
        map.push(i);
        i += 2;
      }
      trailingLiteralWs = 0;
      continue;
    }
    out.push(c);
    map.push(i);
    trailingLiteralWs = c === ' ' || c === '\t' ? trailingLiteralWs + 1 : 0;
    i++;
  }
  if (!quote) {
    out.length -= trailingLiteralWs;
    map.length -= trailingLiteralWs;
  }
  map.push(quote ? end : (map.length ? map[map.length - 1] + 1 : from));
  return { value: out.join(''), map };
}

/** Literal `|` and folded `>` block scalars, with chomping and (auto-detected) indentation. */
function decodeBlock(text: string, from: number, to: number, folded: boolean): Decoded | undefined {
  const headerEnd = text.indexOf('\n', from);
  if (headerEnd === -1 || headerEnd >= to) return { value: '', map: [to] };
  const header = text.slice(from + 1, headerEnd).replace(/\s#.*$/, '').trim();
  const chomp = header.includes('-') ? 'strip' : header.includes('+') ? 'keep' : 'clip';
  const lines: { start: number; end: number; breakAt: number }[] = [];
  for (let s = headerEnd + 1; s < to; ) {
    let e = text.indexOf('\n', s);
    if (e === -1 || e > to) e = to;
    const lineEnd = e > s && text[e - 1] === '\r' ? e - 1 : e;
    lines.push({ start: s, end: lineEnd, breakAt: e < to || text[e] === '\n' ? lineEnd : -1 });
    s = e + 1;
  }
  let indent = -1;
  const explicit = /[1-9]/.exec(header);
  if (explicit) {
    const headerLineStart = text.lastIndexOf('\n', from - 1) + 1;
    const headerLine = text.slice(headerLineStart, from);
    indent = headerLine.length - headerLine.trimStart().length + Number(explicit[0]);
  }
  if (indent < 0) for (const l of lines) {
    const body = text.slice(l.start, l.end);
    if (body.trim() !== '') {
      indent = body.length - body.trimStart().length;
      break;
    }
  }
  if (indent < 0) return undefined;
  const out: string[] = [];
  const map: number[] = [];
  // Content lines, each with the offset of its line break (or -1 at end of input).
  const content = lines.map((l) => {
    const raw = text.slice(l.start, l.end);
    const empty = raw.trim() === '' && raw.length <= indent;
    const bodyStart = empty ? l.end : l.start + indent;
    return { bodyStart, body: empty ? '' : text.slice(l.start + indent, l.end), empty: raw.trim() === '', breakAt: l.breakAt };
  });
  let lastText = -1;
  for (let k = 0; k < content.length; k++) if (!content[k].empty) lastText = k;
  for (let k = 0; k <= lastText; k++) {
    const line = content[k];
    for (let j = 0; j < line.body.length; j++) {
      out.push(line.body[j]);
      map.push(line.bodyStart + j);
    }
    if (k === lastText) break;
    const next = content[k + 1];
    const moreIndented = (l: typeof line) => !l.empty && (l.body[0] === ' ' || l.body[0] === '\t');
    if (folded && !line.empty && !moreIndented(line)) {
      // Fold: a single break between text lines becomes a space; with empty lines in between it is dropped.
      let m = k + 1;
      while (m <= lastText && content[m].empty) m++;
      const following = content[m];
      if (following && !moreIndented(following)) {
        if (m === k + 1) {
          out.push(' ');
          map.push(line.breakAt);
        }
        continue;
      }
    }
    void next;
    out.push('\n');
    map.push(line.breakAt);
  }
  if (lastText >= 0 && chomp !== 'strip' && content[lastText].breakAt >= 0) {
    out.push('\n');
    map.push(content[lastText].breakAt);
    if (chomp === 'keep') for (let k = lastText + 1; k < content.length; k++) {
      if (content[k].breakAt < 0) break;
      out.push('\n');
      map.push(content[k].breakAt);
    }
  }
  map.push(map.length ? map[map.length - 1] + 1 : to);
  return { value: out.join(''), map };
}

function decode(text: string, scalar: Scalar): Decoded | undefined {
  const range = scalar.range;
  if (!range) return undefined;
  const [from, valueEnd] = range;
  switch (scalar.type) {
    case Scalar.QUOTE_DOUBLE:
      return decodeFlow(text, from, valueEnd, '"');
    case Scalar.QUOTE_SINGLE:
      return decodeFlow(text, from, valueEnd, "'");
    case Scalar.BLOCK_LITERAL:
      return decodeBlock(text, from, valueEnd, false);
    case Scalar.BLOCK_FOLDED:
      return decodeBlock(text, from, valueEnd, true);
    default:
      return decodeFlow(text, from, valueEnd, '');
  }
}

/**
 * The value→offset map of a scalar, relative to its start (add `scalar.range[0]` for file offsets); falls back to
 * a straight run from the start if decoding disagrees.
 */
function relativeMap(file: ParsedFile, scalar: Scalar): number[] {
  const cached = maps.get(scalar);
  if (cached) return cached;
  const from = scalar.range?.[0] ?? 0;
  const value = typeof scalar.value === 'string' ? scalar.value : String(scalar.source ?? scalar.value ?? '');
  const decoded = decode(file.text, scalar);
  let map: number[];
  if (decoded && decoded.value === value) map = decoded.map.map((o) => o - from);
  else {
    const start = scalar.type === Scalar.QUOTE_DOUBLE || scalar.type === Scalar.QUOTE_SINGLE ? 1 : 0;
    map = Array.from({ length: value.length + 1 }, (_, i) => start + i);
  }
  maps.set(scalar, map);
  return map;
}

/** Maps an offset inside a scalar's decoded value to a file offset, for every scalar style. */
export function valueOffsetToFileOffset(file: ParsedFile, scalar: Scalar, valueOffset: number): number {
  const map = relativeMap(file, scalar);
  const i = Math.max(0, Math.min(Math.floor(valueOffset), map.length - 1));
  return map[i] + (scalar.range?.[0] ?? 0);
}

/** The inverse, for a cursor inside a scalar (undefined if not inside its value). */
export function fileOffsetToValueOffset(file: ParsedFile, scalar: Scalar, fileOffset: number): number | undefined {
  const map = relativeMap(file, scalar);
  const target = fileOffset - (scalar.range?.[0] ?? 0);
  let lo = 0;
  let hi = map.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid] === target) return mid;
    if (map[mid] < target) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** How many file characters produced the value character at `fileOffset` (escapes and `''` take more). */
function sourceLength(text: string, scalar: Scalar, fileOffset: number): number {
  if (scalar.type === Scalar.QUOTE_DOUBLE && text[fileOffset] === '\\') {
    const next = text[fileOffset + 1];
    return next === 'x' ? 4 : next === 'u' ? 6 : next === 'U' ? 10 : 2;
  }
  if (scalar.type === Scalar.QUOTE_SINGLE && text[fileOffset] === "'" && text[fileOffset + 1] === "'") return 2;
  return 1;
}

/** File range [start, end) covering value characters [valueStart, valueEnd). */
export function valueRangeToFileRange(file: ParsedFile, scalar: Scalar, valueStart: number, valueEnd: number): { start: number; end: number } {
  const start = valueOffsetToFileOffset(file, scalar, valueStart);
  if (valueEnd <= valueStart) return { start, end: start };
  const last = valueOffsetToFileOffset(file, scalar, valueEnd - 1);
  return { start, end: Math.max(start, last) + sourceLength(file.text, scalar, last) };
}
