// Open documents and their one parsed model per version, shared by diagnostics and every request.
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ParsedFileCache, splitSections } from '../document/parse';
import { yieldToEventLoop } from './safeHandler';
import type { ParsedFile } from '../document/types';

export interface DocumentModel {
  uri: string;
  version: number;
  document: TextDocument;
  file: ParsedFile;
}

/** About this many characters are parsed between yields when a big document is first opened. */
const SLICE_CHARS = 64 * 1024;

export class DocumentStore {
  readonly documents = new TextDocuments(TextDocument);
  private readonly parsed = new ParsedFileCache();
  /** Documents parsed at least once (later versions re-parse only edited sections). */
  private readonly seen = new Set<string>();

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /** The parsed model of the document's current version (parsed once per version). */
  model(uri: string): DocumentModel | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const file = this.parsed.get(uri, document.version, document.getText());
    this.seen.add(uri);
    return { uri, version: document.version, document, file };
  }

  /**
   * Like `model`, but a big document seen for the first time is parsed a slice of `---` sections at a
   * time, yielding in between so requests about other documents are answered meanwhile. Each slice
   * is a prefix of the file, so the next parse reuses the sections already done.
   */
  async modelInSlices(uri: string, isStale: () => boolean): Promise<DocumentModel | undefined> {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const text = document.getText();
    if (text.length > SLICE_CHARS && !this.seen.has(uri)) {
      const sections = splitSections(text);
      let next = SLICE_CHARS;
      let slice = 0;
      for (const [, end] of sections) {
        if (end < next || end >= text.length) continue;
        this.parsed.get(uri, -(++slice), text.slice(0, end));
        next = end + SLICE_CHARS;
        await yieldToEventLoop();
        if (isStale() || this.documents.get(uri)?.version !== document.version) return undefined;
      }
    }
    this.seen.add(uri);
    return this.model(uri);
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
    this.seen.delete(uri);
  }

  all(): TextDocument[] {
    return this.documents.all();
  }
}
