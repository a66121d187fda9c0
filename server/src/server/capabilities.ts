// What the connected editor can do, read once from `initialize` so features never re-inspect raw capabilities.
import { MarkupKind, type ClientCapabilities } from 'vscode-languageserver/node';

export interface ClientFeatures {
  /** Completion items may carry snippet text (`${1:placeholder}`). */
  snippets: boolean;
  /** Hover contents may be Markdown. */
  markdownHover: boolean;
  /** Completion documentation may be Markdown. */
  markdownCompletionDocs: boolean;
  /** `CompletionItem.labelDetails` is shown. */
  completionLabelDetails: boolean;
  /** The client answers `workspace/configuration`. */
  configuration: boolean;
  /** The client wants `workspace/didChangeConfiguration` registered dynamically. */
  dynamicConfiguration: boolean;
  /** The client tracks workspace folders. */
  workspaceFolders: boolean;
  /** Published diagnostics may carry the document version. */
  diagnosticVersions: boolean;
  /** Diagnostics may carry related information. */
  relatedInformation: boolean;
  /** Document symbols may be hierarchical. */
  hierarchicalSymbols: boolean;
  /** The server may ask the client to watch files (so workspace label sources see edits on disk). */
  dynamicFileWatching: boolean;
}

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
