// Semantic tokens for the parts of selector strings (keys, operators, values, functions), mapped to
// exact file positions through the YAML scalar, whatever its quoting style. Tokens are computed per
// document and kept while the document's text is unchanged; a moved document only moves its first token.
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver/node';
import { isCalicoDocument, selectorSites, type ParsedDocument, type ParsedFile } from '../document';
import { scalarRangeMapper } from './selectorContext';
import { tokenizeSelector, type SelectorTokenKind } from '../selector';

/** Standard token types only, so every theme colours them. */
export const semanticTokensLegend: SemanticTokensLegend = {
  tokenTypes: ['property', 'operator', 'string', 'function'],
  tokenModifiers: [],
};

const TYPE_OF: Partial<Record<SelectorTokenKind, number>> = {
  label: 0,
  operator: 1,
  logical: 1,
  string: 2,
  function: 3,
};

/** One document's tokens in LSP's relative encoding, its first token's line counted from the document's first line. */
export interface TokenChunk {
  data: number[];
  /** Line (from the document's first line) and character of the last token, to place the next chunk after it. */
  lastLine: number;
  lastChar: number;
}

/** A chunk at its place in the file: `head` is its first token's (deltaLine, deltaStart) from the token before it. */
export interface PlacedChunk {
  chunk: TokenChunk;
  head: [number, number];
}

const EMPTY: TokenChunk = { data: [], lastLine: 0, lastChar: 0 };
// Keyed by the document object: valid while it lives (ParsedDocument's reuse invariant); lines are relative.
const chunks = new WeakMap<ParsedDocument, TokenChunk>();

interface Token {
  line: number;
  character: number;
  length: number;
  type: number;
}

/** The document's tokens, computed on first use after its text changed. */
export function documentTokens(file: ParsedFile, doc: ParsedDocument): TokenChunk {
  if (!isCalicoDocument(doc)) return EMPTY;
  const hit = chunks.get(doc);
  if (hit) return hit;
  const found: Token[] = [];
  for (const site of selectorSites(doc)) {
    const toFile = scalarRangeMapper(file, site.scalar, site.text);
    for (const token of tokenizeSelector(site.text).tokens) {
      const type = TYPE_OF[token.kind];
      if (type === undefined) continue;
      const { start, end } = toFile(token.start, token.end);
      pushSplitByLine(file, start, end, type, found);
    }
  }
  found.sort((a, b) => a.line - b.line || a.character - b.character);
  const base = file.lines.positionAt(doc.start).line;
  const data: number[] = [];
  let line = base;
  let character = 0;
  for (const t of found) {
    const dl = t.line - line;
    data.push(dl, dl === 0 ? t.character - character : t.character, t.length, t.type, 0);
    line = t.line;
    character = t.character;
  }
  const last = found[found.length - 1];
  const chunk: TokenChunk = found.length ? { data, lastLine: last.line - base, lastChar: last.character } : EMPTY;
  chunks.set(doc, chunk);
  return chunk;
}

/** Whether a document overlaps the file offsets [from, to] (the whole file by default). */
export function overlaps(doc: ParsedDocument, from = 0, to = Infinity): boolean {
  return !((doc.end <= from && from > 0) || doc.start > to);
}

/** Places each document's chunk after the previous one; `chunkOf` supplies the (cached) chunks in file order. */
export function placeChunks(file: ParsedFile, docs: Iterable<ParsedDocument>, chunkOf: (doc: ParsedDocument) => TokenChunk = (d) => documentTokens(file, d)): PlacedChunk[] {
  const placed: PlacedChunk[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const doc of docs) {
    const chunk = chunkOf(doc);
    if (chunk.data.length === 0) continue;
    const base = file.lines.positionAt(doc.start).line;
    const firstLine = base + chunk.data[0];
    const firstChar = chunk.data[1];
    const dl = firstLine - prevLine;
    placed.push({ chunk, head: [dl, dl === 0 ? firstChar - prevChar : firstChar] });
    prevLine = base + chunk.lastLine;
    prevChar = chunk.lastChar;
  }
  return placed;
}

/** The LSP token data of placed chunks [from, to). */
export function encodeChunks(placed: readonly PlacedChunk[], from = 0, to = placed.length): number[] {
  let size = 0;
  for (let i = from; i < to; i++) size += placed[i].chunk.data.length;
  const out = new Array<number>(size);
  let at = 0;
  for (let i = from; i < to; i++) {
    const { chunk, head } = placed[i];
    const data = chunk.data;
    out[at] = head[0];
    out[at + 1] = head[1];
    for (let k = 2; k < data.length; k++) out[at + k] = data[k];
    at += data.length;
  }
  return out;
}

/** Tokens of the whole file, or only of documents overlapping the file offsets [from, to]. */
export function selectorSemanticTokens(file: ParsedFile, from = 0, to = Infinity): SemanticTokens {
  return { data: encodeChunks(placeChunks(file, file.documents.filter((d) => overlaps(d, from, to)))) };
}

/** A token folded over several YAML lines becomes one token per line (LSP tokens cannot span lines). */
function pushSplitByLine(file: ParsedFile, start: number, end: number, type: number, out: Token[]): void {
  let from = start;
  while (from < end) {
    const nl = file.text.indexOf('\n', from);
    const to = nl < 0 || nl >= end ? end : nl;
    if (to > from) {
      const pos = file.lines.positionAt(from);
      let length = to - from;
      if (file.text[to - 1] === '\r') length--;
      if (length > 0) out.push({ line: pos.line, character: pos.character, length, type });
    }
    from = to + 1;
    // Skip the next line's indentation.
    while (from < end && (file.text[from] === ' ' || file.text[from] === '\t')) from++;
  }
}
