// Shared steps for the extension-host tests: activate the extension, open examples, wait for the server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CalicoExtensionApi } from '../../../client/src/extension';

export const extensionId = 'calico-policy.calico-policy';

export async function calicoApi(): Promise<CalicoExtensionApi> {
  const ext = vscode.extensions.getExtension<CalicoExtensionApi>(extensionId);
  assert.ok(ext, `extension ${extensionId} is loaded`);
  const api = await ext.activate();
  await api.ready;
  return api;
}

/** Polls until `probe` returns a value that is not undefined/false; on timeout says what was last seen. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20000,
  lastSeen?: () => unknown,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const seen = lastSeen ? `; last seen: ${JSON.stringify(lastSeen())}` : '';
      throw new Error(`timed out waiting for ${what}${seen}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function describeDiagnostics(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).map((d) => `${d.source}/${codeOf(d)}@${show(d.range)}: ${d.message}`);
}

export function exampleUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the examples folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export async function openExample(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(exampleUri(relative));
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'yaml');
  return doc;
}

export async function openUntitled(content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  await vscode.window.showTextDocument(doc);
  return doc;
}

export function calicoDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'calico');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Range of the `occurrence`-th appearance of `text` in the document (0-based), searched from `after` if given. */
export function rangeOf(doc: vscode.TextDocument, text: string, after?: string): vscode.Range {
  const all = doc.getText();
  const from = after ? all.indexOf(after) : 0;
  assert.ok(from >= 0, `${JSON.stringify(after)} is in ${doc.uri.path}`);
  const start = all.indexOf(text, from);
  assert.ok(start >= 0, `${JSON.stringify(text)} is in ${doc.uri.path}`);
  return new vscode.Range(doc.positionAt(start), doc.positionAt(start + text.length));
}

export function show(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Labels of the items our server offered (word-based suggestions carry no detail or documentation). */
export function completionLabels(list: vscode.CompletionList): string[] {
  return list.items
    .filter((i) => i.detail || i.documentation || (typeof i.label !== 'string' && i.label.description))
    .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}
