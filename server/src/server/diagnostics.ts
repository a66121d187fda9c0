// A file's diagnostics: the validator's (cached per document by validation itself, the one diagnostic cache)
// plus unknown-label warnings, computed with yields on big files, and the last set published per document.
import type { ParsedFile } from '../document';
import type { LabelIndex } from '../labels';
import { validateDocument, validateFile, type CalicoDiagnostic, type ValidationOptions } from '../validation';
import { LabelDiagnosticsCache } from './labelDiagnostics';
import { yieldToEventLoop } from './safeHandler';

/** How long validation may run before letting other messages through. */
const SLICE_MS = 8;

export class DiagnosticsService {
  private readonly published = new Map<string, { version: number; diagnostics: CalicoDiagnostic[] }>();
  private readonly labelWarnings = new LabelDiagnosticsCache();

  /** The validator's diagnostics, yielding between documents; undefined when `isStale` says they are no longer wanted. */
  async compute(file: ParsedFile, options: ValidationOptions, isStale: () => boolean): Promise<CalicoDiagnostic[] | undefined> {
    const out: CalicoDiagnostic[] = [];
    let sliceStart = performance.now();
    // Every document of a policy file: the validator itself skips foreign resources (a Deployment beside a policy).
    for (const doc of file.documents) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        if (isStale()) return undefined;
        sliceStart = performance.now();
      }
      for (const d of validateDocument(doc, file, options)) out.push(d);
    }
    return out;
  }

  /** "Unknown label" warnings; a failure there is logged and never hides the validator's diagnostics. */
  labelDiagnostics(file: ParsedFile, labels: LabelIndex | undefined, log: (message: string) => void): CalicoDiagnostic[] {
    if (!labels) return [];
    try {
      return this.labelWarnings.compute(file, labels);
    } catch (error) {
      log(`unknown-label check failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return [];
    }
  }

  /** The diagnostics of a document version: the published ones, or computed now if the debounced run has not caught up. */
  forVersion(uri: string, version: number, file: ParsedFile, options: ValidationOptions, labels: LabelIndex | undefined, log: (m: string) => void): CalicoDiagnostic[] {
    const hit = this.published.get(uri);
    if (hit && hit.version === version) return hit.diagnostics;
    return [...validateFile(file, options), ...this.labelDiagnostics(file, labels, log)];
  }

  remember(uri: string, version: number, diagnostics: CalicoDiagnostic[]): void {
    this.published.set(uri, { version, diagnostics });
  }

  isPublished(uri: string): boolean {
    return this.published.has(uri);
  }

  /** Forgets a document's diagnostics; true when some had been published. */
  forget(uri: string): boolean {
    return this.published.delete(uri);
  }
}
