// Tells the server which lines of each YAML document the editors show, so on big files it sends code lenses
// only around them (and asks for fresh ones when a scroll goes past what it sent).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { VisibleRangesNotification, type VisibleRangesParams } from '../../protocol';

/** Scrolling fires many events; the server needs the place the editor settled at. */
const SETTLE_MS = 100;

export function reportVisibleRanges(client: LanguageClient): vscode.Disposable {
  /** URIs last reported as shown, to report them hidden when no editor shows them any more. */
  const shown = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const send = () => {
    timer = undefined;
    const byUri = new Map<string, VisibleRangesParams['ranges']>();
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.languageId !== 'yaml') continue;
      const uri = editor.document.uri.toString();
      const ranges = byUri.get(uri) ?? [];
      for (const r of editor.visibleRanges) ranges.push({ start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } });
      byUri.set(uri, ranges);
    }
    for (const uri of shown) if (!byUri.has(uri)) byUri.set(uri, []);
    shown.clear();
    for (const [uri, ranges] of byUri) {
      if (ranges.length > 0) shown.add(uri);
      const params: VisibleRangesParams = { uri, ranges };
      void client.sendNotification(VisibleRangesNotification, params);
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(send, SETTLE_MS);
  };
  const subscriptions = [vscode.window.onDidChangeTextEditorVisibleRanges(schedule), vscode.window.onDidChangeVisibleTextEditors(schedule)];
  send();
  return new vscode.Disposable(() => {
    if (timer) clearTimeout(timer);
    for (const s of subscriptions) s.dispose();
  });
}
