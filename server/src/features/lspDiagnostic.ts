// Converts the validator's diagnostics (file offsets) to LSP diagnostics (line/character ranges).
import { DiagnosticSeverity, type Diagnostic, type Position } from 'vscode-languageserver/node';
import type { ParsedFile } from '../document';
import type { CalicoDiagnostic } from '../validation';

const severities: Record<CalicoDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `where` maps file offsets to positions: a parsed file, or a faster mapper such as the TextDocument's. */
export function toLspDiagnostic(where: ParsedFile | ((offset: number) => Position), d: CalicoDiagnostic): Diagnostic {
  const positionAt = typeof where === 'function' ? where : (offset: number) => where.lines.positionAt(offset);
  return {
    range: { start: positionAt(d.start), end: positionAt(d.end) },
    severity: severities[d.severity] ?? DiagnosticSeverity.Error,
    code: d.code,
    source: 'calico',
    message: d.message,
  };
}
