// Lenses of one document computed once per text and moved by lines when the document moved (ParsedDocument's
// reuse invariant), for lens makers that read a whole file: they are given a file holding just that document.
// Only for lenses whose commands carry no positions (only their ranges are moved).
import type { CodeLens } from 'vscode-languageserver/node';
import type { ParsedDocument, ParsedFile } from '../document';

interface Cached {
  relative: CodeLens[];
  placedAt: number;
  placed: CodeLens[];
}

const cache = new WeakMap<ParsedDocument, Map<string, Cached>>();

function moved(lenses: CodeLens[], by: number): CodeLens[] {
  return lenses.map((l) => ({
    ...l,
    range: { start: { line: l.range.start.line + by, character: l.range.start.character }, end: { line: l.range.end.line + by, character: l.range.end.character } },
  }));
}

/** `make`'s lenses for `doc` alone; `key` names the maker and any input besides the text (e.g. the URI). */
export function perDocumentLenses(file: ParsedFile, doc: ParsedDocument, key: string, make: (single: ParsedFile) => CodeLens[]): CodeLens[] {
  const line = file.lines.positionAt(doc.start).line;
  let byKey = cache.get(doc);
  const hit = byKey?.get(key);
  if (hit) {
    if (hit.placedAt !== line) {
      hit.placed = moved(hit.relative, line);
      hit.placedAt = line;
    }
    return hit.placed;
  }
  const placed = make({ ...file, documents: [doc] });
  if (!byKey) cache.set(doc, (byKey = new Map()));
  byKey.set(key, { relative: moved(placed, -line), placedAt: line, placed });
  return placed;
}
