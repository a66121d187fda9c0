// "Unknown label" warnings per document, recomputed only for documents that changed or when the
// known label keys changed, so an edit in a big file re-checks one document, not all of them. They depend on
// label data, not only on the text, so they are kept beside the validator's cache, moved the same way.
import type { ParsedDocument, ParsedFile } from '../document';
import { unknownLabelDiagnostics, type LabelDiagnostic, type LabelIndex } from '../labels';
import { KnownLabelKeys } from '../labels/unknownLabels';
import { shiftDiagnostic } from '../validation';

interface Cached {
  fingerprint: string;
  relative: LabelDiagnostic[];
}

export class LabelDiagnosticsCache {
  private readonly cache = new WeakMap<ParsedDocument, Cached>();

  compute(file: ParsedFile, index: LabelIndex): LabelDiagnostic[] {
    if (!index.isLoaded()) return [];
    const fingerprint = keysFingerprint(index);
    const out: LabelDiagnostic[] = [];
    // One key lookup per scope for the whole file, not per document.
    const known = new KnownLabelKeys(index);
    for (const doc of file.documents) {
      // A document object is re-used by the parser only while its text is unchanged.
      const hit = this.cache.get(doc);
      if (hit && hit.fingerprint === fingerprint) {
        for (const d of hit.relative) out.push(shiftDiagnostic(d, doc.start));
        continue;
      }
      const found = unknownLabelDiagnostics({ text: file.text, lines: file.lines, documents: [doc] }, index, known);
      this.cache.set(doc, { fingerprint, relative: found.map((d) => shiftDiagnostic(d, -doc.start)) });
      out.push(...found);
    }
    return out;
  }
}

/** Which keys exist (and how often): changes whenever label data that could affect the warnings changes. */
function keysFingerprint(index: LabelIndex): string {
  // The sources' description is part of each message, so it belongs to the fingerprint too.
  const parts: string[] = [index.describeSources()];
  for (const scope of [{ kind: 'endpoints' } as const, { kind: 'namespaces' } as const, { kind: 'serviceAccounts' } as const]) {
    parts.push(scope.kind, ...index.keys(scope).map((k) => `${k.key}=${k.count}`));
  }
  return parts.join('\u0000');
}
