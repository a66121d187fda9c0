// The diagnostic model the server, the CLI and quick fixes share.
import type { CalicoEdition } from '../settings';
import type { ParsedDocument, ParsedFile } from '../document';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface DiagnosticFix {
  title: string;
  edits: { start: number; end: number; newText: string }[];
  isPreferred?: boolean;
}

export interface CalicoDiagnostic {
  /** Stable rule ID, e.g. 'RULE-PORTS-PROTO'. */
  code: string;
  severity: Severity;
  /** What is wrong and what would be right. */
  message: string;
  /** FILE offsets (exact characters, inside selector strings too). */
  start: number;
  end: number;
  /** Unambiguous quick fixes; the editor turns these into code actions. */
  fixes?: DiagnosticFix[];
}

export type { CalicoEdition };

export interface ValidationOptions {
  /** 'latest' or e.g. '3.27'. */
  calicoVersion: string;
  /** Default `auto`. */
  edition?: CalicoEdition;
  /** Tier names that exist (built-in, workspace, cluster); undefined turns POL-TIER-EXISTS off. */
  knownTiers?: ReadonlySet<string>;
}

export interface Validator {
  id: string;
  validate(doc: ParsedDocument, file: ParsedFile, options: ValidationOptions): CalicoDiagnostic[];
}
