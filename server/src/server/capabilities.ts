// What the connected editor can do, read once from `initialize` so features never re-inspect raw capabilities.
import { MarkupKind, type ClientCapabilities } from 'vscode-languageserver/node';
import type { ClientFeatures } from '../features/clientFeatures';

export type { ClientFeatures };

export function readClientFeatures(capabilities: ClientCapabilities | undefined): ClientFeatures {
  const c = capabilities ?? {};
  const text = c.textDocument ?? {};
  const item = text.completion?.completionItem ?? {};
  return {
    snippets: item.snippetSupport === true,
    markdownHover: (text.hover?.contentFormat ?? []).includes(MarkupKind.Markdown),
    markdownCompletionDocs: (item.documentationFormat ?? []).includes(MarkupKind.Markdown),
    completionLabelDetails: item.labelDetailsSupport === true,
    configuration: c.workspace?.configuration === true,
    dynamicConfiguration: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    workspaceFolders: c.workspace?.workspaceFolders === true,
    diagnosticVersions: text.publishDiagnostics?.versionSupport === true,
    relatedInformation: text.publishDiagnostics?.relatedInformation === true,
    hierarchicalSymbols: text.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    dynamicFileWatching: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
  };
}
