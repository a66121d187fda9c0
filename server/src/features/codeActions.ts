// Quick fixes: one code action per fix the validators attached to a diagnostic overlapping the range.
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver/node';
import type { ParsedFile } from '../document';
import type { CalicoDiagnostic } from '../validation/types';
import { toLspDiagnostic } from './lspDiagnostic';

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Touching counts as overlapping, so a cursor at either end of a diagnostic still offers its fix. */
function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function codeActions(file: ParsedFile, uri: string, range: Range, diagnostics: CalicoDiagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const length = file.text.length;
  const clamp = (offset: number) => Math.min(Math.max(0, offset), length);
  for (const diagnostic of diagnostics) {
    if (!diagnostic.fixes?.length) continue;
    const lsp = toLspDiagnostic(file, diagnostic);
    if (!overlaps(lsp.range, range)) continue;
    for (const fix of diagnostic.fixes) {
      const edits: TextEdit[] = fix.edits.map((e) => ({
        range: { start: file.lines.positionAt(clamp(e.start)), end: file.lines.positionAt(clamp(e.end)) },
        newText: e.newText,
      }));
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        edit: { changes: { [uri]: edits } },
      };
      if (fix.isPreferred) action.isPreferred = true;
      actions.push(action);
    }
  }
  return actions;
}
