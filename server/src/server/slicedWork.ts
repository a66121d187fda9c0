// Long per-document work inside a request: yields to the event loop every few milliseconds, and stops
// when the client cancelled the request or the document changed meanwhile (its model is then outdated).
import type { CancellationToken } from 'vscode-languageserver/node';
import type { DocumentStore } from './documentStore';
import { cancelled, ContentModifiedError, yieldToEventLoop } from './safeHandler';

/** Work at most this long between yields. */
const SLICE_MS = 8;

export class SlicedWork {
  private sliceStart = performance.now();

  constructor(
    private readonly documents: DocumentStore,
    private readonly uri: string,
    private readonly version: number,
    private readonly token: CancellationToken,
  ) {}

  /** Call between units of work; resolves at once unless the slice is used up. Throws when the work is stale. */
  async checkpoint(): Promise<void> {
    if (performance.now() - this.sliceStart <= SLICE_MS) return;
    await yieldToEventLoop();
    this.sliceStart = performance.now();
    if (this.token.isCancellationRequested) throw cancelled();
    if (this.documents.get(this.uri)?.version !== this.version) throw new ContentModifiedError();
  }
}
