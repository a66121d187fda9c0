// The validator the server runs per document (the shared validation engine, also used by the CLI).
import type { ParsedDocument, ParsedFile } from '../document';
import { validateDocument, type CalicoDiagnostic, type ValidationOptions } from '../validation';

export type { CalicoDiagnostic };

export function validateForServer(doc: ParsedDocument, file: ParsedFile, options: ValidationOptions): CalicoDiagnostic[] {
  return validateDocument(doc, file, options);
}
