// What the connected editor can do, as features need to know it (read from `initialize` by the server).
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
