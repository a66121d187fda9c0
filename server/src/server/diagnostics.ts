// Computes a file's Calico diagnostics document by document, reusing results for documents whose
// text did not change, yielding to the event loop on big files, and converting them to LSP.
import { DiagnosticSeverity, type Diagnostic, type Position } from 'vscode-languageserver/node';
import type { ParsedDocument, ParsedFile } from '../document/types';
import { yieldToEventLoop } from './safeHandler';

/** The validator's diagnostic (validation contract), offsets are file offsets. */
export interface CalicoDiagnosticLike {
  code: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  start: number;
  end: number;
  fixes?: unknown[];
}

/** What a document's diagnostics depend on besides its text (the per-resource settings and the known tiers). */
export interface DocumentOptions {
  calicoVersion: string;
  edition?: 'auto' | 'oss' | 'enterprise';
  knownTiers?: ReadonlySet<string>;
}

export type DocumentValidator<D extends CalicoDiagnosticLike> = (doc: ParsedDocument, file: ParsedFile, options: DocumentOptions) => D[];

function optionsKey(o: DocumentOptions): string {
  return `${o.calicoVersion}|${o.edition ?? 'auto'}|${o.knownTiers ? [...o.knownTiers].sort().join(',') : '*'}`;
}

interface CachedValidation<D> {
  key: string;
  /** Offsets relative to the document start, so a moved document reuses them. */
  relative: D[];
}

/** How long validation may run before letting other messages through. */
const SLICE_MS = 8;

export class DiagnosticsComputer<D extends CalicoDiagnosticLike> {
  private readonly cache = new WeakMap<ParsedDocument, CachedValidation<D>>();

  constructor(private readonly validate: DocumentValidator<D>) {}

  /** All diagnostics of the file, synchronously (for requests that need them now). */
  computeNow(file: ParsedFile, options: DocumentOptions): D[] {
    const out: D[] = [];
    for (const doc of file.documents) out.push(...this.forDocument(doc, file, options));
    return out;
  }

  /** Same, but yields between documents; returns undefined when `isStale` says the work is no longer wanted. */
  async compute(file: ParsedFile, options: DocumentOptions, isStale: () => boolean): Promise<D[] | undefined> {
    const out: D[] = [];
    let sliceStart = performance.now();
    // Every document of a policy file: the validator itself skips foreign resources (a Deployment beside a policy).
    for (const doc of file.documents) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        if (isStale()) return undefined;
        sliceStart = performance.now();
      }
      out.push(...this.forDocument(doc, file, options));
    }
    return out;
  }

  private forDocument(doc: ParsedDocument, file: ParsedFile, options: DocumentOptions): D[] {
    const key = optionsKey(options);
    // The parser re-uses a document object only while its text is unchanged, so identity is the text key.
    const hit = this.cache.get(doc);
    if (hit && hit.key === key) return hit.relative.map((d) => shift(d, doc.start));
    const found = this.validate(doc, file, options);
    this.cache.set(doc, { key, relative: found.map((d) => shift(d, -doc.start)) });
    return found;
  }
}

function shift<D extends CalicoDiagnosticLike>(d: D, delta: number): D {
  if (delta === 0) return d;
  return { ...d, start: d.start + delta, end: d.end + delta, fixes: d.fixes?.map((f) => shiftFix(f, delta)) };
}

function shiftFix(fix: unknown, delta: number): unknown {
  const f = fix as { edits?: { start: number; end: number; newText: string }[] };
  if (!f || !Array.isArray(f.edits)) return fix;
  return { ...f, edits: f.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })) };
}

const severities: Record<CalicoDiagnosticLike['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `where` maps file offsets to positions: a parsed file, or a faster mapper such as the TextDocument's. */
export function toLspDiagnostic(where: ParsedFile | ((offset: number) => Position), d: CalicoDiagnosticLike): Diagnostic {
  const positionAt = typeof where === 'function' ? where : (offset: number) => where.lines.positionAt(offset);
  return {
    range: { start: positionAt(d.start), end: positionAt(d.end) },
    severity: severities[d.severity] ?? DiagnosticSeverity.Error,
    code: d.code,
    source: 'calico',
    message: d.message,
  };
}
