// Semantic tokens for the parts of selector strings (keys, operators, values, functions), mapped to
// exact file positions through the YAML scalar, whatever its quoting style.
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver/node';
import { isCalicoDocument, selectorSites, type ParsedFile } from '../document';
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

/** Tokens of the whole file, or only of documents overlapping the file offsets [from, to]. */
export function selectorSemanticTokens(file: ParsedFile, from = 0, to = Infinity): SemanticTokens {
  const found: { line: number; character: number; length: number; type: number }[] = [];
  for (const doc of file.documents) {
    if ((doc.end <= from && from > 0) || doc.start > to || !isCalicoDocument(doc)) continue;
    for (const site of selectorSites(doc)) {
      const toFile = scalarRangeMapper(file, site.scalar, site.text);
      for (const token of tokenizeSelector(site.text).tokens) {
        const type = TYPE_OF[token.kind];
        if (type === undefined) continue;
        const { start, end } = toFile(token.start, token.end);
        pushSplitByLine(file, start, end, type, found);
      }
    }
  }
  found.sort((a, b) => a.line - b.line || a.character - b.character);
  const builder = new SemanticTokensBuilder();
  for (const t of found) builder.push(t.line, t.character, t.length, t.type, 0);
  return builder.build();
}

/** A token folded over several YAML lines becomes one token per line (LSP tokens cannot span lines). */
function pushSplitByLine(
  file: ParsedFile,
  start: number,
  end: number,
  type: number,
  out: { line: number; character: number; length: number; type: number }[],
): void {
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
